package webhook

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryStoreLifecycle(t *testing.T) {
	ctx := context.Background()
	type step struct {
		op      string // claim, complete, release, advance
		d       time.Duration
		wantErr error
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"claim once", []step{{op: "claim"}}},
		{"second claim while in flight", []step{{op: "claim"}, {op: "claim", wantErr: ErrInFlight}}},
		{"claim after completion", []step{{op: "claim"}, {op: "complete", d: time.Minute}, {op: "claim", wantErr: ErrReplay}}},
		{"claim after release", []step{{op: "claim"}, {op: "release"}, {op: "claim"}}},
		{"release does not undo completion", []step{
			{op: "claim"}, {op: "complete", d: time.Minute}, {op: "release"}, {op: "claim", wantErr: ErrReplay}}},
		{"lease expires", []step{{op: "claim", d: time.Minute}, {op: "advance", d: time.Minute}, {op: "claim"}}},
		{"lease not yet expired", []step{
			{op: "claim", d: time.Minute}, {op: "advance", d: time.Minute - time.Nanosecond}, {op: "claim", wantErr: ErrInFlight}}},
		{"completion expires", []step{
			{op: "claim"}, {op: "complete", d: 10 * time.Minute}, {op: "advance", d: 10 * time.Minute}, {op: "claim"}}},
		{"completion kept until keep", []step{
			{op: "claim"}, {op: "complete", d: 10 * time.Minute}, {op: "advance", d: 9 * time.Minute}, {op: "claim", wantErr: ErrReplay}}},
		{"release of an unknown id", []step{{op: "release"}, {op: "claim"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			s := NewMemoryStore(10, clock.Now)
			for i, st := range tt.steps {
				var err error
				switch st.op {
				case "claim":
					lease := st.d
					if lease == 0 {
						lease = time.Hour
					}
					err = s.Claim(ctx, "id", lease)
				case "complete":
					err = s.Complete(ctx, "id", st.d)
				case "release":
					err = s.Release(ctx, "id")
				case "advance":
					clock.Advance(st.d)
				}
				if st.wantErr == nil {
					require.NoError(t, err, "step %d (%s)", i, st.op)
				} else {
					require.ErrorIs(t, err, st.wantErr, "step %d (%s)", i, st.op)
				}
			}
		})
	}
}

func TestMemoryStoreIsBounded(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	s := NewMemoryStore(3, clock.Now)
	for i := range 5 {
		id := fmt.Sprint("id", i)
		require.NoError(t, s.Claim(ctx, id, time.Hour))
		require.NoError(t, s.Complete(ctx, id, time.Hour))
		clock.Advance(time.Second)
	}
	assert.Equal(t, 3, s.Len())
	// The oldest went first; the newest are still refused.
	assert.NoError(t, s.Claim(ctx, "id0", time.Hour))
	assert.ErrorIs(t, s.Claim(ctx, "id4", time.Hour), ErrReplay)
	assert.ErrorIs(t, s.Claim(ctx, "id3", time.Hour), ErrReplay)
	assert.Equal(t, 3, s.Len())
}

func TestMemoryStoreSweepsExpired(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	s := NewMemoryStore(1000, clock.Now)
	for i := range 100 {
		require.NoError(t, s.Claim(ctx, fmt.Sprint(i), time.Minute))
	}
	assert.Equal(t, 100, s.Len())
	clock.Advance(time.Minute)
	require.NoError(t, s.Claim(ctx, "new", time.Minute))
	assert.Equal(t, 1, s.Len())
}

func TestMemoryStoreQueueStaysBounded(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	s := NewMemoryStore(4, clock.Now)
	for range 10_000 {
		require.NoError(t, s.Claim(ctx, "same", time.Hour))
		require.NoError(t, s.Release(ctx, "same"))
		require.NoError(t, s.Claim(ctx, "same", time.Hour))
		require.NoError(t, s.Complete(ctx, "same", time.Nanosecond))
		clock.Advance(time.Nanosecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	assert.LessOrEqual(t, len(s.queue), 2*s.max+16+1)
	assert.LessOrEqual(t, len(s.ids), s.max)
}

func TestMemoryStoreDefaults(t *testing.T) {
	s := NewMemoryStore(0, nil)
	assert.Equal(t, DefaultMaxEntries, s.max)
	require.NoError(t, s.Claim(context.Background(), "x", time.Hour))
	assert.ErrorIs(t, s.Claim(context.Background(), "x", time.Hour), ErrInFlight)
}

func TestMemoryStoreOneClaimWins(t *testing.T) {
	s := NewMemoryStore(10, newFakeClock().Now)
	const n = 50
	errs := make(chan error, n)
	var start sync.WaitGroup
	start.Add(1)
	for range n {
		go func() {
			start.Wait()
			errs <- s.Claim(context.Background(), "dup", time.Hour)
		}()
	}
	start.Done()
	won := 0
	for range n {
		if err := <-errs; err == nil {
			won++
		} else {
			assert.ErrorIs(t, err, ErrInFlight)
		}
	}
	assert.Equal(t, 1, won)
}
