package transport

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl/internal/clock"
	"golang.org/x/time/rate"
)

// limiter paces one location. A token bucket keeps this client under HighLevel's burst limit on its own; a hold
// set from the server's headers slows it further when other clients share the location's budget.
type limiter struct {
	clock  clock.Clock
	bucket *rate.Limiter // nil when the client-side limit is off

	ext      Limiter // waited on after bucket and hold; nil without Config.Limiter
	location string

	mu        sync.Mutex
	holdUntil time.Time
	last      RateLimit
}

func (sh *shared) limiterFor(locationID string) *limiter {
	if l, ok := sh.limiters.Load(locationID); ok {
		return l.(*limiter)
	}
	nl := newLimiter(sh.rate, sh.clock)
	nl.ext, nl.location = sh.ext, locationID
	l, _ := sh.limiters.LoadOrStore(locationID, nl)
	return l.(*limiter)
}

// newLimiter sizes the bucket so that no window of p.Interval admits more than p.Requests-1 requests: a bucket of
// burst B refilled at rate R admits at most B + R·Interval in any window. A small burst keeps sustained throughput
// near the limit (96 of 100 per 10 s by default) while leaving one request of slack for clock skew.
func newLimiter(p RateLimitPolicy, clk clock.Clock) *limiter {
	l := &limiter{clock: clk}
	if p.Disabled {
		return l
	}
	burst := max(1, p.Requests*3/100)
	perWindow := max(1, p.Requests-burst-1)
	r := rate.Limit(float64(perWindow) / p.Interval.Seconds())
	l.bucket = rate.NewLimiter(r, burst)
	return l
}

// errLimiterDeadline is returned when the wait for budget would outlast the context.
type limiterDeadlineError struct{ wait time.Duration }

func (e *limiterDeadlineError) Error() string {
	return fmt.Sprintf("ghl: rate limit: the next request may be sent in %s, after the context deadline", e.wait.Round(time.Millisecond))
}

func (e *limiterDeadlineError) Is(target error) bool {
	return target == ErrRateLimited || target == context.DeadlineExceeded
}

// waitLocal blocks until this client's own bucket and hold let this location send one more request.
func (l *limiter) waitLocal(ctx context.Context) (time.Duration, error) {
	now := l.clock.Now()
	var d time.Duration
	var res *rate.Reservation
	if l.bucket != nil && !l.bucket.AllowN(now, 1) {
		res = l.bucket.ReserveN(now, 1)
		d = res.DelayFrom(now)
	}
	l.mu.Lock()
	if h := l.holdUntil.Sub(now); h > d {
		d = h
	}
	l.mu.Unlock()
	if d <= 0 {
		return 0, nil
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(d).After(deadline) {
		if res != nil {
			res.CancelAt(now)
		}
		return d, &limiterDeadlineError{wait: d}
	}
	if err := l.clock.SleepUntil(ctx, now.Add(d)); err != nil {
		if res != nil {
			res.CancelAt(l.clock.Now())
		}
		return d, err
	}
	return d, nil
}

// observe records the server's view of the budget. A client alone on its location never sees the budget spent
// (its bucket stays under it), so a Remaining of 0 means other clients share the location: hold every request for
// a tenth of the window, so that together they slow down instead of meeting 429s at full speed.
func (l *limiter) observe(rl RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if rl.At.Before(l.last.At) {
		return
	}
	l.last = rl
	if !rl.Known || rl.Remaining > 0 || rl.Interval <= 0 {
		return
	}
	l.holdLocked(rl.At.Add(rl.Interval / 10))
}

// hold keeps every request of this location back until t, for example after a 429.
func (l *limiter) hold(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.holdLocked(t)
}

func (l *limiter) holdLocked(t time.Time) {
	if t.After(l.holdUntil) {
		l.holdUntil = t
	}
}

func (l *limiter) snapshot() RateLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}
