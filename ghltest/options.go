package ghltest

import (
	"net"
	"time"
)

// Clock tells the time. The server reads it for rate-limit windows, token expiry and record timestamps, so a
// test can move time forward without sleeping.
type Clock interface {
	Now() time.Time
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// Default limits, as HighLevel documents them for an app on one location.
const (
	DefaultBurstMax    = 100
	DefaultBurstWindow = 10 * time.Second
	DefaultDailyLimit  = 200_000
)

// Option configures a Server.
type Option func(*config)

type config struct {
	clock       Clock
	burstMax    int
	burstWindow time.Duration
	dailyLimit  int
	tokens      []givenToken
	locations   []string
	listener    net.Listener   // listen.go
	versions    []string       // version_lenient.go
	webhook     *WebhookTarget // webhook_events.go
}

type givenToken struct {
	token, locationID string
	scopes            []string
}

func defaultConfig() config {
	return config{
		clock:       wallClock{},
		burstMax:    DefaultBurstMax,
		burstWindow: DefaultBurstWindow,
		dailyLimit:  DefaultDailyLimit,
	}
}

// WithClock makes the server read time from c instead of the wall clock.
func WithClock(c Clock) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.clock = c
		}
	}
}

// WithRateLimit sets the burst budget: at most max requests per location in any window (a sliding window).
// NewServer panics if max < 1 or window <= 0.
func WithRateLimit(max int, window time.Duration) Option {
	return func(cfg *config) {
		if max < 1 || window <= 0 {
			panic("ghltest: WithRateLimit needs max >= 1 and window > 0")
		}
		cfg.burstMax, cfg.burstWindow = max, window
	}
}

// WithDailyLimit sets the daily budget per location. Days are calendar days in UTC on the server's clock.
// NewServer panics if n < 1.
func WithDailyLimit(n int) Option {
	return func(cfg *config) {
		if n < 1 {
			panic("ghltest: WithDailyLimit needs n >= 1")
		}
		cfg.dailyLimit = n
	}
}

// WithToken makes the server accept token as a bearer token of locationID that never expires. Without scopes
// the token has every scope of IssuedScopes.
func WithToken(token, locationID string, scopes ...string) Option {
	return func(cfg *config) {
		cfg.tokens = append(cfg.tokens, givenToken{token: token, locationID: locationID, scopes: scopes})
	}
}

// WithLocation creates a location up front. The first location given becomes the server's default location
// (see Server.LocationID).
func WithLocation(id string) Option {
	return func(cfg *config) { cfg.locations = append(cfg.locations, id) }
}
