package ghl_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simClock is a discrete-event clock for concurrent workers: simulated time stands still while any worker is
// busy (a request on the loopback takes no simulated time) and jumps to the earliest wake-up once every worker
// sleeps on it.
type simClock struct {
	mu       sync.Mutex
	now      time.Time
	workers  int
	sleepers []*sleeper
}

type sleeper struct {
	at   time.Time
	wake chan struct{}
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *simClock) SleepUntil(ctx context.Context, t time.Time) error {
	c.mu.Lock()
	if !t.After(c.now) {
		c.mu.Unlock()
		return ctx.Err()
	}
	s := &sleeper{at: t, wake: make(chan struct{})}
	c.sleepers = append(c.sleepers, s)
	c.advanceLocked()
	c.mu.Unlock()
	select {
	case <-s.wake:
		return nil
	case <-ctx.Done():
		c.mu.Lock()
		defer c.mu.Unlock()
		if i := slices.Index(c.sleepers, s); i >= 0 {
			c.sleepers = slices.Delete(c.sleepers, i, i+1)
		}
		return ctx.Err()
	}
}

// leave takes a finished worker out of the count.
func (c *simClock) leave() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.workers--
	c.advanceLocked()
}

func (c *simClock) advanceLocked() {
	if len(c.sleepers) == 0 || len(c.sleepers) < c.workers {
		return
	}
	earliest := c.sleepers[0].at
	for _, s := range c.sleepers[1:] {
		if s.at.Before(earliest) {
			earliest = s.at
		}
	}
	c.now = earliest
	c.sleepers = slices.DeleteFunc(c.sleepers, func(s *sleeper) bool {
		if s.at.After(c.now) {
			return false
		}
		close(s.wake)
		return true
	})
}

// lateSender delays sends after their slot was reserved, as a saturated CPU does: each send leaves, with
// probability share, up to max late on the simulated clock.
type lateSender struct {
	clk   *simClock
	max   time.Duration
	share float64
	mu    sync.Mutex
	rng   *rand.Rand
	next  http.RoundTripper
}

func (l *lateSender) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	var d time.Duration
	if l.rng.Float64() < l.share {
		d = time.Duration(l.rng.Int64N(int64(l.max)))
	}
	l.mu.Unlock()
	if err := l.clk.SleepUntil(r.Context(), l.clk.Now().Add(d)); err != nil {
		return nil, err
	}
	return l.next.RoundTrip(r)
}

// TestALoadedMachineKeepsTheBudgetWithoutA429 runs 16 workers for two simulated minutes against the fake, which
// enforces HighLevel's 100 requests per sliding 10 s on the same clock, while sends leave up to 5 % of the window
// after their slot was reserved. A client that never overshoots cannot do better than 99 sends per 10 s plus
// the average lateness, so the share it reaches depends on how many sends are late.
func TestALoadedMachineKeepsTheBudgetWithoutA429(t *testing.T) {
	tests := []struct {
		name     string
		share    float64 // of sends that leave late
		minShare float64 // of HighLevel's budget
	}{
		{"a quarter of the sends up to 500 ms late", 0.25, 97},
		{"every send up to 500 ms late", 1, 95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const workers = 16
			clk := &simClock{now: time.Now(), workers: workers}
			srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
			t.Cleanup(srv.Close)
			late := &lateSender{clk: clk, max: 500 * time.Millisecond, share: tt.share, rng: rand.New(rand.NewPCG(3, 4)),
				next: http.DefaultTransport.(*http.Transport).Clone()}
			client, err := ghl.NewClient(
				ghl.WithBaseURL(srv.URL),
				ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc-1"))),
				ghl.WithLocationID("loc-1"),
				ghl.WithClock(clk),
				ghl.WithHTTPClient(&http.Client{Transport: late}),
				ghl.WithoutRetries(), // a 429 must not be hidden by a retry
			)
			require.NoError(t, err)
			c := srv.AddContact(ghltest.Contact{LocationID: "loc-1", FirstName: "Ada"})
			start := clk.Now()
			end := start.Add(2 * time.Minute)
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer clk.leave()
					for clk.Now().Before(end) {
						if err := client.Do(t.Context(), http.MethodGet, "/contacts/"+c.ID, nil, nil); err != nil {
							assert.NoError(t, err)
							return
						}
					}
				}()
			}
			wg.Wait()
			stats := srv.Stats("loc-1")
			// The sustained rate: a slot of the client's budget comes back when the send that held it is one
			// window old, so send i+99 follows send i by one cycle; 99 sends per cycle is the rate.
			reqs := srv.RequestsTo(http.MethodGet, "/contacts/{contactId}")
			require.Greater(t, len(reqs), 500)
			var cycles time.Duration
			for i := 0; i+99 < len(reqs); i++ {
				cycles += reqs[i+99].At.Sub(reqs[i].At)
			}
			cycle := cycles / time.Duration(len(reqs)-99)
			share := 99 * float64(10*time.Second) / float64(cycle)
			t.Logf("%d sends, one every %s per slot: %.1f %% of the budget; %d × 429", len(reqs), cycle.Round(time.Millisecond), share, stats.RateLimited)
			assert.Zero(t, stats.RateLimited)
			assert.GreaterOrEqual(t, share, tt.minShare)
		})
	}
}
