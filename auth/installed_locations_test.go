package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// InstalledLocations reads every page of GET /oauth/installedLocations with the agency token, minting
// nothing; a location it lists is minted on first use.
func TestInstalledLocationsPages(t *testing.T) {
	e := newE2E(t)
	ids := make([]string, 24)
	for i := range ids {
		ids[i] = fmt.Sprintf("loc-%02d", i)
	}
	e.srv.InstallAgency(ids...)
	agency := e.connect(t, "", auth.AgencyScopes...)

	var got []string
	for l, err := range agency.InstalledLocations(context.Background(), auth.InstalledLocationsParams{AppID: "app-1", Limit: 10}) {
		require.NoError(t, err)
		assert.True(t, l.IsInstalled)
		assert.NotEmpty(t, l.Name)
		got = append(got, l.ID)
	}
	assert.ElementsMatch(t, append([]string{"loc1"}, ids...), got)
	assert.Len(t, e.srv.RequestsTo("GET", "/oauth/installedLocations"), 3, "25 locations in pages of 10")
	assert.Equal(t, 0, e.srv.OAuthStats().LocationTokens, "listing mints nothing")

	page, err := agency.InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "app-1", Skip: 20, Limit: 10})
	require.NoError(t, err)
	assert.Len(t, page.Locations, 5)
	assert.Equal(t, 25, page.Count)
	assert.Equal(t, -1, page.Next)

	first := true
	for l, err := range agency.InstalledLocations(context.Background(), auth.InstalledLocationsParams{AppID: "app-1"}) {
		require.NoError(t, err)
		require.True(t, first, "a loop that breaks stops the iterator")
		first = false
		ct := e.srv.AddContact(ghltest.Contact{LocationID: l.ID, FirstName: "Ada"})
		c := e.client(t, agency.ForLocation(l.ID), l.ID)
		_, err = c.Contacts.Get(context.Background(), ct.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, e.srv.OAuthStats().LocationTokens, "minted on first use")
		break
	}
}

// Bad arguments fail before any request; a token without oauth.readonly matches api.ErrScope; a rejected
// agency token is refreshed once.
func TestInstalledLocationsErrors(t *testing.T) {
	e := newE2E(t)
	agency := e.connect(t, "", auth.AgencyScopes...)
	location := e.connect(t, "loc1")
	cases := []struct {
		name  string
		src   *auth.Source
		p     auth.InstalledLocationsParams
		field string
	}{
		{"no app ID", agency, auth.InstalledLocationsParams{}, "AppID"},
		{"negative skip", agency, auth.InstalledLocationsParams{AppID: "a", Skip: -1}, "Skip"},
		{"negative limit", agency, auth.InstalledLocationsParams{AppID: "a", Limit: -1}, "Limit"},
		{"location source", location, auth.InstalledLocationsParams{AppID: "a"}, "Source"},
	}
	before := len(e.srv.Requests())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.src.InstalledLocationsPage(context.Background(), c.p)
			var ae *auth.ArgumentError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, c.field, ae.Field)
			assert.ErrorIs(t, err, api.ErrInvalidArgument)
		})
	}
	assert.Len(t, e.srv.Requests(), before, "no request for bad arguments")

	tok, err := agency.Token(context.Background())
	require.NoError(t, err)
	e.srv.RevokeToken(tok)
	_, err = agency.InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "a"})
	require.NoError(t, err)
	assert.Equal(t, 1, e.srv.OAuthStats().Refreshes, "a rejected agency token is refreshed once")

	scopeless := e.connect(t, "", ghltest.ScopeContactsRead, ghltest.ScopeOAuthWrite)
	_, err = scopeless.InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "a"})
	assert.ErrorIs(t, err, api.ErrScope)
	assert.Equal(t, 1, e.srv.OAuthStats().Refreshes, "a scope 401 is not refreshed")
}

// A page is read tolerantly: an odd installedAt or a location without an ID does not cost the page.
func TestInstalledLocationsTolerant(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"locations":[{"_id":"a","name":"A","address":"x","installedAt":"yesterday"},`+
			`{"_id":"b","name":"B","address":"y","isInstalled":true,"installedAt":"2024-01-15T10:30:00.000Z","extra":1},`+
			`{"name":"no id"},{"_id":7}],"count":"many","installToFutureLocations":true}`)
	}))
	defer srv.Close()
	clk := newFakeClock()
	app := &auth.App{ClientID: testClientID, ClientSecret: testClientSecret, BaseURL: srv.URL, Now: clk.Now}
	store := auth.NewMemoryStore()
	put(t, store, companyKey(), &auth.Token{AccessToken: "at", RefreshToken: "rt", UserType: auth.Company, CompanyID: "co-1",
		IssuedAt: clk.Now(), Expiry: clk.Now().Add(time.Hour)})
	page, err := app.Source(store, companyKey()).InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "a"})
	require.NoError(t, err)
	require.Len(t, page.Locations, 2)
	assert.True(t, page.Locations[0].InstalledAt.IsZero())
	assert.Equal(t, time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC), page.Locations[1].InstalledAt)
	assert.True(t, page.InstallToFutureLocations)
	assert.Equal(t, -1, page.Next)
}
