package auth_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var companyGrant = grant{userType: "Company", companyID: "co-1"}

func companyKey() auth.Key {
	return auth.Key{ClientID: testClientID, UserType: auth.Company, ID: "co-1"}
}

func setupCompany(t *testing.T) (*tokenServer, *fakeClock, *auth.App, auth.Store, *auth.Source) {
	t.Helper()
	ts := newTokenServer(t)
	clk := newFakeClock()
	app := ts.app(clk.Now)
	store := auth.NewMemoryStore()
	put(t, store, companyKey(), ts.stored(companyGrant, clk.Now(), 24*time.Hour))
	return ts, clk, app, store, app.Source(store, companyKey())
}

func TestForLocationMintsOnceAndStores(t *testing.T) {
	ts, clk, _, store, company := setupCompany(t)
	loc := company.ForLocation("loc-9")
	assert.Same(t, loc, company.ForLocation("loc-9"), "one source per location")

	const n = 50
	var wg sync.WaitGroup
	got := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = company.ForLocation("loc-9").Token(context.Background())
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, got[0], got[i])
	}
	_, _, mints := ts.counts()
	assert.Equal(t, 1, mints, "concurrent mints for one location are made once")
	key := auth.Key{ClientID: testClientID, UserType: auth.Location, ID: "loc-9"}
	st := stored(t, store, key)
	assert.Equal(t, got[0], st.AccessToken)
	assert.Equal(t, "loc-9", st.LocationID)
	assert.Equal(t, "co-1", st.CompanyID)
	assert.Equal(t, auth.Location, st.UserType)
	form := ts.forms[len(ts.forms)-1]
	assert.Equal(t, "co-1", form.Get("companyId"))
	assert.Equal(t, "loc-9", form.Get("locationId"))

	// Another process (another Source) finds the minted token in the store.
	fresh := ts.app(clk.Now).Source(store, companyKey())
	again, err := fresh.ForLocation("loc-9").Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, got[0], again)
	_, _, mints = ts.counts()
	assert.Equal(t, 1, mints)
}

func TestForLocationRefreshesLikeAnyOther(t *testing.T) {
	ts, clk, _, store, company := setupCompany(t)
	loc := company.ForLocation("loc-9")
	first, err := loc.Token(context.Background())
	require.NoError(t, err)

	clk.Advance(25 * time.Hour)
	second, err := loc.Token(context.Background())
	require.NoError(t, err)
	assert.NotEqual(t, first, second)
	refreshes, _, mints := ts.counts()
	assert.Equal(t, 1, mints, "an expired location token is refreshed, not minted again")
	assert.Equal(t, 1, refreshes)
	key := auth.Key{ClientID: testClientID, UserType: auth.Location, ID: "loc-9"}
	assert.Equal(t, second, stored(t, store, key).AccessToken)
}

func TestForLocationRefreshesTheAgencyTokenOn401(t *testing.T) {
	ts, _, _, store, company := setupCompany(t)
	before := stored(t, store, companyKey())
	ts.expireAll() // the agency access token is rejected; its refresh token still works
	tok, err := company.ForLocation("loc-9").Token(context.Background())
	require.NoError(t, err)
	assert.NotEmpty(t, tok)
	refreshes, _, mints := ts.counts()
	assert.Equal(t, 1, refreshes)
	assert.Equal(t, 2, mints)
	assert.NotEqual(t, before.RefreshToken, stored(t, store, companyKey()).RefreshToken)
}

func TestForLocationOnALocationToken(t *testing.T) {
	store := auth.NewMemoryStore()
	_, _, app, first := setup(t, store, 24*time.Hour)
	src := app.Source(store, locKey())
	same := src.ForLocation("loc-1")
	got, err := same.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, first.AccessToken, got)

	_, err = src.ForLocation("loc-2").Token(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "loc-2")
}
