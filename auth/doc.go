// Package auth supplies the tokens the ghl client sends: Private Integration Tokens, static access tokens, and
// the tokens of a HighLevel OAuth app, refreshed and stored safely.
//
// # OAuth apps
//
// An App builds HighLevel's authorize URL (AuthCodeURL), exchanges the code it gets back (Exchange) and hands
// the token to a Store (Connect). Its Source then gives the client a current access token: it refreshes before
// the token expires (RefreshSkew ahead) and once after HighLevel answers 401 for the token.
//
// HighLevel's refresh tokens rotate: a refresh spends the refresh token it sends, and a pair that is not saved is
// lost until the app is installed again. So a refresh happens under the Store's lock for the token's key: the
// Source takes the lock, reads the stored token again (another process may have refreshed it already, in which
// case that token is used and nothing is sent), sends the refresh once, saves the new pair, and only then
// unlocks and uses it. Inside one process concurrent callers share one refresh per key. A refresh that HighLevel
// rejects returns an error matching ErrReauthorize and leaves the stored token as it was.
//
// # Stores
//
// MemoryStore keeps tokens for one process; FileStore keeps one JSON file per key and locks across processes
// with an advisory file lock. Any Store must pass the tests in package auth/storetest.
//
// # Agency tokens
//
// A Source on a Company token mints location tokens (ForLocation), stores them under the location's key and
// refreshes them like any other; concurrent mints for one location are made once. Minting needs the oauth.write
// scope on the agency token: an agency app asks for AgencyScopes, not DefaultScopes.
//
// # Installs
//
// Installs keeps a Store in step with HighLevel's INSTALL and UNINSTALL deliveries (webhook.HandleAppLifecycle
// calls it). A location's install mints its token from the agency token and stores it; an agency's install
// mints nothing, its locations being minted on first use (Source.InstalledLocations lists them). An uninstall
// replaces the stored token with a tombstone (Token.Uninstalled), after which no Source refreshes or mints for
// that key, or for the locations of an uninstalled agency, and calls fail with an error matching
// ErrUninstalled and ErrReauthorize. Both are idempotent under the Store's lock and compare the delivery's
// timestamp with what is stored, so redeliveries, replicas and stale deliveries change nothing twice.
//
// # Scopes and errors
//
// DefaultScopes (contacts.readonly, contacts.write) cover every call of the resource packages; AgencyScopes adds
// oauth.write (location tokens) and oauth.readonly (installed locations). HighLevel's 401 "not authorized for
// this scope", from the API or from a token endpoint, matches api.ErrScope and api.ErrUnauthorized (ghl's
// sentinels are the same values). Bad arguments are *ArgumentError values naming the Go field, matching
// api.ErrInvalidArgument; ErrOutcomeUnknown is api.ErrOutcomeUnknown.
//
// # Restarts
//
// Connect stores the token it is given. A process that keeps its installation pair and connects again at start
// calls ConnectIfNewer, which keeps a token the Store got from a later refresh.
//
// # Secrets
//
// Token, App and the sources print without secrets through fmt (every verb) and log/slog. Errors never contain
// a token, a refresh token or the client secret.
package auth
