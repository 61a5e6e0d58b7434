// Package api holds the types every package of the SDK shares with its users: the sentinel errors matched with
// errors.Is, the error types read with errors.As (Error, ArgumentError, RequestError, BodyError, DecodeError,
// TooLargeError, UnknownOutcomeError), the metadata of an answer (Response, RateLimit), the retry policy, and
// the interfaces a user may implement (TokenSource, Refresher, LocationTokenSource, Limiter). The root package
// ghl re-exports each of them under the same name, so ghl.ErrNotFound and api.ErrNotFound are one error and
// ghl.Error is api.Error.
package api
