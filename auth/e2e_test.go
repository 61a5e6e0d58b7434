package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestE2EHundredGoroutinesOnAnExpiredToken(t *testing.T) {
	cases := []struct {
		name string
		// appSeesExpiry: the app's clock knows the token expired (proactive refresh); otherwise only the
		// server does and the refresh follows its 401.
		appSeesExpiry bool
	}{
		{"proactive", true},
		{"after the server's 401", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newE2E(t)
			src := e.connect(t, "loc1")
			first, err := src.Token(context.Background())
			require.NoError(t, err)
			if c.appSeesExpiry {
				e.clk.Advance(ghltest.DefaultTokenTTL + time.Second)
			} else {
				require.True(t, e.srv.ExpireToken(first))
			}
			client := e.client(t, src, "loc1")
			const n = 100
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var out map[string]any
					errs[i] = client.Do(context.Background(), http.MethodGet, "/contacts/"+e.contact.ID, nil, &out)
				}()
			}
			wg.Wait()
			for i := range n {
				require.NoError(t, errs[i], "request %d", i)
			}
			st := e.srv.OAuthStats()
			assert.Equal(t, 1, st.Refreshes, "exactly one refresh")
			assert.Equal(t, 0, st.InvalidGrants)
			stored := stored(t, e.store, src.Key())
			assert.True(t, e.srv.TokenActive(stored.AccessToken))
			assert.True(t, e.srv.TokenActive(stored.RefreshToken))
			assert.Contains(t, e.logs.String(), "auth: token refreshed and saved", "the scan below reads real Debug lines")
			checkNoSecrets(t, e.logs.String(), e.secrets(t, src.Key()))
		})
	}
}

func TestE2EScope401DoesNotRefresh(t *testing.T) {
	e := newE2E(t)
	src := e.connect(t, "loc1", ghltest.ScopeContactsRead)
	client := e.client(t, src, "loc1")
	require.NoError(t, client.Do(context.Background(), http.MethodGet, "/contacts/"+e.contact.ID, nil, nil))
	err := client.Do(context.Background(), http.MethodPut, "/contacts/"+e.contact.ID, map[string]any{"firstName": "B"}, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrScope)
	assert.Equal(t, 0, e.srv.OAuthStats().Refreshes)
	assert.Len(t, e.srv.RequestsTo(http.MethodPut, "/contacts/{contactId}"), 1, "no retry after a scope 401")
	checkNoSecrets(t, e.logs.String()+err.Error(), e.secrets(t, src.Key()))
}

func TestE2ERefreshRejected(t *testing.T) {
	e := newE2E(t)
	src := e.connect(t, "loc1")
	before := stored(t, e.store, src.Key())
	// Someone else spent the refresh token (a copy of the store elsewhere), and the access token expired.
	spend := url.Values{"client_id": {e2eClientID}, "client_secret": {e2eSecret}, "grant_type": {"refresh_token"},
		"refresh_token": {before.RefreshToken}}
	resp, err := e.srv.Client().PostForm(e.srv.URL+"/oauth/token", spend)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, e.srv.ExpireToken(before.AccessToken))

	client := e.client(t, src, "loc1")
	err = client.Do(context.Background(), http.MethodGet, "/contacts/"+e.contact.ID, nil, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, auth.ErrReauthorize)
	assert.Contains(t, err.Error(), "authorized again")
	assert.Equal(t, before, stored(t, e.store, src.Key()), "the stored token is left untouched")
	st := e.srv.OAuthStats()
	assert.Equal(t, 1, st.InvalidGrants)
	assert.Equal(t, 1, st.Refreshes, "only the out-of-band refresh succeeded")
	checkNoSecrets(t, e.logs.String()+err.Error(), e.secrets(t, src.Key()))
}

func TestE2EAgencyForLocation(t *testing.T) {
	e := newE2E(t)
	company := e.connect(t, "")
	other := e.srv.AddContact(ghltest.Contact{LocationID: "loc7", FirstName: "Grace"})
	agency := e.client(t, company, "")
	loc := agency.ForLocation("loc7")

	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = loc.Do(context.Background(), http.MethodGet, "/contacts/"+other.ID, nil, nil)
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
	}
	assert.Equal(t, 1, e.srv.OAuthStats().LocationTokens, "concurrent mints for one location are made once")
	locKey := auth.Key{ClientID: e2eClientID, UserType: auth.Location, ID: "loc7"}
	minted := stored(t, e.store, locKey)
	assert.Equal(t, "loc7", minted.LocationID)

	// The location token expires on the server: it is refreshed like any other, not minted again.
	require.True(t, e.srv.ExpireToken(minted.AccessToken))
	require.NoError(t, agency.ForLocation("loc7").Do(context.Background(), http.MethodGet, "/contacts/"+other.ID, nil, nil))
	st := e.srv.OAuthStats()
	assert.Equal(t, 1, st.LocationTokens)
	assert.Equal(t, 1, st.Refreshes)

	// A location token reaching another location's contact gets 403, without a refresh.
	err := loc.Do(context.Background(), http.MethodGet, "/contacts/"+e.contact.ID, nil, nil)
	assert.ErrorIs(t, err, ghl.ErrForbidden)
	assert.Equal(t, 1, e.srv.OAuthStats().Refreshes)
	checkNoSecrets(t, e.logs.String()+err.Error(), e.secrets(t, company.Key(), locKey))
}

func checkNoSecrets(t *testing.T, text string, secrets []string) {
	t.Helper()
	require.NotEmpty(t, secrets)
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("a secret (%.5s…) appears in the logs or errors", s)
		}
	}
}
