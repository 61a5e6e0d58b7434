package auth_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func keyOfLocation(id string) auth.Key {
	return auth.Key{ClientID: testClientID, UserType: auth.Location, ID: id}
}

func installOf(loc string, at time.Time) auth.Installation {
	return auth.Installation{CompanyID: "co-1", LocationID: loc, At: at}
}

// An install mints the location's token once, however often and from however many replicas it is delivered,
// and the source of the location then uses the stored token without asking for another.
func TestInstallMintsOnce(t *testing.T) {
	cases := []struct {
		name     string
		replicas int // separate Installs on separate store handles, as separate processes
		times    int // deliveries per replica
	}{
		{"once", 1, 1},
		{"redelivered", 1, 3},
		{"concurrent replicas", 8, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts, clk, app, store, _ := setupCompany(t)
			at := clk.Now()
			var wg sync.WaitGroup
			errs := make(chan error, c.replicas*c.times)
			for range c.replicas {
				in := app.Installs(&alternating{stores: []auth.Store{store, store}})
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range c.times {
						errs <- in.Install(context.Background(), installOf("loc-9", at))
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				require.NoError(t, err)
			}
			_, _, mints := ts.counts()
			assert.Equal(t, 1, mints)
			tok := stored(t, store, keyOfLocation("loc-9"))
			assert.Equal(t, "loc-9", tok.LocationID)
			assert.False(t, tok.Uninstalled())

			got, err := app.Installs(store).Company("co-1").ForLocation("loc-9").Token(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tok.AccessToken, got, "the first call uses the token the install stored")
			refreshes, _, mints := ts.counts()
			assert.Equal(t, 0, refreshes)
			assert.Equal(t, 1, mints)
		})
	}
}

// Without an agency token (a Location app) or for an agency-level install, Install stores nothing and asks
// HighLevel for nothing.
func TestInstallWithNothingToMint(t *testing.T) {
	cases := []struct {
		name  string
		agent bool
		ev    auth.Installation
	}{
		{"location app", false, installOf("loc-1", time.Time{})},
		{"agency level", true, auth.Installation{CompanyID: "co-1"}},
		{"no company", true, auth.Installation{LocationID: "loc-1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTokenServer(t)
			clk := newFakeClock()
			app := ts.app(clk.Now)
			store := auth.NewMemoryStore()
			if c.agent {
				put(t, store, companyKey(), ts.stored(companyGrant, clk.Now(), 24*time.Hour))
			}
			require.NoError(t, app.Installs(store).Install(context.Background(), c.ev))
			_, _, mints := ts.counts()
			assert.Equal(t, 0, mints)
			_, err := store.Load(context.Background(), keyOfLocation("loc-1"))
			assert.ErrorIs(t, err, auth.ErrNotStored)
		})
	}
}

