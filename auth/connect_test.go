package auth_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two processes share a token directory. The first connected with the installation pair and has refreshed
// since, so the store holds the rotated pair. The second restarts with the installation pair it kept: Connect
// would write the spent pair back, ConnectIfNewer keeps the rotated one and works on.
func TestConnectIfNewerKeepsTheRotatedPairOfAnotherProcess(t *testing.T) {
	cases := []struct {
		name          string
		connect       func(*auth.App, auth.Store, *auth.Token) (*auth.Source, bool, error)
		wantSaved     bool
		wantReauth    bool
		wantRefreshes int
	}{
		{"ConnectIfNewer", func(a *auth.App, s auth.Store, tok *auth.Token) (*auth.Source, bool, error) {
			return a.ConnectIfNewer(context.Background(), s, tok)
		}, false, false, 1},
		{"Connect overwrites", func(a *auth.App, s auth.Store, tok *auth.Token) (*auth.Source, bool, error) {
			src, err := a.Connect(context.Background(), s, tok)
			return src, true, err
		}, true, true, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newE2E(t)
			dir := t.TempDir() + "/tokens"
			storeA, err := auth.NewFileStore(dir)
			require.NoError(t, err)
			storeB, err := auth.NewFileStore(dir)
			require.NoError(t, err)
			appA, appB := *e.app, *e.app

			p := e.srv.IssueOAuthPair("loc1")
			install := &auth.Token{AccessToken: p.AccessToken, RefreshToken: p.RefreshToken, TokenType: "Bearer",
				IssuedAt: e.clk.Now(), Expiry: e.clk.Now().Add(p.ExpiresIn), Scopes: p.Scopes,
				UserType: auth.Location, LocationID: "loc1", CompanyID: e.srv.CompanyID()}
			srcA, err := appA.Connect(context.Background(), storeA, install)
			require.NoError(t, err)
			e.clk.Advance(p.ExpiresIn) // process A's token runs out; its next call refreshes
			_, err = srcA.Token(context.Background())
			require.NoError(t, err)
			rotated := stored(t, storeB, srcA.Key())
			require.NotEqual(t, install.RefreshToken, rotated.RefreshToken)

			srcB, saved, err := c.connect(&appB, storeB, install)
			require.NoError(t, err)
			assert.Equal(t, c.wantSaved, saved)
			err = e.client(t, srcB, "loc1").Do(context.Background(), http.MethodGet, "/contacts/"+e.contact.ID, nil, nil)
			if c.wantReauth {
				// The installation pair is spent: the only pair that worked was overwritten.
				assert.ErrorIs(t, err, auth.ErrReauthorize)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, rotated.RefreshToken, stored(t, storeA, srcA.Key()).RefreshToken, "the rotated pair stays stored")
			st := e.srv.OAuthStats()
			assert.Equal(t, c.wantRefreshes, st.Refreshes)
			assert.Equal(t, 0, st.InvalidGrants)
		})
	}
}

func TestConnectIfNewerSavesANewerToken(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, clk, app, old := setup(t, store, 24*time.Hour)
	clk.Advance(time.Hour)
	fresh := ts.stored(locGrant, clk.Now(), 24*time.Hour) // a new authorization, issued after the stored one
	src, saved, err := app.ConnectIfNewer(context.Background(), store, fresh)
	require.NoError(t, err)
	assert.True(t, saved)
	assert.Equal(t, fresh.RefreshToken, stored(t, store, locKey()).RefreshToken)
	assert.NotEqual(t, old.RefreshToken, fresh.RefreshToken)
	got, err := src.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, fresh.AccessToken, got)
}

// A token built by hand without IssuedAt that lives less than the refresh skew must not be refreshed on every
// call: Connect dates it to the App's clock, which caps the skew at half its lifetime.
func TestConnectDatesAHandBuiltToken(t *testing.T) {
	cases := []struct {
		name          string
		lifetime      time.Duration
		advance       time.Duration
		wantRefreshes int
	}{
		{"fresh short-lived token is used as is", 2 * time.Minute, 0, 0},
		{"before half its lifetime", 2 * time.Minute, 59 * time.Second, 0},
		{"past half its lifetime", 2 * time.Minute, 61 * time.Second, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newTokenServer(t)
			clk := newFakeClock()
			app := ts.app(clk.Now)
			tok := ts.stored(locGrant, clk.Now(), c.lifetime)
			tok.IssuedAt = time.Time{}
			store := auth.NewMemoryStore()
			src, err := app.Connect(context.Background(), store, tok)
			require.NoError(t, err)
			assert.Equal(t, clk.Now(), stored(t, store, locKey()).IssuedAt)
			assert.True(t, tok.IssuedAt.IsZero(), "the caller's token is not modified")
			clk.Advance(c.advance)
			for range 3 {
				_, err := src.Token(context.Background())
				require.NoError(t, err)
			}
			refreshes, _, _ := ts.counts()
			assert.Equal(t, c.wantRefreshes, refreshes)
		})
	}
}
