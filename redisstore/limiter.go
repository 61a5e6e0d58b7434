package redisstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/clock"
	"github.com/redis/go-redis/v9"
)

// Defaults of a Limiter.
const (
	// DefaultRequests per DefaultInterval is HighLevel's burst budget of one app on one location.
	DefaultRequests = 100
	DefaultInterval = 10 * time.Second
	// DefaultCallTimeout bounds one Redis call of the limiter; past it the request goes on without Redis.
	DefaultCallTimeout = 250 * time.Millisecond
	// DefaultRetryAfter is how long the limiter leaves Redis alone after a failed call.
	DefaultRetryAfter = time.Second
)

// LimiterOptions configures a Limiter. The zero value takes every default.
type LimiterOptions struct {
	// Requests per Interval is the budget of one location (DefaultRequests per DefaultInterval if zero). The
	// limiter admits at most Requests-4 in any Interval when Requests is 100 (see Limiter), leaving room for
	// the time requests take to reach HighLevel.
	Requests int
	Interval time.Duration
	// Prefix starts every key (DefaultPrefix if empty). Budgets are per app and location: give each app its
	// own prefix when several share a Redis.
	Prefix string
	// Logger receives a Warn line when Redis becomes unreachable and an Info line when it is back.
	Logger *slog.Logger
	// CallTimeout bounds each Redis call (DefaultCallTimeout if zero).
	CallTimeout time.Duration
	// RetryAfter is how long requests skip Redis after a failed call (DefaultRetryAfter if zero).
	RetryAfter time.Duration
}

// Limiter is a rate budget per location kept in Redis, shared by every replica that uses the same Redis and
// prefix; plug it into a client with ghl.WithLimiter. Each request reserves the next slot of its location's
// budget with one atomic script (the generic cell rate algorithm on Redis' clock, so the replicas' clocks do
// not matter) and sleeps until that slot. With the default 100 per 10 s it admits a burst of 3, then one
// request every 10 s / 94: at most 96 in any 10 s, 94 % of the budget when busy.
//
// When Redis cannot be reached, Wait logs it once and returns at once: the client's own limiter and
// HighLevel's rate-limit headers (a 429 holds the location) pace the requests until Redis answers again.
type Limiter struct {
	rdb        redis.UniversalClient
	prefix     string
	interval   time.Duration // between two requests
	tolerance  time.Duration // how far ahead of the steady pace a burst may go
	log        *slog.Logger
	timeout    time.Duration
	retryAfter time.Duration

	mu        sync.Mutex
	downUntil time.Time // Redis is skipped until then
	down      bool      // an outage was logged and its end was not
}

// NewLimiter returns a limiter on rdb.
func NewLimiter(rdb redis.UniversalClient, opts LimiterOptions) (*Limiter, error) {
	if opts.Requests < 0 || opts.Interval < 0 || opts.CallTimeout < 0 || opts.RetryAfter < 0 {
		return nil, errors.New("redisstore: limiter options must not be negative")
	}
	requests, per := opts.Requests, opts.Interval
	if requests == 0 {
		requests = DefaultRequests
	}
	if per == 0 {
		per = DefaultInterval
	}
	// As the client's own limiter: a burst of 3 %, and a steady rate that leaves 3 % more of the window
	// unused, for requests that reach HighLevel later than others admitted after them.
	burst := max(1, requests*3/100)
	steady := requests - burst - max(1, requests*3/100)
	if steady < 1 {
		return nil, fmt.Errorf("redisstore: a budget of %d requests is too small to share", requests)
	}
	l := &Limiter{
		rdb:        rdb,
		prefix:     prefixOr(opts.Prefix),
		interval:   per / time.Duration(steady),
		log:        opts.Logger,
		timeout:    opts.CallTimeout,
		retryAfter: opts.RetryAfter,
	}
	if l.interval < minInterval {
		return nil, fmt.Errorf("redisstore: %d requests per %s leave %s between requests; the limiter needs at least %s",
			requests, per, l.interval, minInterval)
	}
	l.tolerance = l.interval * time.Duration(burst-1)
	if l.log == nil {
		l.log = slog.New(slog.DiscardHandler)
	}
	if l.timeout == 0 {
		l.timeout = DefaultCallTimeout
	}
	if l.retryAfter == 0 {
		l.retryAfter = DefaultRetryAfter
	}
	return l, nil
}

