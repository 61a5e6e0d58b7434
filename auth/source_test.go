package auth_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var locGrant = grant{userType: "Location", locationID: "loc-1", companyID: "co-1"}

func locKey() auth.Key { return auth.Key{ClientID: testClientID, UserType: auth.Location, ID: "loc-1"} }

// setup stores a token of loc-1 that expires in expiresIn and returns a Source over it.
func setup(t *testing.T, store auth.Store, expiresIn time.Duration) (*tokenServer, *fakeClock, *auth.App, *auth.Token) {
	t.Helper()
	ts := newTokenServer(t)
	clk := newFakeClock()
	app := ts.app(clk.Now)
	tok := ts.stored(locGrant, clk.Now(), expiresIn)
	put(t, store, locKey(), tok)
	return ts, clk, app, tok
}

func put(t *testing.T, store auth.Store, key auth.Key, tok *auth.Token) {
	t.Helper()
	lk, err := store.Lock(context.Background(), key)
	require.NoError(t, err)
	require.NoError(t, lk.Save(context.Background(), tok))
	require.NoError(t, lk.Unlock())
}

func stored(t *testing.T, store auth.Store, key auth.Key) *auth.Token {
	t.Helper()
	tok, err := store.Load(context.Background(), key)
	require.NoError(t, err)
	return tok
}

func TestSourceProactiveRefresh(t *testing.T) {
	cases := []struct {
		name          string
		expiresIn     time.Duration
		advance       time.Duration
		wantRefreshes int
	}{
		{"fresh token is used as stored", 24 * time.Hour, 0, 0},
		{"outside the skew", 24 * time.Hour, 24*time.Hour - 6*time.Minute, 0},
		{"inside the 5 minute skew", 24 * time.Hour, 24*time.Hour - 4*time.Minute, 1},
		{"expired", 24 * time.Hour, 25 * time.Hour, 1},
		{"already expired when loaded", -time.Minute, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := auth.NewMemoryStore()
			ts, clk, app, first := setup(t, store, c.expiresIn)
			src := app.Source(store, locKey())
			clk.Advance(c.advance)

			got, err := src.Token(context.Background())
			require.NoError(t, err)
			refreshes, _, _ := ts.counts()
			assert.Equal(t, c.wantRefreshes, refreshes)
			now := stored(t, store, locKey())
			assert.Equal(t, now.AccessToken, got, "the token returned is the one stored")
			if c.wantRefreshes == 0 {
				assert.Equal(t, first.AccessToken, got)
				return
			}
			assert.NotEqual(t, first.AccessToken, got)
			assert.NotEqual(t, first.RefreshToken, now.RefreshToken, "the rotated refresh token is stored")
			assert.Equal(t, clk.Now().Add(86399*time.Second), now.Expiry, "expiry comes from expires_in on the app's clock")
			assert.Equal(t, "loc-1", now.LocationID)
			assert.Equal(t, auth.Location, now.UserType)
			assert.Equal(t, []string{"contacts.readonly", "contacts.write"}, now.Scopes)
			again, err := src.Token(context.Background())
			require.NoError(t, err)
			assert.Equal(t, got, again)
			refreshes, _, _ = ts.counts()
			assert.Equal(t, 1, refreshes, "a refreshed token is not refreshed again")
		})
	}
}

func TestSourceRefreshForm(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, _, app, first := setup(t, store, -time.Minute)
	_, err := app.Source(store, locKey()).Token(context.Background())
	require.NoError(t, err)
	require.Len(t, ts.forms, 1)
	f := ts.forms[0]
	assert.Equal(t, "refresh_token", f.Get("grant_type"))
	assert.Equal(t, first.RefreshToken, f.Get("refresh_token"))
	assert.Equal(t, testClientID, f.Get("client_id"))
	assert.Equal(t, testClientSecret, f.Get("client_secret"))
	assert.Equal(t, "Location", f.Get("user_type"))
}

func TestSourceSingleFlight(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, _, app, first := setup(t, store, -time.Minute)
	src := app.Source(store, locKey())
	const n = 100
	var wg sync.WaitGroup
	tokens := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				tokens[i], errs[i] = src.Token(context.Background())
			} else {
				tokens[i], errs[i] = src.Refresh(context.Background(), first.AccessToken)
			}
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, tokens[0], tokens[i])
	}
	refreshes, rejected, _ := ts.counts()
	assert.Equal(t, 1, refreshes)
	assert.Equal(t, 0, rejected)
}

