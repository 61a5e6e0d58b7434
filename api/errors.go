package api

import "errors"

// Sentinel errors, matched with errors.Is. Every error the SDK returns that describes one of these matches it,
// whichever package made it: an *Error from HighLevel's answer, an *ArgumentError from a check before any
// request, or an error of the auth package.
var (
	// ErrNotFound: 404, or HighLevel's 400 "Contact not found".
	ErrNotFound = errors.New("ghl: not found")
	// ErrUnauthorized: 401. The token is missing, expired or invalid, or lacks a scope (then ErrScope too).
	ErrUnauthorized = errors.New("ghl: unauthorized")
	// ErrScope: 401 "The token is not authorized for this scope." It never triggers a token refresh.
	ErrScope = errors.New("ghl: token is not authorized for this scope")
	// ErrForbidden: 403, for example a token of another location.
	ErrForbidden = errors.New("ghl: forbidden")
	// ErrValidation: 400 or 422; the messages say which field.
	ErrValidation = errors.New("ghl: validation failed")
	// ErrRateLimited: a 429 from HighLevel reached the caller.
	ErrRateLimited = errors.New("ghl: rate limited")
	// ErrDailyLimit: 429 with the daily budget spent; never retried.
	ErrDailyLimit = errors.New("ghl: daily request limit reached")
	// ErrServer: 5xx.
	ErrServer = errors.New("ghl: server error")
	// ErrInvalidArgument: bad input caught before any request; see ArgumentError for the field.
	ErrInvalidArgument = errors.New("ghl: invalid argument")
	// ErrOutcomeUnknown: a write failed in a way that leaves open whether HighLevel applied it (a create may
	// have made the record; a token request may have rotated the refresh token). Do not resend it blindly.
	ErrOutcomeUnknown = errors.New("ghl: outcome unknown")
)
