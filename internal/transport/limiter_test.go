package transport

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/internal/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLimiterStaysUnderTheWindowAndNearIt checks every sliding 10 s window over a long busy run: never more than
// 99 requests (HighLevel allows 100), and at least 95 on average.
func TestLimiterStaysUnderTheWindowAndNearIt(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Requests: 100, Interval: 10 * time.Second}, clk)
	start := clk.Now()
	var sent []time.Time
	for range 2000 {
		_, err := l.wait(t.Context())
		require.NoError(t, err)
		sent = append(sent, clk.Now())
	}
	for i := range sent {
		j := i
		for j < len(sent) && sent[j].Sub(sent[i]) < 10*time.Second {
			j++
		}
		require.LessOrEqual(t, j-i, 99, "window starting at request %d", i)
	}
	elapsed := clk.Now().Sub(start)
	perWindow := float64(len(sent)) / elapsed.Seconds() * 10
	assert.GreaterOrEqual(t, perWindow, 95.0)
}

func TestLowRemainingHoldsTheLocation(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Disabled: true}, clk)
	l.observe(RateLimit{Known: true, Max: 100, Remaining: 1, Interval: 10 * time.Second, At: clk.Now()})
	d, err := l.wait(t.Context())
	require.NoError(t, err)
	assert.Zero(t, d, "budget left: no wait")

	l.observe(RateLimit{Known: true, Max: 100, Remaining: 0, Interval: 10 * time.Second, At: clk.Now()})
	d, err = l.wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, time.Second, d, "none left: a tenth of the window")
}

func TestLimiterRefusesAWaitPastTheDeadline(t *testing.T) {
	clk := clock.NewFake(time.Now())
	l := newLimiter(RateLimitPolicy{Disabled: true}, clk)
	l.hold(clk.Now().Add(time.Minute))
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, err := l.wait(ctx)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestA429HoldsEveryRequestOfTheLocation(t *testing.T) {
	f := setup(t, []step{jsonStep(429, `{}`, rateHeaders(0, 100)...), okContact, okContact})
	_, _, err := getContact(f, t.Context())
	require.NoError(t, err)
	w1, _ := f.clk.Waited()
	other := f.c.ForLocation("loc-2")
	_, err = other.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, nil)
	require.NoError(t, err)
	w2, _ := f.clk.Waited()
	assert.Equal(t, w1, w2, "another location is not held")
	assert.Same(t, f.c.limiter, f.c.ForLocation("loc-1").limiter, "views of one location share its budget")
	assert.NotSame(t, f.c.limiter, other.limiter)
}
