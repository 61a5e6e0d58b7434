//go:build go1.25

package contacts_test

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parallel export tests run the SDK in a testing/synctest bubble and serve its requests in process, on the
// calling goroutine, so that the fake HighLevel's latency (ghltest's SetLatency, which sleeps) and the
// client's limiter both run on the bubble's simulated clock: a minute of export takes milliseconds, and the
// concurrency is what it would be on a wall clock.

// inProcess serves requests with the fake's handler on the calling goroutine.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// bubbleClient is a client built as users build it, sending to srv in process. Call it inside the bubble.
func bubbleClient(t *testing.T, srv *ghltest.Server) *ghl.Client {
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(testLocation))),
		ghl.WithLocationID(testLocation),
		ghl.WithHTTPClient(&http.Client{Transport: inProcess{srv.Handler()}}),
	)
	require.NoError(t, err)
	return client
}

// exportParallel reads every contact with SearchAllParallel and counts each ID; sample runs every 10,000.
func exportParallel(t *testing.T, ps *contacts.ParallelSearch, seen map[string]int, sample func()) {
	for c, err := range ps.All() {
		require.NoError(t, err)
		seen[c.ID]++
		if len(seen)%10_000 == 0 && sample != nil {
			sample()
		}
	}
}

// TestSearchAllParallelReachesTheRateLimit exports 60,000 contacts from a HighLevel that takes 150 ms per
// search: one cursor chain would reach about 59 % of the budget; eight chains must reach 90 % of 100 requests
// per 10 s (4,500 contacts a second in pages of 500), with no 429, each contact once and a flat heap.
//
// Reproduce: go test -run TestSearchAllParallelReachesTheRateLimit -v ./contacts
func TestSearchAllParallelReachesTheRateLimit(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exports 60,000 contacts: run without -short and without -race (.ci/run does)")
	}
	const latency = 150 * time.Millisecond
	run := func(t *testing.T, n int, export func(*ghl.Client) iter.Seq2[contacts.Contact, error]) (rate float64, heapGrowth uint64) {
		srv := ghltest.NewServer(ghltest.WithLocation(testLocation))
		t.Cleanup(srv.Close)
		srv.SetLatency(http.MethodPost, "/contacts/search", latency)
		synctest.Test(t, func(t *testing.T) {
			ids := srv.SeedContacts(testLocation, n, ghltest.SeedOptions{}) // dated up to the bubble's now
			index := make(map[string]int, n)
			for i, id := range ids {
				index[id] = i
			}
			seen := make([]int, n) // allocated before the heap is sampled: only the export's heap counts
			client := bubbleClient(t, srv)
			base := liveHeap()
			var peak uint64
			read := 0
			start := time.Now()
			for c, err := range export(client) {
				require.NoError(t, err)
				i, ok := index[c.ID]
				require.True(t, ok, "unknown contact %s", c.ID)
				seen[i]++
				if read++; read%(n/5) == 0 {
					peak = max(peak, liveHeap())
				}
			}
			elapsed := time.Since(start)

			for i, k := range seen {
				if !assert.Equal(t, 1, k, "contact %s", ids[i]) {
					break
				}
			}
			st := srv.Stats(testLocation)
			assert.Zero(t, st.RateLimited, "429s")
			rate = float64(n) / elapsed.Seconds()
			t.Logf("%d contacts in %v (simulated), %d requests: %.0f contacts/s, %.0f %% of the budget",
				n, elapsed, st.Requests, rate, 100*float64(st.Requests)/(elapsed.Seconds()*10))
			if peak > base {
				heapGrowth = peak - base
			}
		})
		return rate, heapGrowth
	}
	parallel := func(c *ghl.Client) iter.Seq2[contacts.Contact, error] {
		return c.Contacts.SearchAllParallel(context.Background(), contacts.SearchParams{}, contacts.ParallelOptions{}).All()
	}
	one, _ := run(t, 5_000, func(c *ghl.Client) iter.Seq2[contacts.Contact, error] {
		return c.Contacts.SearchAll(context.Background(), contacts.SearchParams{})
	})
	_, small := run(t, 5_000, parallel)
	rate, large := run(t, 60_000, parallel)
	assert.GreaterOrEqual(t, rate, 4500.0, "contacts per second at 150 ms per search")
	assert.Greater(t, rate, 1.4*one, "eight chains against one")
	t.Logf("one chain: %.0f contacts/s; live heap during the parallel export: %.1f MB at 5,000 contacts, %.1f MB at 60,000",
		one, mb(small), mb(large))
	assert.Less(t, int64(large)-int64(small), int64(8<<20), "the heap grows with the export")
}

