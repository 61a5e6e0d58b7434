package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Request describes one API call. Besides what the operation is, it may carry overrides for this call alone.
type Request struct {
	Method string
	// Path is escaped and absolute; build it with Path.
	Path  string
	Query url.Values
	// Body is sent as JSON when non-nil.
	Body any
	Kind Kind
	// Version is the Version header the operation's spec names; empty means DefaultAPIVersion. A client built
	// with an explicit API version sends that one instead, for every operation.
	Version string

	// Header holds extra headers for this call. They are set after the SDK's own (so they can replace
	// Version or User-Agent), except Authorization, which always comes from the token source.
	Header http.Header
	// Retry, when non-nil, replaces the client's retry policy for this call; zero fields take the defaults.
	Retry *RetryPolicy
	// MaxResponseBytes, when positive, replaces the client's cap on the response body for this call.
	MaxResponseBytes int64
	// Response, when non-nil, is filled with the last answer's metadata, on success and on failure. Nothing
	// is built when it is nil.
	Response *Response
}

// Response is the metadata of a call's last answer, filled when Request.Response asks for it.
type Response struct {
	// StatusCode is the last answer's status; 0 when no answer came.
	StatusCode int
	Header     http.Header
	RateLimit  RateLimit
	// TraceID is HighLevel's trace ID, from an error body or the X-Trace-Id header, when it gave one.
	TraceID string
	// Attempts counts every time the request was sent, the retry after a token refresh included.
	Attempts int
	// RateLimitWait is the time spent waiting for the location's rate budget.
	RateLimitWait time.Duration
}

// RequestError is a request that got no HTTP answer: the network failed or the wait ran out.
type RequestError struct {
	Method, Path string
	Attempts     int
	Err          error
	// MayHaveReachedServer is set for a create whose outcome is unknown.
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
