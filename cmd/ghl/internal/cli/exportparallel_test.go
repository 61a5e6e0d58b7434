//go:build go1.25

package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parallel export tests run the command in a testing/synctest bubble and serve its requests with the fake's
// handler on the calling goroutine, so that the fake's latency (SetLatency sleeps) and the client's limiter
// both run on the bubble's simulated clock: the chains overlap as they would over a real network, and a
// minute of export takes a moment. The fake reads the bubble's time too (its default clock is time.Now).

// inProcess serves requests with h on the calling goroutine.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// onSearch calls do(n) after the n-th answer to a search.
type onSearch struct {
	base http.RoundTripper
	n    atomic.Int64
	do   func(n int64)
}

func (o *onSearch) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := o.base.RoundTrip(r)
	if r.URL.Path == "/contacts/search" {
		o.do(o.n.Add(1))
	}
	return resp, err
}

// slowFake is a fake HighLevel that takes latency per search, with a token for testLocation.
func slowFake(t *testing.T, latency time.Duration) (*ghltest.Server, string) {
	srv := ghltest.NewServer(ghltest.WithLocation(testLocation))
	t.Cleanup(srv.Close)
	srv.SetLatency(http.MethodPost, "/contacts/search", latency)
	return srv, srv.IssueToken(testLocation)
}

