// Package clock lets time be injected: the SDK waits on a Clock so that tests can run minutes of simulated
// rate limiting and backoff in microseconds.
package clock

import (
	"context"
	"sync"
	"time"
)

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and returns ctx.Err() in the latter case.
	Sleep(ctx context.Context, d time.Duration) error
}

// Real is the wall clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

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

// Fake is a simulated clock for tests. Sleep does not block: it moves the clock forward to the sleeper's wake-up
// time (never backwards), so concurrent sleepers advance it in the order they wake. Waited adds up every sleep.
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

// Sleep advances the simulated time by d (measured from the moment of the call) unless ctx is already done.
func (f *Fake) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps++
	f.waited += d
	f.now = f.now.Add(d)
	return nil
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
