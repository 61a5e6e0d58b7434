package transport

import (
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/assert"
)

// A 429 is cheap only for a client that filled the window itself; one that shares the location with clients it
// cannot see (other replicas, other apps) waits a whole window, and so does a second 429 within one window.
func TestA429WaitsForTheSlotOnlyWhenTheClientIsAlone(t *testing.T) {
	start := time.Unix(1_700_000_000, 0)
	fill := func(n int, spacing time.Duration) *limiter {
		l := newLimiter(RateLimitPolicy{Requests: DefaultRequests, Interval: DefaultInterval}, clock.NewFake(start))
		for i := range n {
			l.log = append(l.log, entry{id: uint64(i + 1), at: start.Add(time.Duration(i) * spacing)})
		}
		return l
	}
	now := start.Add(9950 * time.Millisecond)

	full := fill(99, 100*time.Millisecond)
	wait, alone := full.slotFree(now)
	assert.True(t, alone, "99 sends of its own in the window")
	assert.Equal(t, 50*time.Millisecond, wait, "until the oldest send is one interval old")

	wait, alone = full.slotFree(now.Add(time.Second))
	assert.False(t, alone, "a second 429 within the window: someone else sends too")
	assert.Equal(t, DefaultInterval, wait)

	sparse := fill(30, 300*time.Millisecond)
	wait, alone = sparse.slotFree(now)
	assert.False(t, alone, "30 sends of its own cannot have spent a budget of 100")
	assert.Equal(t, DefaultInterval, wait)

	wait, alone = fill(0, 0).slotFree(now)
	assert.False(t, alone)
	assert.Equal(t, DefaultInterval, wait, "an empty log knows nothing")
}
