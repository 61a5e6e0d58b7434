package transport

import (
	"context"
	"time"

	"github.com/ghlkit/ghl/api"
)

// Limiter is a budget shared outside the client; see api.Limiter.
type Limiter = api.Limiter

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
