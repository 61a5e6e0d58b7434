package redisstore_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// soon is a context whose deadline leaves no room to wait for the next slot of a budget paced by the minute
// (one slot every 638 ms): Wait reserves only a slot that is free now.
func soon(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	t.Cleanup(cancel)
	return ctx
}

func TestLimiterBurstsThenPaces(t *testing.T) {
	srv := startRedis(t)
	l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterOptions{Interval: time.Minute})
	require.NoError(t, err)
	interval := time.Minute / 94
	for i := range 3 {
		require.NoError(t, l.Wait(soon(t), "loc-1"), "request %d of the burst", i)
	}
	err = l.Wait(soon(t), "loc-1")
	var we *redisstore.WaitError
	require.ErrorAs(t, err, &we, "the fourth request must wait for the steady pace")
	assert.ErrorIs(t, err, ghl.ErrRateLimited)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Greater(t, we.Wait, time.Duration(0))
	assert.LessOrEqual(t, we.Wait, interval)

	err = l.Wait(soon(t), "loc-1")
	var again *redisstore.WaitError
	require.ErrorAs(t, err, &again)
	assert.LessOrEqual(t, again.Wait, we.Wait, "a refused request reserved a slot")
	require.NoError(t, l.Wait(soon(t), "loc-2"), "another location has its own budget")

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, l.Wait(cancelled, "loc-3"), context.Canceled)
	for range 3 {
		require.NoError(t, l.Wait(soon(t), "loc-3"), "a cancelled request reserved a slot")
	}
}

// Three limiters with their own connections stand for three replicas: together they get one budget. Redis'
// clock decides, so the run can be no shorter than the budget allows, and the shared queue keeps it close to
// that.
func TestLimiterSharesOneBudgetAcrossReplicas(t *testing.T) {
	srv := startRedis(t)
	const replicas, goroutines, each = 3, 10, 7
	const per = 500 * time.Millisecond // 100 per 500 ms keeps the run short; the pace scales with it
	var wg sync.WaitGroup
	start := time.Now()
	errs := make(chan error, replicas*goroutines)
	for range replicas {
		l, err := redisstore.NewLimiter(srv.Client(), redisstore.LimiterOptions{Interval: per})
		require.NoError(t, err)
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					if err := l.Wait(ctxT(t), "loc-1"); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	n := replicas * goroutines * each
	least := time.Duration(n-3) * (per / 94)
	t.Logf("%d requests from %d replicas in %s; the budget allows them in no less than %s", n, replicas, elapsed, least)
	assert.GreaterOrEqual(t, elapsed, least-time.Millisecond, "the replicas went faster than the shared budget")
	assert.Less(t, elapsed, least*3/2, "the replicas used far less than the shared budget")
}

// Without Redis, Wait lets requests through at once (the client's own limiter and HighLevel's headers pace
// them), says so once, leaves Redis alone for RetryAfter, and says when Redis is back.
func TestLimiterFallsBackWhileRedisIsDown(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter time.Duration
		usedAgain  bool // the first Wait after Redis restarts goes to Redis
	}{
		{"retries Redis on the next request", time.Nanosecond, true},
		{"leaves Redis alone for RetryAfter", time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startRedis(t)
			rdb := srv.Client()
			logs := &syncBuffer{}
			l, err := redisstore.NewLimiter(rdb, redisstore.LimiterOptions{RetryAfter: tt.retryAfter,
				Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			require.NoError(t, err)
			srv.Kill()
			for i := range 10 {
				start := time.Now()
				require.NoError(t, l.Wait(ctxT(t), "loc-1"), "request %d without Redis", i)
				assert.Less(t, time.Since(start), time.Second+redisstore.DefaultCallTimeout)
			}
			assert.Equal(t, 1, strings.Count(logs.String(), "Redis is unreachable"), "one line per outage")
			assert.Contains(t, logs.String(), "level=WARN")

			srv.Start()
			require.NoError(t, rdb.FlushAll(ctxT(t)).Err()) // the budget kept before the outage
			require.NoError(t, l.Wait(ctxT(t), "loc-1"))
			keys, err := rdb.Keys(ctxT(t), "ghl:rate:*").Result()
			require.NoError(t, err)
			if !tt.usedAgain {
				assert.Empty(t, keys, "Redis was asked before RetryAfter passed")
				assert.NotContains(t, logs.String(), "reachable again")
				return
			}
			assert.Len(t, keys, 1, "the budget is kept in Redis again")
			assert.Contains(t, logs.String(), "level=INFO msg=\"redisstore: Redis is reachable again")
		})
	}
}

func TestNewLimiterRefusesBadBudgets(t *testing.T) {
	tests := map[string]redisstore.LimiterOptions{
		"negative requests": {Requests: -1},
		"negative interval": {Interval: -time.Second},
		"negative timeout":  {CallTimeout: -time.Second},
		"too small":         {Requests: 2},
		"too fine":          {Interval: time.Millisecond},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			l, err := redisstore.NewLimiter(nil, opts)
			assert.Nil(t, l)
			assert.Error(t, err)
		})
	}
	_, err := redisstore.NewLimiter(nil, redisstore.LimiterOptions{Requests: 3})
	assert.NoError(t, err, "the smallest budget that can be shared")
	assert.False(t, errors.Is(err, ghl.ErrRateLimited))
}
