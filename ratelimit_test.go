package ghl_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAloneOnALocationNeverMeetsA429 runs a busy client for five simulated minutes against the fake, which
// enforces HighLevel's 100 requests per sliding 10 s on the same simulated clock.
func TestAloneOnALocationNeverMeetsA429(t *testing.T) {
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc-1"))),
		ghl.WithLocationID("loc-1"),
		ghl.WithClock(clk),
		ghl.WithoutRetries(), // a 429 must not be hidden by a retry
	)
	require.NoError(t, err)
	c := srv.AddContact(ghltest.Contact{LocationID: "loc-1", FirstName: "Ada"})

	start := clk.Now()
	const requests = 3000
	for i := range requests {
		require.NoError(t, client.Do(t.Context(), http.MethodGet, "/contacts/"+c.ID, nil, nil), "request %d", i)
	}
	elapsed := clk.Now().Sub(start)
	stats := srv.Stats("loc-1")
	assert.Zero(t, stats.RateLimited)
	perWindow := float64(requests) / elapsed.Seconds() * 10
	assert.GreaterOrEqual(t, perWindow, 95.0, "requests per simulated 10 s")
	t.Logf("%d requests in %s simulated: %.1f per 10 s, %d × 429", requests, elapsed.Round(time.Millisecond), perWindow, stats.RateLimited)
}

// TestTwoClientsSharingALocationDegradeToPacedRetries interleaves two clients with separate limiters on one
// location: together they ask for twice the budget, and every call still succeeds.
func TestTwoClientsSharingALocationDegradeToPacedRetries(t *testing.T) {
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	newClient := func() *ghl.Client {
		c, err := ghl.NewClient(
			ghl.WithBaseURL(srv.URL),
			ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc-1"))),
			ghl.WithLocationID("loc-1"),
			ghl.WithClock(clk),
		)
		require.NoError(t, err)
		return c
	}
	a, b := newClient(), newClient()
	c := srv.AddContact(ghltest.Contact{LocationID: "loc-1", FirstName: "Ada"})
	for i := range 1000 {
		client := a
		if i%2 == 1 {
			client = b
		}
		require.NoError(t, client.Do(t.Context(), http.MethodGet, "/contacts/"+c.ID, nil, nil), "request %d", i)
	}
	stats := srv.Stats("loc-1")
	assert.Equal(t, 1000, stats.Succeeded)
	t.Logf("1000 calls succeeded; the server refused %d attempts with 429", stats.RateLimited)
}
