// Package ghltest is an in-memory fake of HighLevel's API v2 (services.leadconnectorhq.com) for tests.
//
// A Server speaks HighLevel's wire format from its own definitions: it checks bearer tokens, scopes,
// locations and the Version header, limits requests per location the way HighLevel does (a burst budget per
// sliding window and a daily budget, both reported in X-RateLimit-* headers on every response), answers errors
// in HighLevel's body shape, records every request, and can be told to misbehave (InjectFault) so that retry
// and recovery code can be tested against resets, truncated bodies, stalls and error statuses.
//
// Its answers carry what HighLevel's do beyond the spec (a contact's type, attribution, createdBy, lower-cased
// names; UUID traceIds), so that code tested against it does not break on real answers. WithWebhookTarget
// makes it deliver, signed, the webhook events its writes cause; WithListener serves it on an address of one's
// own and WithAcceptedVersions serves the Version values other languages' SDKs send, which is how cmd/ghltest
// runs it as a standalone server.
//
// Time comes from an injectable Clock (WithClock), so rate limits and token expiry can be tested without
// sleeping.
//
// The package imports nothing but the standard library, so it can be used from any module's tests.
package ghltest
