package contacts_test

import (
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A chain whose range has no end splits it up to now by the client's clock, not the machine's: contacts added in
// 2001, read by a client whose clock says the day after, are shared out between ranges that end in 2001. With
// the wall clock the cuts would fall decades later, between the last contact and today, and the other chains
// would search where there is nothing.
func TestSearchAllParallelSplitsUpToTheClientsNow(t *testing.T) {
	const n = 2_500 // five pages: more than two left after the first, which a chain shares out
	first := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	now := first.Add(n*time.Minute + 24*time.Hour)
	srv := ghltest.NewServer(ghltest.WithLocation(testLocation))
	t.Cleanup(srv.Close)
	ids := srv.SeedContacts(testLocation, n, ghltest.SeedOptions{Start: first, Step: time.Minute})
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithHTTPClient(srv.Client()),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(testLocation))),
		ghl.WithLocationID(testLocation),
		ghl.WithClock(clock.NewFake(now)),
	)
	require.NoError(t, err)

	ps := client.Contacts.SearchAllParallel(t.Context(), contacts.SearchParams{}, contacts.ParallelOptions{Chains: 4})
	seen := map[string]int{}
	most := 0
	for c, err := range ps.All() {
		require.NoError(t, err)
		seen[c.ID]++
		state := ps.State()
		most = max(most, len(state.Ranges))
		for _, r := range state.Ranges {
			assert.LessOrEqual(t, r.From, now.UnixMilli()+1, "a range starts after the client's now: %+v", r)
			assert.LessOrEqual(t, r.To, now.UnixMilli()+1, "a range ends after the client's now: %+v", r)
		}
		if t.Failed() {
			return
		}
	}
	assert.Greater(t, most, 1, "the first chain split its range")
	require.Len(t, seen, n)
	for _, id := range ids {
		require.Equal(t, 1, seen[id], "contact %s", id)
	}
}
