package api

import (
	"fmt"
	"strings"
	"time"
)

// Error is an answer from HighLevel that is not a success. Match its kind with errors.Is and the sentinels of
// this package (an Error matches one or more of them: ErrScope and ErrUnauthorized, say); read its fields with
// errors.As.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Messages holds HighLevel's "message", which is a string on some errors and a list on validation errors.
	Messages []string
	// Reason is HighLevel's "error" field, such as "Unprocessable Entity", or the status text when it sent none.
	Reason string
	// TraceID is HighLevel's trace ID, from the error body or the X-Trace-Id header; quote it to its support.
	TraceID string
	// Method is the request's HTTP method.
	Method string
	// Path is the request path without its query string.
	Path string
	// RateLimit is what the answer's rate-limit headers said.
	RateLimit RateLimit
	// RetryAfter is how long the server asked the client to wait, when it said.
	RetryAfter time.Duration
	// Attempts is how many times the request was sent.
	Attempts int
	// Body is the raw response body, capped.
	Body []byte

	kinds []error
}

// Mark adds sentinels that e matches with errors.Is. It is for the SDK's use: the transport marks each Error it
// builds from the answer's status and messages.
func (e *Error) Mark(kinds ...error) { e.kinds = append(e.kinds, kinds...) }

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
	if e.Is(ErrDailyLimit) {
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

// ArgumentError is bad input found before any request was sent. It matches ErrInvalidArgument.
type ArgumentError struct {
	// Field names what the caller set, as it is spelled in Go, never as HighLevel spells it on the wire:
	//   - a field of a params struct by its Go name, with the path into nested values: "Email",
	//     "CustomFields[2].ID", "Filters[0].Filters[1].Value", "DNDSettings.SMS.Status";
	//   - a params struct as a whole, for a problem no one field has, by its type: "UpdateParams";
	//   - a field of a value that is not the call's params (the receiver's configuration, a stored token, a
	//     key) by its type and field, since the call takes more than one such value: "App.ClientID",
	//     "Token.AccessToken", "Key.ID";
	//   - a positional argument by its Go parameter name: "contactID", "userIDs", "tags[1]";
	//   - a client option by its function: "WithBaseURL", "WithTokenSource" ("WithHeader key" for its key).
	Field string
	// Problem says what is wrong with it.
	Problem string
}

// Error names the field and the problem.
func (e *ArgumentError) Error() string {
	return "ghl: invalid argument " + e.Field + ": " + e.Problem
}

// Is matches ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == ErrInvalidArgument }

// RequestError is a request that got no HTTP answer: the network failed, the context ended or the wait for the
// rate budget ran out.
type RequestError struct {
	// Method and Path name the call; the query string is left out.
	Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
	// Err is the network or context error.
	Err error
	// MayHaveReachedServer is set for a create whose outcome is unknown: the record may exist.
	MayHaveReachedServer bool
	// Temporary is set when the retries ran out on a network failure a later try may cure; for a create only
	// when it surely was not sent.
	Temporary bool
}

// Error says which call failed and how; the URL and its query are left out.
func (e *RequestError) Error() string {
	s := fmt.Sprintf("ghl: %s %s: %v", e.Method, e.Path, e.Err)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	if e.MayHaveReachedServer {
		s += " (the request may have reached HighLevel: the record may exist)"
	}
	return s
}

// Unwrap returns the network or context error.
func (e *RequestError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown for a create that may have reached the server, and ErrTemporary when set.
func (e *RequestError) Is(target error) bool {
	return (e.MayHaveReachedServer && target == ErrOutcomeUnknown) || (e.Temporary && target == ErrTemporary)
}

// BodyError is a success answer whose body was cut short: the connection broke while it was read, or it ended
// before its JSON did. Reads and idempotent writes retry it; when the retries run out it matches ErrTemporary.
// For a create it matches ErrOutcomeUnknown instead: HighLevel answered success, so the record was made, but
// the SDK cannot say which one it is (the resource packages look it up when they can).
type BodyError struct {
	// Method and Path name the call; the query string is left out.
	Method, Path string
	// StatusCode is the success status HighLevel answered with.
	StatusCode int
	// Attempts is how many times the request was sent.
	Attempts int
	// Create is set when the request was a create.
	Create bool
	// Err is the read or JSON error.
	Err error
}

// Error names the call and what went wrong with its body.
func (e *BodyError) Error() string {
	s := fmt.Sprintf("ghl: %s %s: %d answer: %v", e.Method, e.Path, e.StatusCode, e.Err)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	if e.Create {
		s += " (HighLevel answered success: the record exists)"
	}
	return s
}

// Unwrap returns the read or JSON error.
func (e *BodyError) Unwrap() error { return e.Err }

// Is matches ErrTemporary, or ErrOutcomeUnknown for a create.
func (e *BodyError) Is(target error) bool {
	if e.Create {
		return target == ErrOutcomeUnknown
	}
	return target == ErrTemporary
}

// TooLargeError is a response body over the size cap (ghl.WithMaxResponseBytes, option.WithMaxResponseBytes).
// It is never retried.
type TooLargeError struct {
	// Limit is the cap in bytes.
	Limit int64
}

// Error names the cap and the option that sets it.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("ghl: response body exceeds %d bytes (see ghl.WithMaxResponseBytes)", e.Limit)
}

// DecodeError is a complete response body that is not the JSON the SDK expected. It is not retried: the same
// answer would come back. For a create it matches ErrOutcomeUnknown, since HighLevel answered success.
type DecodeError struct {
	// Method and Path name the call; the query string is left out.
	Method, Path string
	// Create is set when the request was a create.
	Create bool
	// Err is the JSON error.
	Err error
}

// Is matches ErrOutcomeUnknown for a create.
func (e *DecodeError) Is(target error) bool { return e.Create && target == ErrOutcomeUnknown }

// Error names the call whose body could not be decoded.
func (e *DecodeError) Error() string {
	return "ghl: " + e.Method + " " + e.Path + ": decoding response: " + e.Err.Error()
}

// Unwrap returns the JSON error.
func (e *DecodeError) Unwrap() error { return e.Err }
