package api

import (
	"context"
	"time"
)

// Clock tells the time and waits; ghl.WithClock injects one so that tests simulate rate limiting and backoff
// without sleeping. Waits are until a point in time, not for a duration, so that a simulated clock shared by
// concurrent sleepers wakes each at the time it asked for. It must be safe for concurrent use.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// SleepUntil waits until t or until ctx is done, whichever comes first, and returns ctx.Err() in the latter
	// case.
	SleepUntil(ctx context.Context, t time.Time) error
}