// minInterval is the finest pace the limiter keeps: its script counts in whole microseconds, so this bounds
// the rounding to 1 %.
const minInterval = 100 * time.Microsecond

// reserveScript is GCRA in its virtual-scheduling form, as a reservation: the key holds the theoretical
// arrival time (TAT, microseconds on Redis' clock) of the next request; a request may go at TAT - tolerance,
// and moves TAT one interval on. ARGV: interval, tolerance, longest acceptable wait (-1: any), all in
// microseconds. It answers {1, wait} for a reserved slot and {0, wait} when the wait is longer than allowed
// (nothing reserved).
var reserveScript = redis.NewScript(`
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval, tolerance, maxwait = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call("GET", KEYS[1]) or "0")
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
if maxwait >= 0 and wait > maxwait then return {0, wait} end
tat = tat + interval
redis.call("SET", KEYS[1], string.format("%.0f", tat), "PX", math.floor((tat - now) / 1000) + 1)
return {1, wait}`)

// WaitError is returned by Wait when the location's next free slot comes after ctx's deadline. Nothing was
// reserved. It matches ghl.ErrRateLimited and context.DeadlineExceeded.
type WaitError struct {
	// Wait is how long the request would have had to wait.
	Wait time.Duration
}

// Error says how long the wait would have been.
func (e *WaitError) Error() string {
	return fmt.Sprintf("redisstore: shared rate limit: the next request may be sent in %s, after the context deadline", e.Wait.Round(time.Millisecond))
}

// Is matches ghl.ErrRateLimited and context.DeadlineExceeded.
func (e *WaitError) Is(target error) bool {
	return target == ghl.ErrRateLimited || target == context.DeadlineExceeded
}

// Wait blocks until locationID's shared budget has room for one more request, and reserves it. It implements
// ghl.Limiter.
func (l *Limiter) Wait(ctx context.Context, locationID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.skipping() {
		return nil
	}
	maxWait := int64(-1)
	if deadline, ok := ctx.Deadline(); ok {
		maxWait = max(0, time.Until(deadline).Microseconds())
	}
	cctx, cancel := context.WithTimeout(ctx, l.timeout)
	res, err := reserveScript.Run(cctx, l.rdb, []string{rateKey(l.prefix, locationID)},
		l.interval.Microseconds(), l.tolerance.Microseconds(), maxWait).Int64Slice()
	cancel()
	if err != nil || len(res) != 2 {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			err = fmt.Errorf("unexpected answer %v", res)
		}
		l.failed(err)
		return nil
	}
	l.succeeded()
	wait := time.Duration(res[1]) * time.Microsecond
	if res[0] == 0 {
		return &WaitError{Wait: wait}
	}
	if wait <= 0 {
		return nil
	}
	return clock.Real{}.Sleep(ctx, wait) // Redis' clock, not the client's, placed the slot
}

func (l *Limiter) skipping() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.down && time.Now().Before(l.downUntil)
}

func (l *Limiter) failed(err error) {
	l.mu.Lock()
	first := !l.down
	l.down, l.downUntil = true, time.Now().Add(l.retryAfter)
	l.mu.Unlock()
	if first {
		l.log.Warn("redisstore: Redis is unreachable; requests fall back on the client's own limiter and HighLevel's rate-limit headers",
			"error", err.Error(), "retry_in", l.retryAfter)
	}
}

func (l *Limiter) succeeded() {
	l.mu.Lock()
	was := l.down
	l.down = false
	l.mu.Unlock()
	if was {
		l.log.Info("redisstore: Redis is reachable again; requests share its rate budget")
	}
}
