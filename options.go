package ghl

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/transport"
)

// Option configures a Client. An option that gets a bad value makes NewClient fail.
type Option func(*transport.Config) error

// TokenSource supplies the bearer token for each request; see api.TokenSource. The auth package has sources for
// Private Integration Tokens and OAuth apps. A source that also implements TokenRefresher is asked for a new token
// after a 401.
type TokenSource = api.TokenSource

// TokenRefresher is a TokenSource that can replace a token HighLevel rejected; see api.Refresher.
type TokenRefresher = api.Refresher

// LocationTokenSource is a TokenSource holding an agency token that can mint tokens for its locations; a client
// built on one gives each ForLocation view its own location token. See api.LocationTokenSource.
type LocationTokenSource = api.LocationTokenSource

// Clock tells the time and waits. Tests can inject one to simulate rate limiting and backoff without sleeping.
// See api.Clock.
type Clock = api.Clock

// RetryPolicy says how often and how patiently requests are retried. Zero fields take the defaults: 4 attempts,
// backoff from 500ms doubling up to 30s. See api.RetryPolicy for its fields.
type RetryPolicy = api.RetryPolicy

// Defaults of the client.
const (
	DefaultBaseURL    = transport.DefaultBaseURL
	DefaultAPIVersion = transport.DefaultAPIVersion
	// SDKVersion is this SDK's version, sent in the User-Agent header.
	SDKVersion = transport.SDKVersion
)

// WithTokenSource sets where tokens come from. Required.
func WithTokenSource(src TokenSource) Option {
	return func(c *transport.Config) error {
		if src == nil {
			return transport.InvalidArgument("WithTokenSource", "must not be given nil")
		}
		c.Tokens = src
		return nil
	}
}

// WithLocationID sets the location the client acts for; calls that need a location ID use it when their params
// leave it empty. Default: none.
func WithLocationID(id string) Option {
	return func(c *transport.Config) error { c.LocationID = id; return nil }
}

// WithBaseURL sets the API's base URL, for example a ghltest server's. Default: DefaultBaseURL. OAuth calls made
// through the client use the same base.
func WithBaseURL(u string) Option {
	return func(c *transport.Config) error { c.BaseURL = u; return nil }
}

// WithHTTPClient sets the HTTP client (its transport, proxy and timeout). Default: a client with a 60s timeout on
// http.DefaultTransport.
//
// The client sends with a shallow copy of hc (same Transport, Jar and Timeout; hc itself is not changed) whose
// CheckRedirect first refuses any redirect that changes scheme, host or port, so the Authorization header never
// reaches another origin and https is never downgraded; such a 3xx is returned as a *Error. A redirect on the
// same origin is then left to hc's own CheckRedirect.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *transport.Config) error {
		if hc == nil {
			return transport.InvalidArgument("WithHTTPClient", "must not be given nil")
		}
		c.HTTPClient = hc
		return nil
	}
}

// WithVersion sends v as the Version header of every call, overriding the version each operation names in
// HighLevel's spec (2021-07-28 for contacts). Default: each operation's own version.
func WithVersion(v string) Option {
	return func(c *transport.Config) error { c.APIVersion = v; return nil }
}

// WithLogger sends Debug lines about each attempt (method, path, status, attempt, duration, waits) to l. Tokens
// and headers are never logged. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *transport.Config) error { c.Logger = l; return nil }
}

// WithRetry sets the retry policy. Default: 4 attempts, 500ms base, 30s cap. MaxAttempts bounds every request a
// call sends, the one after a token refresh included; MaxDelay caps every wait, a server's Retry-After included.
func WithRetry(p RetryPolicy) Option {
	return func(c *transport.Config) error {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return transport.InvalidArgument("WithRetry", "MaxAttempts, BaseDelay and MaxDelay must not be negative")
		}
		c.Retry = p
		return nil
	}
}

// WithoutRetries sends every request once: no retry, and no second send after a token refresh either.
func WithoutRetries() Option {
	return func(c *transport.Config) error { c.Retry.MaxAttempts = 1; return nil }
}

// WithRateLimit sets each location's client-side budget: requests per interval. The limiter never lets a window
// of the interval hold more than requests-1 sends (99 of 100 per 10s by default), and the interval also caps the
// X-RateLimit-Interval-Milliseconds HighLevel sends. Default: HighLevel's 100 per 10s.
func WithRateLimit(requests int, per time.Duration) Option {
	return func(c *transport.Config) error {
		if requests <= 0 || per <= 0 {
			return transport.InvalidArgument("WithRateLimit", "requests and per must be positive")
		}
		c.RateLimit = transport.RateLimitPolicy{Requests: requests, Interval: per}
		return nil
	}
}

// WithoutRateLimit turns the client-side limiter off; HighLevel's rate-limit headers are still followed.
func WithoutRateLimit() Option {
	return func(c *transport.Config) error { c.RateLimit.Disabled = true; return nil }
}

// WithUserAgent puts product in front of the SDK's own User-Agent. Default: "ghl-go/<SDKVersion>".
func WithUserAgent(product string) Option {
	return func(c *transport.Config) error { c.UserAgent = product; return nil }
}

// WithMaxResponseBytes caps how much of a response body is read. Default: 32 MiB.
func WithMaxResponseBytes(n int64) Option {
	return func(c *transport.Config) error {
		if n <= 0 {
			return transport.InvalidArgument("WithMaxResponseBytes", "must be given a positive size")
		}
		c.MaxResponseBytes = n
		return nil
	}
}

// WithClock replaces the wall clock that rate limiting and backoff wait on. Meant for tests. Default: real time.
func WithClock(clk Clock) Option {
	return func(c *transport.Config) error { c.Clock = clk; return nil }
}
