package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Request describes one API call.
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
}

// Response is what a successful call returns besides its decoded body.
type Response struct {
	StatusCode int
	Header     http.Header
	RateLimit  RateLimit
	// Attempts counts every time the request was sent, refresh retries included.
	Attempts int
}

// RequestError is a request that got no HTTP answer: the network failed or the wait ran out.
type RequestError struct {
	Method, Path string
	Attempts     int
	Err          error
	// MayHaveReachedServer is set for a create whose outcome is unknown.
	MayHaveReachedServer bool
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

// Is matches ErrOutcomeUnknown for a create that may have reached the server.
func (e *RequestError) Is(target error) bool {
	return e.MayHaveReachedServer && target == ErrOutcomeUnknown
}

// Do sends r through the one path every request takes: encode, wait for the location's budget, attach the token,
// send with retries, then decode a 2xx body into out (if non-nil) or return a typed error. A 401 about the token
// makes it ask the token source for a new token once and send once more.
func (c *Client) Do(ctx context.Context, r *Request, out any) (*Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = json.Marshal(r.Body); err != nil {
			return nil, fmt.Errorf("ghl: encoding %s %s body: %w", r.Method, r.Path, err)
		}
	}
	target := c.sh.base + r.Path
	if len(r.Query) > 0 {
		target += "?" + r.Query.Encode()
	}
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return nil, fmt.Errorf("ghl: getting a token: %w", err)
	}
	ex := &exchange{c: c, ctx: ctx, req: r, out: out}
	resp, err := ex.send(target, body, token)
	var apiErr *Error
	if errors.As(err, &apiErr) && worthRefreshing(apiErr) {
		refresher, ok := c.tokens.(Refresher)
		if !ok {
			return resp, err
		}
		c.logDebug(ctx, "ghl: refreshing token after 401", "method", r.Method, "path", r.Path)
		if token, err = refresher.Refresh(ctx, token); err != nil {
			return nil, fmt.Errorf("ghl: %s %s: refreshing token after 401: %w", r.Method, r.Path, err)
		}
		resp, err = ex.send(target, body, token)
	}
	return resp, err
}
