package api

import (
	"net/http"
	"time"
)

// Response is the metadata of a call's last answer. option.WithResponseInto asks a call to fill one, on success
// and on failure.
type Response struct {
	// StatusCode is the last answer's status; 0 when no answer came.
	StatusCode int
	// Header holds the last answer's headers; nil when no answer came.
	Header http.Header
	// RateLimit is what the last answer's rate-limit headers said.
	RateLimit RateLimit
	// TraceID is HighLevel's trace ID, from an error body or the X-Trace-Id header, when it gave one.
	TraceID string
	// Attempts counts every time the request was sent, the retry after a token refresh included.
	Attempts int
	// RateLimitWait is the time spent waiting for the location's rate budget.
	RateLimitWait time.Duration
}
