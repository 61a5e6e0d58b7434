package ghl

import (
	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/transport"
)

// Limiter is a rate budget shared outside the client, for example by every replica of a service that acts for
// the same locations (module github.com/ghlkit/ghl/redisstore has one on Redis). Wait blocks until one more
// request of locationID may be sent; an error stops the request unsent. A Limiter that cannot reach its store
// should return nil, so that the client falls back on its own limiter and HighLevel's rate-limit headers.
// See api.Limiter.
type Limiter = api.Limiter

// WithLimiter makes every request wait on l as well, after the client's own per-location limiter, which stays
// on (turn it off with WithoutRateLimit if l must be the only pace). Each ForLocation view passes its own
// location ID. Default: none.
func WithLimiter(l Limiter) Option {
	return func(c *transport.Config) error {
		if l == nil {
			return transport.InvalidArgument("WithLimiter", "must not be given nil")
		}
		c.Limiter = l
		return nil
	}
}