// runInProcess runs the command against srv, served in process through wrap (nil: directly).
func runInProcess(ctx context.Context, srv *ghltest.Server, token string, args []string, wrap func(http.RoundTripper) http.RoundTripper) result {
	var stdout, stderr bytes.Buffer
	var rt http.RoundTripper = inProcess{srv.Handler()}
	if wrap != nil {
		rt = wrap(rt)
	}
	e := &env{
		getenv: func(k string) string {
			return map[string]string{"GHL_TOKEN": token, "GHL_LOCATION_ID": testLocation}[k]
		},
		stdout: &stdout, stderr: &stderr,
		httpClient: &http.Client{Transport: rt},
	}
	args = append([]string{args[0], "--base-url", srv.URL, "--quiet"}, args[1:]...)
	code := run(ctx, args, e)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// TestParallelExportResumesEveryChain stops a parallel export twice, once by Ctrl-C and once by a crash that
// loses the checkpoints saved after an earlier one, and resumes it with another number of chains each time:
// every contact is in the output exactly once.
func TestParallelExportResumesEveryChain(t *testing.T) {
	const n = 3000
	for _, format := range []string{"jsonl", "csv"} {
		t.Run(format, func(t *testing.T) {
			srv, token := slowFake(t, 150*time.Millisecond)
			out := tempPath(t, "all."+format)
			checkpoint := out + ".checkpoint"
			args := []string{"export", "--out", out, "--page-size", "100"}
			synctest.Test(t, func(t *testing.T) {
				ids := srv.SeedContacts(testLocation, n, ghltest.SeedOptions{})

				// Run 1: Ctrl-C after 12 searches; the checkpoint saved after the 6th is kept aside.
				var early []byte
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				res := runInProcess(ctx, srv, token, append(args, "--parallel", "4"), func(rt http.RoundTripper) http.RoundTripper {
					return &onSearch{base: rt, do: func(k int64) {
						switch k {
						case 6:
							early, _ = os.ReadFile(checkpoint)
						case 12:
							cancel()
						}
					}}
				})
				require.Equal(t, exitInterrupted, res.code, res.stderr)
				assert.Contains(t, res.stderr, "run the same command again to resume")
				var cp exportCheckpoint
				require.NoError(t, loadJSON(checkpoint, &cp))
				assert.Equal(t, exportParallelKind, cp.Kind)
				require.NotNil(t, cp.Parallel)
				assert.Greater(t, len(cp.Parallel.Ranges), 1, "several chains were running")
				require.Positive(t, cp.Count)
				require.Less(t, cp.Count, n)
				require.NotEmpty(t, early, "a checkpoint was saved before the interruption")

				// A crash: the file holds more than the checkpoint that survived, and half a line.
				require.NoError(t, os.WriteFile(checkpoint, early, 0o600))
				var survived exportCheckpoint
				require.NoError(t, loadJSON(checkpoint, &survived))
				require.Less(t, survived.Count, cp.Count)
				file, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
				require.NoError(t, err)
				_, err = file.WriteString(`{"id":"half-writ`)
				require.NoError(t, err)
				require.NoError(t, file.Close())

				// Run 2: resumed with 8 chains, Ctrl-C again after 10 searches.
				ctx2, cancel2 := context.WithCancel(t.Context())
				defer cancel2()
				res = runInProcess(ctx2, srv, token, append(args, "--parallel", "8"), func(rt http.RoundTripper) http.RoundTripper {
					return &onSearch{base: rt, do: func(k int64) {
						if k == 10 {
							cancel2()
						}
					}}
				})
				require.Equal(t, exitInterrupted, res.code, res.stderr)
				assert.Contains(t, res.stderr, fmt.Sprintf("resuming: %s contacts already in", thousands(survived.Count)))
				var cp2 exportCheckpoint
				require.NoError(t, loadJSON(checkpoint, &cp2))
				require.Greater(t, cp2.Count, survived.Count)
				require.Less(t, cp2.Count, n)

				// Run 3: resumed with 3 chains, to the end.
				res = runInProcess(t.Context(), srv, token, append(args, "--parallel", "3"), nil)
				require.Equal(t, exitOK, res.code, res.stderr)
				assert.Contains(t, res.stderr, fmt.Sprintf("exported %s contacts", thousands(n)))
				assert.NoFileExists(t, checkpoint)
				if format == "csv" {
					countOnce(t, ids, readCSVIDs(t, out))
				} else {
					countOnce(t, ids, readJSONL(t, out))
				}
			})
		})
	}
}

// markedHeap is the heap that a collection found live. Unlike HeapAlloc read after runtime.GC, it does not
// count what other goroutines allocate while the collection runs (here: the fake scanning its contacts for a
// chain's first page), which is garbage at once and no part of what the export holds.
func markedHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapSampler samples the live heap every few searches, from inside the bubble.
type heapSampler struct {
	base    http.RoundTripper
	every   int64
	n       atomic.Int64
	mu      sync.Mutex
	samples []uint64
}

// growth is the median and the most of the samples over base.
func (h *heapSampler) growth(base uint64) (median, peak uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	over := make([]uint64, len(h.samples))
	for i, v := range h.samples {
		if v > base {
			over[i] = v - base
		}
	}
	slices.Sort(over)
	return over[len(over)/2], over[len(over)-1]
}

func (h *heapSampler) RoundTrip(r *http.Request) (*http.Response, error) {
	if h.n.Add(1)%h.every == 0 {
		live := markedHeap()
		h.mu.Lock()
		h.samples = append(h.samples, live)
		h.mu.Unlock()
	}
	return h.base.RoundTrip(r)
}

// warmUp sends the fake one search in dateAdded order, so that the order it builds and keeps for such
// searches is in the heap's baseline, not counted as the export's.
func warmUp(t *testing.T, srv *ghltest.Server, token string) {
	body := fmt.Sprintf(`{"locationId":%q,"pageLimit":1,"sort":[{"field":"dateAdded","direction":"asc"}]}`, testLocation)
	req := httptest.NewRequest(http.MethodPost, "/contacts/search", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Version", "2021-07-28")
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

// TestParallelExportReachesTheRateLimit exports 60,000 contacts with --parallel 8 from a HighLevel that takes
// 150 ms per search: one chain cannot send more than 6.7 searches a second, eight must reach 90 % of 100
// requests per 10 s (4,500 contacts a second in pages of 500), with no 429, each contact once and a live heap
// that does not grow with the number of contacts (12,000 against 60,000). One chain over 6,000 contacts is
// the baseline. The race detector makes this a matter of minutes, so it runs without it; the other parallel
// export tests run with it.
//
// Reproduce: cd cmd/ghl && go test -run TestParallelExportReachesTheRateLimit -v ./internal/cli/
func TestParallelExportReachesTheRateLimit(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exports 60,000 contacts: run without -short and without -race")
	}
	type figure struct {
		rate, share float64
		most        int    // searches in the busiest 10 s
		heap, peak  uint64 // the median and the most the live heap grew, sampled every 5 searches
	}
	measure := func(t *testing.T, n, chains int) (fig figure) {
		srv, token := slowFake(t, 150*time.Millisecond)
		out := tempPath(t, "all.jsonl")
		synctest.Test(t, func(t *testing.T) {
			ids := srv.SeedContacts(testLocation, n, ghltest.SeedOptions{})
			warmUp(t, srv, token)
			warm := len(srv.RequestsTo(http.MethodPost, "/contacts/search"))
			sampler := &heapSampler{every: 5}
			base := markedHeap()
			start := time.Now()
			res := runInProcess(t.Context(), srv, token, []string{"export", "--out", out, "--parallel", fmt.Sprint(chains)},
				func(rt http.RoundTripper) http.RoundTripper { sampler.base = rt; return sampler })
			elapsed := time.Since(start)
			require.Equal(t, exitOK, res.code, res.stderr)
			require.NotEmpty(t, sampler.samples, "the heap was sampled during the export")

			var at []time.Time
			for _, r := range srv.RequestsTo(http.MethodPost, "/contacts/search")[warm:] {
				at = append(at, r.At)
			}
			for i := range at {
				j := i
				for j < len(at) && at[j].Sub(at[i]) < 10*time.Second {
					j++
				}
				fig.most = max(fig.most, j-i)
			}
			assert.Zero(t, srv.Stats(testLocation).RateLimited, "429s")
			fig.rate = float64(n) / elapsed.Seconds()
			fig.share = budget(len(at), elapsed)
			fig.heap, fig.peak = sampler.growth(base)
			t.Logf("ghl export --parallel %d: %d contacts in %v simulated, %d searches: %.0f contacts/s, %.1f %% of 100 per 10 s "+
				"(at most %d in 10 s), %d × 429, live heap +%.1f MB (at most +%.1f MB)",
				chains, n, elapsed, len(at), fig.rate, 100*fig.share, fig.most, srv.Stats(testLocation).RateLimited,
				float64(fig.heap)/1e6, float64(fig.peak)/1e6)
			countOnce(t, ids, readJSONL(t, out))
		})
		return fig
	}
	one := measure(t, 6_000, 1)
	small := measure(t, 12_000, 8)
	large := measure(t, 60_000, 8)
	assert.GreaterOrEqual(t, large.rate, 4500.0, "contacts per second at 150 ms per search")
	assert.GreaterOrEqual(t, large.share, 0.90, "share of the budget used")
	assert.LessOrEqual(t, large.most, 100, "searches in one 10 s window")
	assert.Greater(t, large.rate, 1.4*one.rate, "eight chains against one")
	// The export holds the pages in flight: a chain's and one queued for the writer, up to 16 pages of 500 at
	// about 2 MB each (the body and its decoded records), and how many are in flight when a sample is taken
	// varies from run to run by several pages. A leak of the records written would hold about 1.5 KB per
	// contact: some 70 MB more at 60,000 than at 12,000.
	assert.Less(t, int64(large.heap)-int64(small.heap), int64(20<<20), "the live heap grows with the number of contacts")
	assert.Less(t, large.peak, uint64(64<<20), "the most the live heap grew")
	t.Logf("one chain: %.0f contacts/s, %.1f %% of the budget; eight: %.0f contacts/s, %.1f %%; live heap +%.1f MB at 12,000 contacts, +%.1f MB at 60,000",
		one.rate, 100*one.share, large.rate, 100*large.share, float64(small.heap)/1e6, float64(large.heap)/1e6)
}
