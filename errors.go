package ghl

import "github.com/ghlkit/ghl/api"

// Error is an answer from HighLevel that is not a success; see api.Error for its fields. Use errors.Is with the
// sentinels below to tell kinds apart, and errors.As to read its fields.
type Error = api.Error

// ArgumentError is bad input found before any request was sent; it names the field. See api.ArgumentError.
type ArgumentError = api.ArgumentError

// RequestError is a request that got no HTTP answer (network failure, context ended). See api.RequestError.
type RequestError = api.RequestError

// BodyError is a success answer whose body was cut short: the connection broke, or the JSON ended early. See
// api.BodyError.
type BodyError = api.BodyError

// DecodeError is a response body that is not the JSON the SDK expected. See api.DecodeError.
type DecodeError = api.DecodeError

// TooLargeError is a response body over the cap set with WithMaxResponseBytes. See api.TooLargeError.
type TooLargeError = api.TooLargeError

// UnknownOutcomeError is a create that may have been applied and that a lookup could not settle; the contacts,
// appointments and businesses packages name it too. See api.UnknownOutcomeError.
type UnknownOutcomeError = api.UnknownOutcomeError

// RateLimit is what HighLevel's X-RateLimit-* headers said on a response. See api.RateLimit for its fields.
type RateLimit = api.RateLimit

// Response is the metadata of a call's last answer, filled by option.WithResponseInto. See api.Response.
type Response = api.Response

// Sentinel errors for errors.Is.
var (
	// ErrNotFound: 404, or HighLevel's 400 "Contact not found".
	ErrNotFound = api.ErrNotFound
	// ErrUnauthorized: 401. The token is missing, expired or invalid, or lacks a scope (then ErrScope too).
	ErrUnauthorized = api.ErrUnauthorized
	// ErrScope: 401 "The token is not authorized for this scope." It never triggers a token refresh.
	ErrScope = api.ErrScope
	// ErrForbidden: 403, for example a token of another location.
	ErrForbidden = api.ErrForbidden
	// ErrValidation: 400 or 422; the messages say which field.
	ErrValidation = api.ErrValidation
	// ErrRateLimited: a 429 from HighLevel reached the caller, after the retries or because the wait it asked
	// for would pass the context's deadline.
	ErrRateLimited = api.ErrRateLimited
	// ErrWaitPastDeadline: nothing was sent, because the wait for the location's rate budget would end after the
	// context's deadline. It matches context.DeadlineExceeded too, and never ErrRateLimited.
	ErrWaitPastDeadline = api.ErrWaitPastDeadline
	// ErrTemporary: the retries ran out on a failure that trying later may cure (502/503/504, a network
	// failure, a body cut short, a burst 429). A create matches it only when it surely was not applied.
	ErrTemporary = api.ErrTemporary
	// ErrDailyLimit: 429 with the daily budget spent; never retried.
	ErrDailyLimit = api.ErrDailyLimit
	// ErrServer: 5xx.
	ErrServer = api.ErrServer
	// ErrInvalidArgument: bad input caught before any request; see ArgumentError for the field.
	ErrInvalidArgument = api.ErrInvalidArgument
	// ErrOutcomeUnknown: a create failed in a way that leaves open whether HighLevel made the record, or its
	// success answer was lost and the record could not be found. Do not resend it blindly.
	ErrOutcomeUnknown = api.ErrOutcomeUnknown
)