// Two Sources over one FileStore directory stand for two processes: the second must find the token the first
// rotated and not spend the old refresh token again.
func TestSourcesShareThroughTheStoreLock(t *testing.T) {
	dir := t.TempDir() + "/tokens"
	a, err := auth.NewFileStore(dir)
	require.NoError(t, err)
	b, err := auth.NewFileStore(dir)
	require.NoError(t, err)
	ts, _, app, first := setup(t, a, 24*time.Hour)
	srcs := []*auth.Source{app.Source(a, locKey()), app.Source(b, locKey())}
	for _, s := range srcs {
		got, err := s.Token(context.Background())
		require.NoError(t, err)
		require.Equal(t, first.AccessToken, got)
	}
	var wg sync.WaitGroup
	got := make([]string, 40)
	errs := make([]error, 40)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = srcs[i%2].Refresh(context.Background(), first.AccessToken)
		}()
	}
	wg.Wait()
	for i := range got {
		require.NoError(t, errs[i])
		assert.Equal(t, got[0], got[i])
	}
	refreshes, rejected, _ := ts.counts()
	assert.Equal(t, 1, refreshes)
	assert.Equal(t, 0, rejected)
	assert.Equal(t, got[0], stored(t, a, locKey()).AccessToken)
}

func TestSourceReactiveRefresh(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, _, app, first := setup(t, store, 24*time.Hour)
	src := app.Source(store, locKey())
	cur, err := src.Token(context.Background())
	require.NoError(t, err)

	second, err := src.Refresh(context.Background(), cur)
	require.NoError(t, err)
	assert.NotEqual(t, first.AccessToken, second)
	refreshes, _, _ := ts.counts()
	assert.Equal(t, 1, refreshes, "a rejected current token is refreshed even before expiry")

	again, err := src.Refresh(context.Background(), cur)
	require.NoError(t, err)
	assert.Equal(t, second, again, "a stale rejection gets the current token")
	refreshes, _, _ = ts.counts()
	assert.Equal(t, 1, refreshes)
}

func TestSourceRefreshRejected(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
	}{
		{"oauth invalid_grant", 400, `{"error":"invalid_grant","error_description":"refresh token REFRESH was used"}`},
		{"HighLevel 401", 401, `{"statusCode":401,"message":"Invalid refresh token REFRESH","error":"Unauthorized"}`},
		{"HighLevel 400 list", 400, `{"statusCode":400,"message":["refresh_token REFRESH is invalid"],"error":"Bad Request"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := auth.NewMemoryStore()
			ts, _, app, first := setup(t, store, -time.Minute)
			ts.fail = func(*http.Request) (int, string, bool) {
				return c.status, strings.ReplaceAll(c.body, "REFRESH", first.RefreshToken), true
			}
			_, err := app.Source(store, locKey()).Token(context.Background())
			require.Error(t, err)
			assert.ErrorIs(t, err, auth.ErrReauthorize)
			assert.NotErrorIs(t, err, auth.ErrOutcomeUnknown)
			var oe *auth.OAuthError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, c.status, oe.StatusCode)
			assert.Contains(t, err.Error(), "authorized again")
			assertNoSecret(t, err.Error(), first.AccessToken, first.RefreshToken, testClientSecret)
			assert.Equal(t, first, stored(t, store, locKey()), "the stored token is left untouched")
		})
	}
}

func TestSourceRefreshNotResent(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
	}{
		{"connection dropped", 0, ""},
		{"server error", 500, `{"statusCode":500,"message":"Internal Server Error"}`},
		{"bad gateway", 502, `<html>bad gateway</html>`},
		{"200 without a token", 200, `{"message":"ok"}`},
		{"200 truncated", 200, `{"access_token":"at-x","refresh`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := auth.NewMemoryStore()
			ts, _, app, first := setup(t, store, -time.Minute)
			ts.fail = func(*http.Request) (int, string, bool) { return c.status, c.body, true }
			_, err := app.Source(store, locKey()).Token(context.Background())
			require.Error(t, err)
			assert.ErrorIs(t, err, auth.ErrOutcomeUnknown)
			assert.NotErrorIs(t, err, auth.ErrReauthorize)
			assertNoSecret(t, err.Error(), first.AccessToken, first.RefreshToken, testClientSecret)
			refreshes, _, _ := ts.counts()
			assert.Equal(t, 1, refreshes, "a refresh that may have reached the server is sent once")
			assert.Equal(t, first, stored(t, store, locKey()))
		})
	}
}

