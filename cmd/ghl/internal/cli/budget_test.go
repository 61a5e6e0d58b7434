//go:build go1.25

package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The budget tests run the command in a synctest bubble: its time is simulated, and it moves only when every
// goroutine of the command is blocked on a timer or a channel. That is what makes the import's concurrency
// honest here. clock.Fake never blocks a sleeper: it jumps the shared clock to the sleeper's wake-up time at
// once. Eight workers waiting on the limiter hold eight successive slots; whichever calls SleepUntil first
// moves the clock to its slot, the others find theirs passed and send at once, and the server sees a burst at
// one instant that a wall clock would have spread out. In the bubble each worker wakes at its own slot, in the
// limiter's order, as it would on a wall clock. While a request is on the (loopback) network no goroutine of
// the bubble is durably blocked, so time stands still: a request takes no simulated time unless the test adds
// latency.
//
// The fake HighLevel runs outside the bubble (its listener is real) and enforces HighLevel's 100 requests per
// sliding 10 s on the bubble's clock: each request is stamped with the bubble's time as it leaves.

// bubbleClock is the bubble's time as seen from outside it: the time of the latest request sent.
type bubbleClock struct{ now atomic.Int64 }

func (c *bubbleClock) Now() time.Time { return time.Unix(0, c.now.Load()).UTC() }

// stampTransport sends each request after latency (simulated round-trip time), stamped with the bubble's time.
// Keep-alives are off: an idle connection's reader would be blocked on the network for ever, which is not
// durable blocking, and time in the bubble would never move.
type stampTransport struct {
	clk     *bubbleClock
	latency time.Duration
	base    http.RoundTripper
}

func newStampTransport(clk *bubbleClock, latency time.Duration) *stampTransport {
	return &stampTransport{clk: clk, latency: latency, base: &http.Transport{DisableKeepAlives: true}}
}

func (s *stampTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	s.clk.now.Store(time.Now().UnixNano())
	return s.base.RoundTrip(r)
}

// budget is the share of HighLevel's burst budget (100 requests per 10 s) that requests over elapsed used.
func budget(requests int, elapsed time.Duration) float64 {
	return float64(requests) / (elapsed.Seconds() / 10 * 100)
}

// bubbleServer starts the fake on the bubble's clock, which starts where synctest's does.
func bubbleServer(t *testing.T) (*ghltest.Server, *bubbleClock, string) {
	clk := &bubbleClock{}
	clk.now.Store(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	srv := ghltest.NewServer(ghltest.WithLocation(testLocation), ghltest.WithClock(clk))
	t.Cleanup(srv.Close)
	return srv, clk, srv.IssueToken(testLocation)
}

func TestImportKeepsTheLimiterBusy(t *testing.T) {
	const rows = 1200
	srv, clk, token := bubbleServer(t)
	var csv strings.Builder
	csv.WriteString("firstName,email\n")
	for i := range rows {
		fmt.Fprintf(&csv, "Lead%d,lead%d@example.com\n", i, i)
	}
	in := tempPath(t, "leads.csv")
	writeFile(t, in, csv.String())

	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		e := &env{
			getenv: func(k string) string {
				return map[string]string{"GHL_TOKEN": token, "GHL_LOCATION_ID": testLocation}[k]
			},
			stdout: &stdout, stderr: &stderr,
			// 250 ms per request: one worker could not keep up with 9.6 requests a second; the default 8 do.
			httpClient: &http.Client{Transport: newStampTransport(clk, 250*time.Millisecond)},
		}
		start := time.Now()
		code := run(t.Context(), []string{"import", "--in", in, "--base-url", srv.URL, "--quiet"}, e)
		elapsed := time.Since(start)
		require.Equal(t, exitOK, code, stderr.String())

		stats := srv.Stats(testLocation)
		used := budget(stats.Requests, elapsed)
		assert.Zero(t, stats.RateLimited, "429s")
		assert.Equal(t, rows, stats.Succeeded)
		assert.GreaterOrEqual(t, used, 0.95, "share of the budget used")
		assert.LessOrEqual(t, used, 1.0)
		t.Logf("import: %d upserts in %s simulated (8 workers, 250 ms each): %.1f%% of 100 per 10 s, %d × 429",
			stats.Requests, elapsed, 100*used, stats.RateLimited)
	})
}

func TestExportKeepsTheLimiterBusy(t *testing.T) {
	const contacts, pageSize = 6000, 20
	srv, clk, token := bubbleServer(t)
	ids := srv.SeedContacts(testLocation, contacts, ghltest.SeedOptions{})
	out := tempPath(t, "all.jsonl")

	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		e := &env{
			getenv: func(k string) string {
				return map[string]string{"GHL_TOKEN": token, "GHL_LOCATION_ID": testLocation}[k]
			},
			stdout: &stdout, stderr: &stderr,
			// No latency: an export is a chain of cursors, one request at a time, so over a real network
			// its pace is one page per round trip. Here the test checks that nothing but the limiter holds
			// it back, and that it never meets a 429.
			httpClient: &http.Client{Transport: newStampTransport(clk, 0)},
		}
		start := time.Now()
		code := run(t.Context(), []string{"export", "--out", out, "--page-size", fmt.Sprint(pageSize), "--base-url", srv.URL, "--quiet"}, e)
		elapsed := time.Since(start)
		require.Equal(t, exitOK, code, stderr.String())

		stats := srv.Stats(testLocation)
		used := budget(stats.Requests, elapsed)
		assert.Zero(t, stats.RateLimited, "429s")
		assert.Equal(t, contacts/pageSize+1, stats.Requests)
		assert.GreaterOrEqual(t, used, 0.95, "share of the budget used")
		// The first window's sends go at once, so the average over a short run may pass 100 per 10 s; no
		// window of 10 s ever holds more than 99.
		var at []time.Time
		for _, r := range srv.RequestsTo(http.MethodPost, "/contacts/search") {
			at = append(at, r.At)
		}
		most := 0
		for i := range at {
			j := i
			for j < len(at) && at[j].Sub(at[i]) < 10*time.Second {
				j++
			}
			most = max(most, j-i)
		}
		assert.LessOrEqual(t, most, 99, "searches in one 10 s window")
		t.Logf("export: %d searches in %s simulated: %.1f%% of 100 per 10 s, at most %d in 10 s, %d × 429",
			stats.Requests, elapsed, 100*used, most, stats.RateLimited)
	})
	countOnce(t, ids, readJSONL(t, out))
}
