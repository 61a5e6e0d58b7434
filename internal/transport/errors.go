package transport

import (
	"fmt"
	"strings"
	"time"

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

// Error is an answer from HighLevel that is not a success.
type Error struct {
	StatusCode int
	// Messages holds HighLevel's "message", which is a string on some errors and a list on validation errors.
	Messages []string
	// Reason is HighLevel's "error" field, such as "Unprocessable Entity".
	Reason  string
	TraceID string
	Method  string
	// Path is the request path without its query string.
	Path      string
	RateLimit RateLimit
	// RetryAfter is how long the server asked the client to wait, when it said.
	RetryAfter time.Duration
	// Attempts is how many times the request was sent.
	Attempts int
	// Body is the raw response body, capped.
	Body []byte

	kinds []error
}

// Error returns a one-line description; it never contains credentials.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ghl: %s %s: %d", e.Method, e.Path, e.StatusCode)
	if e.Reason != "" {
		b.WriteString(" " + e.Reason)
	}
	if len(e.Messages) > 0 {
		b.WriteString(": " + strings.Join(e.Messages, "; "))
	}
	if e.isDaily() {
		b.WriteString(" (daily limit reached")
		if !e.RateLimit.DailyReset.IsZero() {
			b.WriteString("; resets at " + e.RateLimit.DailyReset.UTC().Format(time.RFC3339))
		}
		b.WriteString(")")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if e.TraceID != "" {
		b.WriteString(" [trace " + e.TraceID + "]")
	}
	return b.String()
}

func (e *Error) isDaily() bool {
	for _, k := range e.kinds {
		if k == ErrDailyLimit {
			return true
		}
	}
	return false
}

// Is reports whether target is one of the sentinels that describe e.
func (e *Error) Is(target error) bool {
	for _, k := range e.kinds {
		if k == target {
			return true
		}
	}
	return false
}

// Message returns the messages joined, or the reason when there are none.
func (e *Error) Message() string {
	if len(e.Messages) == 0 {
		return e.Reason
	}
	return strings.Join(e.Messages, "; ")
}

// ArgumentError is bad input found before any request was sent.
type ArgumentError struct {
	// Field names what the caller set, as it is spelled in Go, never as HighLevel spells it on the wire:
	//   - a field of a params struct by its Go name, with the path into nested values: "Email",
	//     "CustomFields[2].ID", "Filters[0].Filters[1].Value", "DNDSettings.SMS.Status";
	//   - a params struct as a whole, for a problem no one field has, by its type: "UpdateParams";
	//   - a positional argument by its Go parameter name: "contactID", "userIDs", "tags[1]";
	//   - a client option by its function: "WithBaseURL", "WithTokenSource".
	Field   string
	Problem string
}

// InvalidArgument returns an *ArgumentError for field.
func InvalidArgument(field, problem string) *ArgumentError {
	return &ArgumentError{Field: field, Problem: problem}
}

// Error names the field and the problem.
func (e *ArgumentError) Error() string {
	return "ghl: invalid argument " + e.Field + ": " + e.Problem
}

// Is matches ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == ErrInvalidArgument }

// RequireID returns an *ArgumentError when id is empty or only white space.
func RequireID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return InvalidArgument(field, "is required")
	}
	return nil
}
