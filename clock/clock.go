// Package clock lets time be injected: the SDK waits on a Clock (ghl.WithClock) so that tests can run minutes of
// simulated rate limiting and backoff in microseconds. Fake is the clock the SDK's own tests, the ghl command's and
// the recipes' use; give one to ghl.WithClock and to ghltest.WithClock to move both sides together with Advance.
package clock

import (
	"context"
	"sync"
	"time"

	"github.com/ghlkit/ghl/api"
)

// Clock tells the time and waits; it is defined in the public api package.
type Clock = api.Clock

// Real is the wall clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// SleepUntil waits on a timer and the context.
func (r Real) SleepUntil(ctx context.Context, t time.Time) error { return r.Sleep(ctx, time.Until(t)) }

// Sleep waits on a timer and the context.
func (Real) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Fake is a simulated clock for tests. SleepUntil does not block: it moves the clock forward to the sleeper's
// wake-up time, never backwards, so concurrent sleepers that asked for the same time wake together. Waited adds up
// how far sleeps moved the clock.
type Fake struct {
	mu     sync.Mutex
	now    time.Time
	waited time.Duration
	sleeps int
}

// NewFake returns a Fake clock set to start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// Now returns the simulated time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// SleepUntil moves the simulated time forward to t, unless ctx is already done or t has passed.
func (f *Fake) SleepUntil(ctx context.Context, t time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !t.After(f.now) {
		return nil
	}
	f.sleeps++
	f.waited += t.Sub(f.now)
	f.now = t
	return nil
}

// Sleep is SleepUntil(ctx, f.Now().Add(d)).
func (f *Fake) Sleep(ctx context.Context, d time.Duration) error {
	return f.SleepUntil(ctx, f.Now().Add(d))
}

// Advance moves the clock forward by d.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// Waited returns the total of all sleeps and how many there were.
func (f *Fake) Waited() (time.Duration, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.waited, f.sleeps
}
