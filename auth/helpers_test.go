package auth_test

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"

	"github.com/ghlkit/ghl/auth"
)

// alternating spreads calls over several stores on the same storage, as several processes would.
type alternating struct {
	stores []auth.Store
	n      atomic.Uint64
}

func (a *alternating) next() auth.Store { return a.stores[a.n.Add(1)%uint64(len(a.stores))] }

func (a *alternating) Load(ctx context.Context, key auth.Key) (*auth.Token, error) {
	return a.next().Load(ctx, key)
}

func (a *alternating) Lock(ctx context.Context, key auth.Key) (auth.Locked, error) {
	return a.next().Lock(ctx, key)
}

func (a *alternating) Delete(ctx context.Context, key auth.Key) error {
	return a.next().Delete(ctx, key)
}

func runtimeGosched() { runtime.Gosched() }

func errorsIs(err, target error) bool { return errors.Is(err, target) }