// failingSave is a store whose saves fail while broken is set.
type failingSave struct {
	auth.Store
	mu     sync.Mutex
	broken bool
}

func (f *failingSave) Lock(ctx context.Context, key auth.Key) (auth.Locked, error) {
	lk, err := f.Store.Lock(ctx, key)
	if err != nil {
		return nil, err
	}
	return &failingLocked{Locked: lk, f: f}, nil
}

type failingLocked struct {
	auth.Locked
	f *failingSave
}

func (l *failingLocked) Save(ctx context.Context, tok *auth.Token) error {
	l.f.mu.Lock()
	broken := l.f.broken
	l.f.mu.Unlock()
	if broken {
		return errors.New("disk full")
	}
	return l.Locked.Save(ctx, tok)
}

func TestSourceDoesNotUseAnUnsavedToken(t *testing.T) {
	store := &failingSave{Store: auth.NewMemoryStore()}
	ts, _, app, first := setup(t, store, -time.Minute)
	src := app.Source(store, locKey())
	store.broken = true

	_, err := src.Token(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk full")
	assert.Equal(t, first, stored(t, store, locKey()))

	store.mu.Lock()
	store.broken = false
	store.mu.Unlock()
	got, err := src.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, got, stored(t, store, locKey()).AccessToken)
	refreshes, rejected, _ := ts.counts()
	assert.Equal(t, 1, refreshes, "the pair whose save failed is saved later; the spent refresh token is not sent again")
	assert.Equal(t, 0, rejected)
}

func TestSourceFinishesARefreshItsCallerAbandoned(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, _, app, first := setup(t, store, -time.Minute)
	gate := make(chan struct{})
	ts.gate = gate
	src := app.Source(store, locKey())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := src.Token(ctx)
		done <- err
	}()
	// Cancel only once the refresh is on the wire.
	for {
		if r, _, _ := ts.counts(); r == 1 {
			break
		}
		runtimeGosched()
	}
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	close(gate)
	got, err := src.Token(context.Background())
	require.NoError(t, err)
	assert.NotEqual(t, first.AccessToken, got)
	assert.Equal(t, got, stored(t, store, locKey()).AccessToken)
	refreshes, rejected, _ := ts.counts()
	assert.Equal(t, 1, refreshes)
	assert.Equal(t, 0, rejected)
}

func TestSourceWithoutStoredToken(t *testing.T) {
	ts := newTokenServer(t)
	_, err := ts.app(nil).Source(auth.NewMemoryStore(), locKey()).Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrReauthorize)
	assert.ErrorIs(t, err, auth.ErrNotStored)
}

func TestSourceWithoutRefreshToken(t *testing.T) {
	store := auth.NewMemoryStore()
	_, _, app, first := setup(t, store, -time.Minute)
	first.RefreshToken = ""
	put(t, store, locKey(), first)
	_, err := app.Source(store, locKey()).Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrReauthorize)
}

func TestCorruptStoreFile(t *testing.T) {
	store, err := auth.NewFileStore(t.TempDir() + "/tokens")
	require.NoError(t, err)
	path := store.Path(locKey())
	garbage := []byte(`{"access_token": "at-1", "refresh_tok`)
	require.NoError(t, os.WriteFile(path, garbage, 0o600))
	ts := newTokenServer(t)
	app := ts.app(nil)

	_, err = app.Source(store, locKey()).Token(context.Background())
	require.Error(t, err)
	assert.ErrorIs(t, err, auth.ErrCorrupt)
	assert.Contains(t, err.Error(), path)
	assert.NotContains(t, err.Error(), "at-1")

	_, err = app.Connect(context.Background(), store, &auth.Token{AccessToken: "at-new", UserType: auth.Location, LocationID: "loc-1"})
	assert.ErrorIs(t, err, auth.ErrCorrupt, "Connect does not overwrite a corrupt file")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, garbage, after)
	refreshes, _, _ := ts.counts()
	assert.Equal(t, 0, refreshes)
}

func assertNoSecret(t *testing.T, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("secret %.6s… appears in %q", s, text)
		}
	}
}
