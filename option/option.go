// Package option holds the per-call options every service method takes as its last arguments
// (opts ...option.RequestOption): an extra header, another retry policy, a different cap on the response body,
// or a Response to fill with what came back.
//
// Options change one call; they never weaken a guarantee of the SDK. A create that may have reached HighLevel
// is not resent whatever retry policy an option sets, and the Authorization and Version headers stay the SDK's.
// The options apply to every request a call sends: each page request of an iterator (SearchAll, businesses'
// ListAll and the like), and the lookup a create makes to settle an outcome in doubt. A Response then holds the
// last request's answer.
package option

import (
	"net/http"
	"strings"

	"github.com/ghlkit/ghl/api"
)

// RequestOption changes one call. An option given a bad value makes the call fail with an *api.ArgumentError
// before any request is sent.
type RequestOption func(*Settings) error

// Settings is what a call's options asked for. The SDK reads it; users set it through the With* functions.
type Settings struct {
	// Header holds extra headers, set after the SDK's own.
	Header http.Header
	// Retry, when non-nil, replaces the client's retry policy for the call.
	Retry *api.RetryPolicy
	// MaxResponseBytes, when positive, replaces the client's cap on the response body.
	MaxResponseBytes int64
	// Response, when non-nil, is filled with the metadata of the call's last answer.
	Response *api.Response
}

// Apply runs opts in order (nil options are skipped) and returns the settings they made, or the first error.
// The SDK calls it once per call; it returns nil, nil when there are no options.
func Apply(opts []RequestOption) (*Settings, error) {
	if len(opts) == 0 {
		return nil, nil
	}
	s := new(Settings)
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// reserved are headers an option may not set: the token source owns Authorization, each operation owns Version
// (ghl.WithVersion changes it for a whole client), and hop-by-hop and framing headers belong to net/http.
var reserved = map[string]bool{
	"Authorization":       true,
	"Version":             true,
	"Host":                true,
	"Content-Length":      true,
	"Connection":          true,
	"Keep-Alive":          true,
	"Proxy-Authenticate":  true,
	"Proxy-Authorization": true,
	"Proxy-Connection":    true,
	"Te":                  true,
	"Trailer":             true,
	"Transfer-Encoding":   true,
	"Upgrade":             true,
}

// WithHeader sends one more header with the call, after the SDK's own (so it may replace User-Agent or
// Accept). It refuses Authorization, Version, Host, Content-Length and the hop-by-hop headers, and an empty or
// malformed key.
func WithHeader(key, value string) RequestOption {
	return func(s *Settings) error {
		canon := http.CanonicalHeaderKey(key)
		switch {
		case !validHeaderKey(key):
			return &api.ArgumentError{Field: "WithHeader key", Problem: "is not a valid header name"}
		case reserved[canon]:
			return &api.ArgumentError{Field: "WithHeader key", Problem: canon + " is set by the SDK and may not be changed per call"}
		}
		if s.Header == nil {
			s.Header = make(http.Header)
		}
		s.Header.Add(canon, value)
		return nil
	}
}

// validHeaderKey reports a non-empty RFC 9110 token.
func validHeaderKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// WithRetry replaces the client's retry policy for the call; zero fields take the SDK's defaults (4 attempts,
// 500ms doubling up to 30s), not the client's. It bounds the retries the call's kind allows and never adds any:
// a create that may have reached HighLevel is still not resent.
func WithRetry(p api.RetryPolicy) RequestOption {
	return func(s *Settings) error {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return &api.ArgumentError{Field: "WithRetry policy", Problem: "must not be negative"}
		}
		s.Retry = &p
		return nil
	}
}

// WithoutRetries sends the call's request once: no retry, and no second send after a token refresh either.
func WithoutRetries() RequestOption {
	return func(s *Settings) error {
		s.Retry = &api.RetryPolicy{MaxAttempts: 1}
		return nil
	}
}

// WithMaxResponseBytes caps how much of the call's response body is read; a longer body fails the call with an
// *api.TooLargeError.
func WithMaxResponseBytes(n int64) RequestOption {
	return func(s *Settings) error {
		if n <= 0 {
			return &api.ArgumentError{Field: "WithMaxResponseBytes n", Problem: "must be positive"}
		}
		s.MaxResponseBytes = n
		return nil
	}
}

// WithResponseInto fills r with the metadata of the call's last answer, on success and on failure: status,
// headers, rate-limit headers, HighLevel's trace ID, attempts made and time spent waiting for the rate budget.
func WithResponseInto(r *api.Response) RequestOption {
	return func(s *Settings) error {
		if r == nil {
			return &api.ArgumentError{Field: "WithResponseInto r", Problem: "must not be nil"}
		}
		s.Response = r
		return nil
	}
}