// After an uninstall, no source refreshes or mints for the key: each fails with ErrUninstalled (which is also
// ErrReauthorize), and HighLevel hears nothing, whether the source is in the uninstalling process or not.
func TestUninstallStopsRefreshAndMint(t *testing.T) {
	cases := []struct {
		name string
		// setup stores what the key had before and returns the source that will be asked for a token.
		setup func(t *testing.T, ts *tokenServer, clk *fakeClock, app *auth.App, store auth.Store, in *auth.Installs) auth.TokenSource
		ev    auth.Installation
	}{
		{"stored location token due for refresh, other process", func(t *testing.T, ts *tokenServer, clk *fakeClock, app *auth.App, store auth.Store, _ *auth.Installs) auth.TokenSource {
			put(t, store, keyOfLocation("loc-1"), ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), time.Minute))
			return app.Source(store, keyOfLocation("loc-1"))
		}, installOf("loc-1", time.Time{})},
		{"agency source would mint", func(_ *testing.T, _ *tokenServer, _ *fakeClock, _ *auth.App, _ auth.Store, in *auth.Installs) auth.TokenSource {
			return in.Company("co-1").ForLocation("loc-1")
		}, installOf("loc-1", time.Time{})},
		{"minted token cached in this process", func(t *testing.T, _ *tokenServer, _ *fakeClock, _ *auth.App, _ auth.Store, in *auth.Installs) auth.TokenSource {
			require.NoError(t, in.Install(context.Background(), installOf("loc-1", time.Time{})))
			return in.Company("co-1").ForLocation("loc-1")
		}, installOf("loc-1", time.Time{})},
		{"agency uninstall, location token of another process", func(t *testing.T, ts *tokenServer, clk *fakeClock, app *auth.App, store auth.Store, _ *auth.Installs) auth.TokenSource {
			put(t, store, keyOfLocation("loc-1"), ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), time.Minute))
			return app.Source(store, keyOfLocation("loc-1"))
		}, auth.Installation{CompanyID: "co-1"}},
		{"agency uninstall, agency source would mint", func(_ *testing.T, _ *tokenServer, _ *fakeClock, app *auth.App, store auth.Store, _ *auth.Installs) auth.TokenSource {
			return app.Source(store, companyKey()).ForLocation("loc-2")
		}, auth.Installation{CompanyID: "co-1"}},
		{"agency uninstall, agency token cached in this process", func(t *testing.T, _ *tokenServer, _ *fakeClock, _ *auth.App, _ auth.Store, in *auth.Installs) auth.TokenSource {
			_, err := in.Company("co-1").Token(context.Background())
			require.NoError(t, err)
			return in.Company("co-1")
		}, auth.Installation{CompanyID: "co-1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts, clk, app, store, _ := setupCompany(t)
			in := app.Installs(store)
			src := c.setup(t, ts, clk, app, store, in)
			refreshes0, _, mints0 := ts.counts()
			clk.Advance(time.Minute)
			require.NoError(t, in.Uninstall(context.Background(), c.ev))
			for range 2 {
				_, err := src.Token(context.Background())
				require.Error(t, err)
				assert.ErrorIs(t, err, auth.ErrUninstalled)
				assert.ErrorIs(t, err, auth.ErrReauthorize)
				var ue *auth.UninstalledError
				require.ErrorAs(t, err, &ue)
				assert.Equal(t, clk.Now(), ue.At)
			}
			refreshes, _, mints := ts.counts()
			assert.Equal(t, refreshes0, refreshes, "no refresh after the uninstall")
			assert.Equal(t, mints0, mints, "no mint after the uninstall")
		})
	}
}

// Deliveries that arrive twice or out of order never undo a later one: a second uninstall keeps the first
// tombstone, an install older than the tombstone mints nothing, an uninstall older than the stored token
// keeps it, and an install after the uninstall mints again.
func TestInstallsOrdering(t *testing.T) {
	ts, clk, app, store, _ := setupCompany(t)
	in := app.Installs(store)
	ctx := context.Background()
	t0 := clk.Now()
	t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
	mints := func() int { _, _, m := ts.counts(); return m }

	require.NoError(t, in.Uninstall(ctx, installOf("loc-1", t1)))
	require.NoError(t, in.Uninstall(ctx, installOf("loc-1", t2)))
	stone := stored(t, store, keyOfLocation("loc-1"))
	require.True(t, stone.Uninstalled())
	assert.Equal(t, t1, stone.IssuedAt, "a second uninstall keeps the first tombstone")
	assert.Empty(t, stone.RefreshToken)

	require.NoError(t, in.Install(ctx, installOf("loc-1", t0)))
	assert.Equal(t, 0, mints(), "an install older than the uninstall mints nothing")
	assert.True(t, stored(t, store, keyOfLocation("loc-1")).Uninstalled())

	clk.Advance(3 * time.Minute)
	require.NoError(t, in.Install(ctx, installOf("loc-1", t2)))
	assert.Equal(t, 1, mints(), "an install after the uninstall mints")
	live := stored(t, store, keyOfLocation("loc-1"))
	require.False(t, live.Uninstalled())

	require.NoError(t, in.Uninstall(ctx, installOf("loc-1", t1)))
	assert.Equal(t, live.AccessToken, stored(t, store, keyOfLocation("loc-1")).AccessToken, "a stale uninstall keeps the newer token")
	tok, err := in.Company("co-1").ForLocation("loc-1").Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, live.AccessToken, tok)

	require.NoError(t, in.Uninstall(ctx, auth.Installation{LocationID: "loc-1", CompanyID: "co-1"}))
	assert.True(t, stored(t, store, keyOfLocation("loc-1")).Uninstalled(), "zero At is the app's clock now")
	assert.ErrorIs(t, in.Uninstall(ctx, auth.Installation{}), api.ErrInvalidArgument)
}

