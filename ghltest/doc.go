// Package ghltest is an in-memory fake of HighLevel's API v2 (services.leadconnectorhq.com) for tests.
//
// A Server speaks HighLevel's wire format from its own definitions: it checks bearer tokens, scopes,
// locations and the Version header, limits requests per location the way HighLevel does (a burst budget per
// sliding window and a daily budget, both reported in X-RateLimit-* headers on every response), answers errors
// in HighLevel's body shape, records every request, and can be told to misbehave (InjectFault) so that retry
// and recovery code can be tested against resets, truncated bodies, stalls and error statuses.
//
// Besides the contacts API (contacts, tags, tasks, notes, a contact's appointments) it serves the parts of the
// calendars, businesses and locations APIs the SDK wraps: calendars and their free slots, appointment events,
// businesses, and custom field definitions. Each route checks the Version its spec names (CalendarsAPIVersion
// for the calendars API, APIVersion for the others) and the scope its spec names; tokens made without scopes
// carry IssuedScopes, every scope a route declares. AddCalendar, AddBusiness and AddCustomField seed them, and
// SeedLocation gives a location a demo calendar, two businesses and two custom fields.
//
// Its answers carry what HighLevel's do beyond the spec (a contact's type, attribution, createdBy, lower-cased
// names; UUID traceIds), so that code tested against it does not break on real answers. WithWebhookTarget
// makes it deliver, signed, the webhook events its writes cause; WithListener serves it on an address of one's
// own and WithAcceptedVersions serves, on every route, the Version values other languages' SDKs send, which is how cmd/ghltest
// runs it as a standalone server.
//
// Its OAuth side has a consent page, the token endpoint with rotating refresh tokens, location tokens minted
// from agency tokens, and GET /oauth/installedLocations. Install, InstallAgency, Uninstall and UninstallAgency
// change where the app is installed (an uninstalled location's OAuth tokens stop working and no location token
// is minted for it) and, with WithWebhookTarget, deliver the signed INSTALL and UNINSTALL events.
//
// Time comes from an injectable Clock (WithClock), so rate limits and token expiry can be tested without
// sleeping.
//
// The package imports nothing but the standard library, so it can be used from any module's tests.
package ghltest
