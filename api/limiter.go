package api

import "context"

// Limiter is a rate budget kept outside the client, for example in a store that every replica of a service
// shares, so that together they stay under one location's limit (module github.com/ghlkit/ghl/redisstore has
// one on Redis). The client waits on it before every attempt, after its own per-location limiter (which stays on
// unless turned off) has reserved a slot.
//
// Wait blocks until one more request of locationID ("" for a client without a location) may be sent, or
// returns an error, which stops the request unsent and is returned to the caller. A Limiter that cannot reach
// its store should return nil rather than fail every request: the client then falls back on its own limiter
// and on HighLevel's rate-limit headers. Wait must honour ctx and be safe for concurrent use.
type Limiter interface {
	Wait(ctx context.Context, locationID string) error
}