// An uninstall that arrives while a refresh of the same key is on the wire waits for the Store's lock, and
// then wins: the refreshed pair is saved and replaced by the tombstone, and the next call fails without a
// request.
func TestUninstallRacesRefresh(t *testing.T) {
	ts, clk, app, store, _ := setupCompany(t)
	in := app.Installs(store)
	require.NoError(t, in.Install(context.Background(), installOf("loc-1", clk.Now())))
	src := in.Company("co-1").ForLocation("loc-1")
	clk.Advance(24 * time.Hour) // the location token is due
	gate := make(chan struct{})
	ts.mu.Lock()
	ts.gate = gate
	ts.mu.Unlock()

	refreshed := make(chan error, 1)
	go func() {
		_, err := src.Token(context.Background())
		refreshed <- err
	}()
	for r, _, _ := ts.counts(); r == 0; r, _, _ = ts.counts() {
		runtimeGosched()
	}
	uninstalled := make(chan error, 1)
	go func() { uninstalled <- in.Uninstall(context.Background(), installOf("loc-1", clk.Now())) }()
	close(gate)
	require.NoError(t, <-refreshed, "the refresh that was on the wire completes")
	require.NoError(t, <-uninstalled)
	assert.True(t, stored(t, store, keyOfLocation("loc-1")).Uninstalled(), "the uninstall is not overwritten by the refresh")
	_, err := src.Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	refreshes, _, mints := ts.counts()
	assert.Equal(t, 1, refreshes)
	assert.Equal(t, 1, mints)
}

// A restart that connects with the pair it was installed with does not undo a later uninstall; a new
// authorization (Connect) does.
func TestConnectAfterUninstall(t *testing.T) {
	ts := newTokenServer(t)
	clk := newFakeClock()
	app := ts.app(clk.Now)
	store := auth.NewMemoryStore()
	old := ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), 24*time.Hour)
	_, err := app.Connect(context.Background(), store, old)
	require.NoError(t, err)
	clk.Advance(time.Hour)
	require.NoError(t, app.Installs(store).Uninstall(context.Background(), installOf("loc-1", clk.Now())))

	_, saved, err := app.ConnectIfNewer(context.Background(), store, old)
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	assert.False(t, saved)

	clk.Advance(time.Hour)
	fresh := ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), 24*time.Hour)
	fresh.IssuedAt = clk.Now()
	src, err := app.Connect(context.Background(), store, fresh)
	require.NoError(t, err)
	tok, err := src.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, fresh.AccessToken, tok)
	assert.False(t, stored(t, store, keyOfLocation("loc-1")).Uninstalled())
}

// A Location app's source from Installs.Location fails at once after an uninstall of its location in the
// same process, and its install (no agency token) mints nothing.
func TestInstallsLocationApp(t *testing.T) {
	ts := newTokenServer(t)
	clk := newFakeClock()
	app := ts.app(clk.Now)
	store := auth.NewMemoryStore()
	tok := ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), 24*time.Hour)
	_, err := app.Connect(context.Background(), store, tok)
	require.NoError(t, err)
	in := app.Installs(store)
	require.NoError(t, in.Install(context.Background(), installOf("loc-1", clk.Now())))
	src := in.Location("loc-1")
	assert.Same(t, src, in.Location("loc-1"))
	got, err := src.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, tok.AccessToken, got)

	clk.Advance(time.Minute)
	require.NoError(t, in.Uninstall(context.Background(), installOf("loc-1", clk.Now())))
	_, err = src.Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	refreshes, _, mints := ts.counts()
	assert.Equal(t, 0, refreshes)
	assert.Equal(t, 0, mints)
}

// A corrupt agency token does not stop a location's token: the uninstall check is skipped, the refresh goes on.
func TestAgencyCheckToleratesCorruptAgencyToken(t *testing.T) {
	ts := newTokenServer(t)
	clk := newFakeClock()
	app := ts.app(clk.Now)
	store, err := auth.NewFileStore(t.TempDir() + "/tokens")
	require.NoError(t, err)
	put(t, store, keyOfLocation("loc-1"), ts.stored(grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}, clk.Now(), time.Minute))
	require.NoError(t, os.WriteFile(store.Path(companyKey()), []byte("{not json"), 0o600))
	_, err = app.Source(store, keyOfLocation("loc-1")).Token(context.Background())
	require.NoError(t, err)
	refreshes, _, _ := ts.counts()
	assert.Equal(t, 1, refreshes)
}
