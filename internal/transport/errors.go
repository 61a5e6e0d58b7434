package transport

import (
	"strings"

	"github.com/ghlkit/ghl/api"
)

// Sentinel errors, defined in the public api package so that auth and users see the same values.
var (
	ErrNotFound        = api.ErrNotFound
	ErrUnauthorized    = api.ErrUnauthorized
	ErrScope           = api.ErrScope
	ErrForbidden       = api.ErrForbidden
	ErrValidation      = api.ErrValidation
	ErrRateLimited     = api.ErrRateLimited
	ErrDailyLimit      = api.ErrDailyLimit
	ErrServer          = api.ErrServer
	ErrInvalidArgument = api.ErrInvalidArgument
	ErrOutcomeUnknown  = api.ErrOutcomeUnknown
	// ErrWaitPastDeadline is the local refusal of a rate-limit wait that would outlast the context.
	ErrWaitPastDeadline = api.ErrWaitPastDeadline
	// ErrTemporary marks a failure the retries could not outlast but a later try may cure.
	ErrTemporary = api.ErrTemporary
)

// The error types are defined in the public api package; these aliases keep the transport's code short.
type (
	Error         = api.Error
	ArgumentError = api.ArgumentError
	RequestError  = api.RequestError
	BodyError     = api.BodyError
	DecodeError   = api.DecodeError
	TooLargeError = api.TooLargeError
	RateLimit     = api.RateLimit
	RetryPolicy   = api.RetryPolicy
	Response      = api.Response
)

// InvalidArgument returns an *ArgumentError for field.
func InvalidArgument(field, problem string) *ArgumentError {
	return &ArgumentError{Field: field, Problem: problem}
}

// RequireID returns an *ArgumentError when id is empty or only white space.
func RequireID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return InvalidArgument(field, "is required")
	}
	return nil
}
