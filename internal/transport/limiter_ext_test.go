package transport

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingLimiter records each Wait: the location and the client's clock at that moment.
type recordingLimiter struct {
	clk *clock.Fake
	err error

	mu    sync.Mutex
	locs  []string
	times []time.Time
}

func (r *recordingLimiter) Wait(_ context.Context, locationID string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.locs = append(r.locs, locationID)
	r.times = append(r.times, r.clk.Now())
	return r.err
}

func (r *recordingLimiter) calls() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.locs...)
}

func withLimiter(l Limiter) fixtureOpt { return func(c *Config) { c.Limiter = l } }

func TestSharedLimiterIsWaitedOnBeforeEveryAttempt(t *testing.T) {
	gateway := jsonStep(503, `{"statusCode":503,"message":"unavailable"}`)
	tests := []struct {
		name     string
		steps    []step
		location string // "" sends through the client's own location
		want     []string
	}{
		{"one request", []step{okContact}, "", []string{"loc-1"}},
		{"each retry waits again", []step{gateway, gateway, okContact}, "", []string{"loc-1", "loc-1", "loc-1"}},
		{"a location view passes its own ID", []step{okContact}, "loc-2", []string{"loc-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rl := &recordingLimiter{}
			f := setup(t, tt.steps, withLimiter(rl))
			rl.clk = f.clk
			c := f.c
			if tt.location != "" {
				c = c.ForLocation(tt.location)
			}
			_, err := c.Do(t.Context(), &Request{Method: http.MethodGet, Path: Path("contacts", "c1"), Kind: Read}, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.want, rl.calls())
			assert.Equal(t, len(tt.want), f.script.count())
		})
	}
}

func TestSharedLimiterErrorStopsTheRequestUnsent(t *testing.T) {
	refused := errors.New("shared budget refused")
	for _, kind := range []Kind{Read, Create} {
		t.Run(kind.String(), func(t *testing.T) {
			rl := &recordingLimiter{err: refused}
			f := setup(t, []step{okContact}, withLimiter(rl))
			rl.clk = f.clk
			_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{}, Kind: kind}, nil)
			require.ErrorIs(t, err, refused)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a request the limiter stopped never left")
			assert.Equal(t, 0, f.script.count())
		})
	}
}

// The local limiter comes first: a location held after a 429 does not take a slot of the shared budget that
// it would then leave unused while it waits.
func TestSharedLimiterComesAfterTheLocalHold(t *testing.T) {
	rl := &recordingLimiter{}
	f := setup(t, []step{okContact}, withLimiter(rl))
	rl.clk = f.clk
	until := f.clk.Now().Add(time.Minute)
	f.c.limiter.hold(until)
	_, _, err := getContact(f, t.Context())
	require.NoError(t, err)
	require.Len(t, rl.times, 1)
	assert.False(t, rl.times[0].Before(until), "the shared limiter was asked during the local hold")
}
