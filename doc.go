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
// that implements TokenRefresher is asked once for a new token after a 401 about the token; a 401 that says the
// token lacks a scope returns ErrScope at once.
//
// # Rate limits and retries
//
// Each location has a client-side limiter under HighLevel's 100 requests per 10 seconds, and the client slows
// down when HighLevel's X-RateLimit-Remaining runs low. Reads and idempotent writes are retried on network errors,
// 502/503/504 and burst 429s with exponential backoff and full jitter, honouring Retry-After and the rate-limit
// window. Creates are never resent once they may have reached HighLevel. A 429 for the daily limit is not
// retried: it returns ErrDailyLimit.
//
// # Errors
//
// A non-2xx answer is an *Error (status, HighLevel's messages, trace ID, rate-limit headers). Match kinds with
// errors.Is: ErrNotFound, ErrUnauthorized, ErrScope, ErrForbidden, ErrValidation, ErrRateLimited, ErrDailyLimit,
// ErrServer, ErrOutcomeUnknown. Bad input is caught before any request as an *ArgumentError that matches
// ErrInvalidArgument and names the field. No error string or log line contains a token.
//
// # Testing
//
// Package ghltest runs an in-memory HighLevel: point the client at it with WithBaseURL.
package ghl
