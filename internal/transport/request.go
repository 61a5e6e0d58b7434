package transport

import (
	"net/http"
	"net/url"
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
