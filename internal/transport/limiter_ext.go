package transport

import (
	"context"
	"time"
)

// Limiter is a rate budget kept outside the client, for example in a store that every replica of a service
// shares, so that together they stay under one location's limit. The client waits on it before every attempt,
// after its own per-location limiter (which stays on unless RateLimitPolicy.Disabled) has reserved a slot of
// its log, so a 429's hold and the local log still apply when the shared budget has room.
//
// Wait blocks until one more request of locationID ("" for a client without a location) may be sent, or
// returns an error, which stops the request unsent and is returned to the caller. A Limiter that cannot reach
// its store should return nil rather than fail every request: the client then falls back on its own limiter
// and on HighLevel's rate-limit headers. Wait must honour ctx and be safe for concurrent use.
type Limiter interface {
	Wait(ctx context.Context, locationID string) error
}

// wait blocks until this location may send one more request, not before notBefore: first on the client's own
// limiter, which reserves a slot of its log, then on the shared one. A refusal of the shared limiter gives the
// slot back.
func (l *limiter) wait(ctx context.Context, notBefore time.Time) (id uint64, waited time.Duration, err error) {
	id, waited, err = l.reserve(ctx, notBefore)
	if err != nil || l.ext == nil {
		return id, waited, err
	}
	start := l.clock.Now()
	err = l.ext.Wait(ctx, l.location)
	waited += l.clock.Now().Sub(start)
	if err != nil {
		l.release(id)
		return 0, waited, err
	}
	return id, waited, nil
}
