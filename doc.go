// Package ghl is a client for HighLevel's API v2 (LeadConnector): contacts and their tasks, notes, appointments
// and tags.
//
// # Getting started
//
//	client, err := ghl.NewClient(
//		ghl.WithTokenSource(auth.PrivateToken(os.Getenv("GHL_TOKEN"))),
//		ghl.WithLocationID(os.Getenv("GHL_LOCATION_ID")),
//	)
//
// Every call takes a context first. A Client is safe for concurrent use; ForLocation gives a view for another
// location that shares the connection pool.
//
// # Authentication
//
// Requests carry "Authorization: Bearer <token>" from a TokenSource and the "Version: 2021-07-28" header. A source
// that implements TokenRefresher is asked once for a new token after a 401 about the token, and the request is
// sent once more within the same attempts; a 401 that says the token lacks a scope returns ErrScope at once.
//
// # Rate limits and retries
//
// Each location keeps a log of its sends and never lets a window of 10 seconds hold more than 99 of them
// (HighLevel allows 100), counting a send from the moment its slot is reserved, so a late send on a busy machine
// cannot push a window over. The client also slows down when HighLevel's X-RateLimit-Remaining reaches 0.
// Reads and idempotent writes are retried on network errors, 502/503/504, success bodies cut short and burst
// 429s, with exponential backoff and full jitter, honouring Retry-After (capped at the retry policy's MaxDelay);
// after a burst 429 the location waits until its oldest send leaves the window. X-RateLimit-Interval-Milliseconds
// is capped at the configured window. One call sends at most the retry policy's MaxAttempts requests (4 by
// default), the one after a token refresh included. Creates are never resent once they may have reached
// HighLevel. A 429 for the daily limit is not retried: it returns ErrDailyLimit.
//
// # Errors
//
// A non-2xx answer is an *Error (status, HighLevel's messages, trace ID, rate-limit headers). Match kinds with
// errors.Is:
//
//   - ErrNotFound, ErrUnauthorized, ErrScope, ErrForbidden, ErrValidation, ErrServer: what HighLevel answered.
//   - ErrRateLimited: a 429 from HighLevel reached the caller; with ErrDailyLimit when the daily budget is spent.
//   - ErrWaitPastDeadline: nothing was sent, because the wait for the location's budget would end after the
//     context's deadline. It matches context.DeadlineExceeded too, never ErrRateLimited.
//   - ErrTemporary: the retries ran out on a failure a later try may cure (502/503/504, a network failure, a body
//     cut short, a burst 429). A create matches it only when it surely was not applied.
//   - ErrOutcomeUnknown: a create may or may not have been applied (and the lookup that follows could not find
//     the record). Do not resend it blindly.
//
// A success whose body was cut short on every attempt is a *BodyError; a complete body that is not the expected
// JSON is a *DecodeError. Bad input is caught before any request as an *ArgumentError that matches
// ErrInvalidArgument and names the field. No error string or log line contains a token.
//
// # Dates
//
// Every date of a record, in an API answer or a webhook delivery, is an api.Time: the embedded time.Time
// when HighLevel's text could be read (Zoneless when it had no zone), Raw keeping the text when it could not.
//
// # Testing
//
// Package ghltest runs an in-memory HighLevel: point the client at it with WithBaseURL.
//
// # Where a request goes
//
// A call such as client.Contacts.Get starts in the resource package's method (contacts/get.go), which checks
// its arguments and calls transport.Client.Do (internal/transport/attempt.go). Do runs the attempt loop in
// that file: wait for the location's rate-limit slot, attach the token, send, and classify the answer for a
// retry. A 2xx body is read and decoded in the loop's response handler (readBody, same file, decoding with
// decodeInto in internal/transport/decode.go); a non-2xx answer becomes an *Error. Do returns to the method,
// which hands back the record. The package doc of internal/transport names each step's file.
package ghl
