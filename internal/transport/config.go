package transport

import (
	"context"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/hashicorp/go-retryablehttp"
)

// SDKVersion is the version of this SDK, sent in the User-Agent header.
const SDKVersion = "0.1.0"

// Defaults that match what HighLevel needs.
const (
	DefaultBaseURL          = "https://services.leadconnectorhq.com"
	DefaultAPIVersion       = "2021-07-28"
	DefaultMaxResponseBytes = 32 << 20
	DefaultMaxAttempts      = 4
	DefaultBaseDelay        = 500 * time.Millisecond
	DefaultMaxDelay         = 30 * time.Second
	DefaultRequests         = 100
	DefaultInterval         = 10 * time.Second
	defaultTimeout          = 60 * time.Second
	// defaultIdleConnsPerHost keeps a connection for each of many concurrent calls to HighLevel's one host;
	// net/http's default of 2 makes every call beyond the second open (and then drop) a connection of its own.
	defaultIdleConnsPerHost = 64
	maxErrorBodyBytes       = 1 << 20
)

// RateLimitPolicy is the client-side budget of one location.
type RateLimitPolicy struct {
	// Requests per Interval is HighLevel's burst limit; the limiter keeps every window of Interval at
	// Requests-1 sends or fewer.
	Requests int
	// Interval is the burst window. It also caps the X-RateLimit-Interval-Milliseconds the server sends.
	Interval time.Duration
	// Disabled turns the client-side limiter off; the server's headers are still followed.
	Disabled bool
}

// Config configures a Client. Zero fields take the defaults above.
type Config struct {
	BaseURL          string
	HTTPClient       *http.Client
	APIVersion       string
	UserAgent        string
	Logger           *slog.Logger
	MaxResponseBytes int64
	Retry            RetryPolicy
	RateLimit        RateLimitPolicy
	Clock            clock.Clock
	Tokens           TokenSource
	LocationID       string
	// Limiter, when set, is waited on before every attempt, after the client's own limiter: a budget shared
	// with other processes (see Limiter).
	Limiter Limiter
}

// shared is what every location view of one client has in common.
type shared struct {
	base      string
	hc        *http.Client
	version   string // set only when the user chose one for every call
	userAgent string
	log       *slog.Logger
	maxBody   int64
	retry     RetryPolicy
	rate      RateLimitPolicy
	clock     clock.Clock
	rootToken TokenSource
	limiters  sync.Map // location ID → *limiter
	ext       Limiter
	jitter    func(time.Duration) time.Duration
	engine    *retryablehttp.Client
	ownsPool  bool // hc was built by New, not given by the user
}

// Client sends requests for one location. ForLocation gives views for other locations that share the pool.
type Client struct {
	sh         *shared
	tokens     TokenSource
	locationID string
	limiter    *limiter
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.Tokens == nil {
		return nil, InvalidArgument("WithTokenSource", "is required: the client needs a token source")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, InvalidArgument("WithBaseURL", "must be given an absolute http or https URL")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, InvalidArgument("WithBaseURL", "must be given a URL without a query or fragment")
	}
	sh := &shared{
		base:      strings.TrimRight(u.String(), "/"),
		hc:        cfg.HTTPClient,
		version:   cfg.APIVersion,
		userAgent: "ghl-go/" + SDKVersion,
		log:       cfg.Logger,
		maxBody:   cfg.MaxResponseBytes,
		retry:     cfg.Retry,
		rate:      cfg.RateLimit,
		clock:     cfg.Clock,
		rootToken: cfg.Tokens,
		ext:       cfg.Limiter,
		jitter:    fullJitter,
	}
	if cfg.UserAgent != "" {
		sh.userAgent = cfg.UserAgent + " " + sh.userAgent
	}
	if sh.hc == nil {
		sh.hc, sh.ownsPool = defaultHTTPClient(), true
	}
	sh.hc = guarded(sh.hc)
	if sh.maxBody <= 0 {
		sh.maxBody = DefaultMaxResponseBytes
	}
	if err := normalizeRetry(&sh.retry); err != nil {
		return nil, err
	}
	if err := normalizeRate(&sh.rate); err != nil {
		return nil, err
	}
	if sh.clock == nil {
		sh.clock = clock.Real{}
	}
	if te, ok := cfg.Tokens.(TokenEndpoint); ok && strings.TrimRight(te.TokenBaseURL(), "/") != sh.base {
		return nil, InvalidArgument("WithBaseURL", "the token source makes its OAuth calls to "+te.TokenBaseURL()+
			" but the client sends to "+sh.base+"; give both the same base URL (auth.App.BaseURL)")
	}
	sh.engine = &retryablehttp.Client{
		HTTPClient:   sh.hc,
		RetryMax:     math.MaxInt32, // each call's own policy ends its loop, in checkRetry
		CheckRetry:   checkRetry,
		Backoff:      noWallClockWait,
		PrepareRetry: prepareRetry,
		ErrorHandler: passError,
	}
	return sh.view(cfg.LocationID), nil
}

// defaultHTTPClient is net/http's default transport with a pool sized for concurrent calls to one host.
func defaultHTTPClient() *http.Client {
	hc := &http.Client{Timeout: defaultTimeout}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t := dt.Clone()
		t.MaxIdleConnsPerHost = defaultIdleConnsPerHost
		t.MaxIdleConns = max(t.MaxIdleConns, defaultIdleConnsPerHost)
		hc.Transport = t
	}
	return hc
}

func normalizeRetry(p *RetryPolicy) error {
	if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
		return InvalidArgument("WithRetry", "MaxAttempts, BaseDelay and MaxDelay must not be negative")
	}
	if p.MaxAttempts == 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	return nil
}

func normalizeRate(p *RateLimitPolicy) error {
	if p.Requests < 0 || p.Interval < 0 {
		return InvalidArgument("WithRateLimit", "requests and per must not be negative")
	}
	if p.Requests == 0 {
		p.Requests = DefaultRequests
	}
	if p.Interval == 0 {
		p.Interval = DefaultInterval
	}
	return nil
}

// view returns the client for one location: its own token (when the root source mints location tokens) and its
// own limiter, shared with every other view of the same location.
func (sh *shared) view(locationID string) *Client {
	tokens := sh.rootToken
	if lts, ok := tokens.(LocationTokenSource); ok && locationID != "" {
		tokens = lts.ForLocation(locationID)
	}
	return &Client{sh: sh, tokens: tokens, locationID: locationID, limiter: sh.limiterFor(locationID)}
}

// ForLocation returns a client for another location: same connection pool, its own token and rate budget.
func (c *Client) ForLocation(locationID string) *Client { return c.sh.view(locationID) }

// LocationID is the location this client acts for, or "" when none was set.
func (c *Client) LocationID() string { return c.locationID }

// RateLimit returns what HighLevel last said about this location's budget.
func (c *Client) RateLimit() RateLimit { return c.limiter.snapshot() }

// BaseURL is the URL every path is resolved against, without a trailing slash.
func (c *Client) BaseURL() string { return c.sh.base }

// HTTPClient is the pool the client sends with.
func (c *Client) HTTPClient() *http.Client { return c.sh.hc }

// Now is the time on the client's clock (the wall clock unless a test injected one), for resource packages
// that compare it with HighLevel's timestamps.
func (c *Client) Now() time.Time { return c.sh.clock.Now() }

// LogDebug writes a debug line to the client's logger, if it has one.
func (c *Client) LogDebug(ctx context.Context, msg string, args ...any) {
	c.logDebug(ctx, msg, args...)
}
