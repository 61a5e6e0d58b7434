package transport

import (
	"context"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxInWindow is the most sends any window of length w holds.
func maxInWindow(sent []time.Time, w time.Duration) int {
	most := 0
	for i := range sent {
		j := i
		for j < len(sent) && sent[j].Sub(sent[i]) < w {
			j++
		}
		most = max(most, j-i)
	}
	return most
}

// TestLimiterStaysUnderTheWindowAndNearIt checks every sliding 10 s window over a long busy run, with and without
// a delay between a slot's reservation and the send: never more than 99 sends (HighLevel allows 100).
func TestLimiterStaysUnderTheWindowAndNearIt(t *testing.T) {
	tests := []struct {
		name      string
		delay     time.Duration // the most a send leaves after its reservation
		minWindow float64
	}{
		{"sends leave at once", 0, 98.5},
		{"sends leave up to 5% of the window late", 500 * time.Millisecond, 96},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := clock.NewFake(time.Now())
			l := newLimiter(RateLimitPolicy{Requests: 100, Interval: 10 * time.Second}, clk)
			rng := rand.New(rand.NewPCG(1, 2))
			start := clk.Now()
			var sent []time.Time
			for range 2000 {
				id, _, err := l.wait(t.Context(), time.Time{})
				require.NoError(t, err)
				// Many senders share the location, so one's late departure does not hold the others back.
				at := clk.Now()
				if tt.delay > 0 {
					at = at.Add(time.Duration(rng.Int64N(int64(tt.delay))))
				}
				l.sent(id, at)
				sent = append(sent, at)
			}
			slices.SortFunc(sent, time.Time.Compare)
			assert.LessOrEqual(t, maxInWindow(sent, 10*time.Second), 99)
			perWindow := float64(len(sent)) / clk.Now().Sub(start).Seconds() * 10
			assert.GreaterOrEqual(t, perWindow, tt.minWindow)
			t.Logf("%.1f sends per 10 s", perWindow)
		})
	}
}

// A slot reserved but not yet written counts against the window however long it takes to leave.
func TestPendingSendsCountAgainstTheWindow(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Requests: 3, Interval: 10 * time.Second}, clk)
	first, _, err := l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	_, _, err = l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	clk.Advance(30 * time.Second) // both still pending: neither has left the window
	written := clk.Now()
	got := make(chan time.Time)
	go func() {
		_, _, err := l.wait(t.Context(), time.Time{})
		assert.NoError(t, err)
		got <- clk.Now()
	}()
	l.sent(first, written) // the waiter can only go one interval after this write
	assert.Equal(t, written.Add(10*time.Second), <-got)
}

func TestUnsentSlotsAreGivenBack(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Requests: 2, Interval: 10 * time.Second}, clk)
	id, _, err := l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	l.release(id)
	_, waited, err := l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	assert.Zero(t, waited)
}

func TestLowRemainingHoldsTheLocation(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Disabled: true, Interval: 10 * time.Second}, clk)
	l.observe(RateLimit{Known: true, Max: 100, Remaining: 1, Interval: 10 * time.Second, At: clk.Now()}, 200)
	_, d, err := l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	assert.Zero(t, d, "budget left: no wait")

	l.observe(RateLimit{Known: true, Max: 100, Remaining: 0, Interval: 10 * time.Second, At: clk.Now()}, 200)
	_, d, err = l.wait(t.Context(), time.Time{})
	require.NoError(t, err)
	assert.Equal(t, time.Second, d, "none left: a tenth of the window")
}

func TestLimiterRefusesAWaitPastTheDeadline(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Disabled: true}, clk)
	l.hold(clk.Now().Add(time.Minute))
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, _, err := l.wait(ctx, time.Time{})
	assert.ErrorIs(t, err, ErrWaitPastDeadline)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, ErrRateLimited, "HighLevel refused nothing")
}

func TestA429HoldsEveryRequestOfTheLocation(t *testing.T) {
	f := setup(t, []step{jsonStep(429, `{}`, rateHeaders(0, 100)...), okContact, okContact})
	_, _, err := getContact(f, t.Context())
	require.NoError(t, err)
	w1, _ := f.clk.Waited()
	assert.Positive(t, w1)
	other := f.c.ForLocation("loc-2")
	_, err = other.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, nil)
	require.NoError(t, err)
	w2, _ := f.clk.Waited()
	assert.Equal(t, w1, w2, "another location is not held")
	assert.Same(t, f.c.limiter, f.c.ForLocation("loc-1").limiter, "views of one location share its budget")
	assert.NotSame(t, f.c.limiter, other.limiter)
}