func TestSearchAllParallelResumesEveryChain(t *testing.T) {
	const n = 6_000
	srv := ghltest.NewServer(ghltest.WithLocation(testLocation))
	t.Cleanup(srv.Close)
	srv.SetLatency(http.MethodPost, "/contacts/search", 150*time.Millisecond)
	synctest.Test(t, func(t *testing.T) {
		ids := srv.SeedContacts(testLocation, n, ghltest.SeedOptions{})
		client := bubbleClient(t, srv)
		seen := map[string]int{}
		ps := client.Contacts.SearchAllParallel(t.Context(), contacts.SearchParams{}, contacts.ParallelOptions{Chains: 4})
		var saved []byte
		for c, err := range ps.All() {
			require.NoError(t, err)
			seen[c.ID]++
			if len(seen) == 2_345 {
				var err error
				saved, err = json.Marshal(ps.State())
				require.NoError(t, err)
				break
			}
		}
		var state contacts.ParallelState
		require.NoError(t, json.Unmarshal(saved, &state))
		assert.Greater(t, len(state.Ranges), 1, "several chains were running: %s", saved)

		exportParallel(t, client.Contacts.SearchAllParallel(t.Context(), contacts.SearchParams{}, contacts.ParallelOptions{Chains: 3, Resume: &state}), seen, nil)
		require.Len(t, seen, n)
		for _, id := range ids {
			if !assert.Equal(t, 1, seen[id], "contact %s", id) {
				break
			}
		}
		done := contacts.ParallelState{Ranges: []contacts.SearchRange{}}
		for _, err := range client.Contacts.SearchAllParallel(t.Context(), contacts.SearchParams{}, contacts.ParallelOptions{Resume: &done}).All() {
			assert.NoError(t, err, "a finished state yields nothing")
		}
	})
}

func TestSearchAllParallelStopsWithoutLeaks(t *testing.T) {
	tests := []struct {
		name string
		stop func(cancel context.CancelFunc, read int) bool // true breaks the loop
	}{
		{"break", func(_ context.CancelFunc, read int) bool { return read == 1_200 }},
		{"cancel", func(cancel context.CancelFunc, read int) bool {
			if read == 1_200 {
				cancel()
			}
			return false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := ghltest.NewServer(ghltest.WithLocation(testLocation))
			t.Cleanup(srv.Close)
			srv.SetLatency(http.MethodPost, "/contacts/search", 150*time.Millisecond)
			// synctest.Test fails if a goroutine of the bubble outlives it.
			synctest.Test(t, func(t *testing.T) {
				srv.SeedContacts(testLocation, 5_000, ghltest.SeedOptions{})
				client := bubbleClient(t, srv)
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				read, errs := 0, 0
				for _, err := range client.Contacts.SearchAllParallel(ctx, contacts.SearchParams{}, contacts.ParallelOptions{}).All() {
					if err != nil {
						assert.ErrorIs(t, err, context.Canceled)
						errs++
						continue
					}
					read++
					if tt.stop(cancel, read) {
						break
					}
				}
				assert.Less(t, read, 5_000)
				assert.LessOrEqual(t, errs, 1)
			})
		})
	}
}

func TestSearchAllParallelRefusesParams(t *testing.T) {
	svc, _ := newService(t, never(t))
	tests := []struct {
		name   string
		params contacts.SearchParams
		field  string
	}{
		{"page", contacts.SearchParams{Page: 2}, "Page"},
		{"sort", contacts.SearchParams{Sort: []contacts.Sort{{Field: "email", Direction: contacts.Asc}}}, "Sort"},
		{"cursor", contacts.SearchParams{SearchAfter: json.RawMessage(`[1,"a"]`)}, "SearchAfter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, err := range svc.SearchAllParallel(t.Context(), tt.params, contacts.ParallelOptions{}).All() {
				n++
				assert.ErrorContains(t, err, tt.field)
			}
			assert.Equal(t, 1, n)
		})
	}
}
