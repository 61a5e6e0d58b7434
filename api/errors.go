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
	// ErrRateLimited: a 429 from HighLevel reached the caller (its retries ran out, or the wait it asked for
	// would pass the context's deadline). A wait the client refuses on its own is ErrWaitPastDeadline instead.
	ErrRateLimited = errors.New("ghl: rate limited")
	// ErrWaitPastDeadline: the client did not send, because the wait for the location's rate budget would end
	// after the context's deadline. It matches context.DeadlineExceeded too; HighLevel was not asked.
	ErrWaitPastDeadline = errors.New("ghl: rate-limit wait would pass the context deadline")
	// ErrTemporary: the retries ran out on a failure that trying again later may cure: a 502, 503 or 504, a
	// network failure, a response body cut short, or a burst 429. A create matches it only when it surely was
	// not applied (a refused connection, a burst 429); otherwise it matches ErrOutcomeUnknown.
	ErrTemporary = errors.New("ghl: temporary failure")
	// ErrDailyLimit: 429 with the daily budget spent; never retried.
	ErrDailyLimit = errors.New("ghl: daily request limit reached")
	// ErrServer: 5xx.
	ErrServer = errors.New("ghl: server error")
	// ErrInvalidArgument: bad input caught before any request; see ArgumentError for the field.
	ErrInvalidArgument = errors.New("ghl: invalid argument")
	// ErrOutcomeUnknown: a write failed in a way that leaves open whether HighLevel applied it (a create may
	// have made the record; a token request may have rotated the refresh token), or a create was answered
	// with a success whose body was lost and the record could not be found. Do not resend it blindly.
	ErrOutcomeUnknown = errors.New("ghl: outcome unknown")
)
