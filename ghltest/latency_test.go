//go:build go1.25

package ghltest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sleepyClock is a fake clock that moves by what its sleepers wait.
type sleepyClock struct {
	fakeClock
	mu     sync.Mutex
	sleeps []time.Duration
}

func (c *sleepyClock) Sleep(d time.Duration) {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	c.Advance(d)
}

func TestSetLatencyWaitsOnTheServersClock(t *testing.T) {
	clk := &sleepyClock{fakeClock: *newFakeClock()}
	srv := NewServer(WithClock(clk), WithLocation("loc1"))
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv, token: srv.IssueToken("loc1"), loc: "loc1"}
	id := f.create(t, map[string]any{"firstName": "Ada"})
	srv.SetLatency(http.MethodPost, "/contacts/search", 150*time.Millisecond)
	start := clk.Now()

	tests := []struct {
		method, path string
		body         any
		wantSleeps   int
	}{
		{http.MethodPost, "/contacts/search", map[string]any{"locationId": "loc1", "pageLimit": 10}, 1},
		{http.MethodGet, "/contacts/" + id, nil, 1}, // another route: no latency
		{http.MethodPost, "/contacts/search", map[string]any{"locationId": "loc1", "pageLimit": 10}, 2},
	}
	for _, tt := range tests {
		r := f.do(t, tt.method, tt.path, tt.body)
		require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
		clk.mu.Lock()
		assert.Len(t, clk.sleeps, tt.wantSleeps, "%s %s", tt.method, tt.path)
		clk.mu.Unlock()
	}
	assert.Equal(t, 300*time.Millisecond, clk.Now().Sub(start))
	requests := srv.Requests()
	assert.Equal(t, start.Add(300*time.Millisecond), requests[len(requests)-1].At, "a request is stamped after its latency")

	srv.SetLatency(http.MethodPost, "/contacts/search", 0)
	f.do(t, http.MethodPost, "/contacts/search", map[string]any{"locationId": "loc1", "pageLimit": 10})
	assert.Len(t, clk.sleeps, 2, "latency removed")
}

// handlerTransport serves requests in process, on the calling goroutine.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

func TestSetLatencyInABubble(t *testing.T) {
	srv := NewServer(WithLocation("loc1"))
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv, token: srv.IssueToken("loc1"), loc: "loc1"}
	srv.SetLatency(http.MethodPost, "/contacts/search", 150*time.Millisecond)
	synctest.Test(t, func(t *testing.T) {
		hc := &http.Client{Transport: handlerTransport{srv.Handler()}}
		start := time.Now()
		var wg sync.WaitGroup
		for range 4 { // concurrent requests overlap their latency
			wg.Go(func() {
				resp, err := hc.Do(f.request(t, http.MethodPost, "/contacts/search", f.token, map[string]any{"locationId": "loc1", "pageLimit": 1}))
				if assert.NoError(t, err) {
					assert.Equal(t, http.StatusOK, resp.StatusCode)
					resp.Body.Close()
				}
			})
		}
		wg.Wait()
		assert.Equal(t, 150*time.Millisecond, time.Since(start))
	})
}
