package ghltest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (f *fixture) installed(t *testing.T, token string, q url.Values) (installedLocationsAnswer, reply) {
	t.Helper()
	r := f.send(t, http.MethodGet, "/oauth/installedLocations?"+q.Encode(), token, nil)
	var a installedLocationsAnswer
	if r.status == http.StatusOK {
		require.NoError(t, json.Unmarshal(r.body, &a), "%s", r.body)
	}
	return a, r
}

func locationIDs(ls []InstalledLocation) []string {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	return ids
}

// GET /oauth/installedLocations pages by skip and limit over the company's locations, sorted by ID, with the
// total in count, and filters by isInstalled; it needs an agency token with oauth.readonly.
func TestInstalledLocations(t *testing.T) {
	f := newOAuthFixture(t)
	f.srv.InstallAgency("loc2", "loc3", "loc4")
	f.srv.Uninstall("loc3")
	agency := f.srv.IssueOAuthPair("")
	q := url.Values{"companyId": {DefaultCompanyID}, "appId": {"app-1"}}

	page, r := f.installed(t, agency.AccessToken, q)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, []string{"loc1", "loc2", "loc3", "loc4"}, locationIDs(page.Locations))
	assert.Equal(t, 4, page.Count)
	assert.False(t, page.Locations[2].IsInstalled)
	assert.True(t, page.Locations[1].IsInstalled)
	assert.Equal(t, f.clock.Now().UTC().Format(timeLayout), page.Locations[1].InstalledAt)
	assert.Empty(t, page.Locations[0].InstalledAt, "installed from the start")

	pages := []struct {
		skip, limit string
		want        []string
	}{
		{"0", "2", []string{"loc1", "loc2"}},
		{"2", "2", []string{"loc3", "loc4"}},
		{"4", "2", []string{}},
	}
	for _, p := range pages {
		q2 := url.Values{"companyId": q["companyId"], "appId": q["appId"], "skip": {p.skip}, "limit": {p.limit}}
		page, r := f.installed(t, agency.AccessToken, q2)
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Equal(t, p.want, locationIDs(page.Locations), "skip %s", p.skip)
		assert.Equal(t, 4, page.Count)
	}
	q.Set("isInstalled", "true")
	page, _ = f.installed(t, agency.AccessToken, q)
	assert.Equal(t, []string{"loc1", "loc2", "loc4"}, locationIDs(page.Locations))
	assert.Equal(t, 3, page.Count)

	noRead := f.srv.IssueOAuthPair("", ScopeContactsRead, ScopeOAuthWrite)
	location := f.srv.IssueOAuthPair("loc1")
	cases := []struct {
		name   string
		token  string
		q      url.Values
		status int
	}{
		{"no token", "", q, 401},
		{"location token", location.AccessToken, q, 401},
		{"agency token without oauth.readonly", noRead.AccessToken, q, 401},
		{"another company", agency.AccessToken, url.Values{"companyId": {"other"}, "appId": {"app-1"}}, 403},
		{"no appId", agency.AccessToken, url.Values{"companyId": {DefaultCompanyID}}, 422},
		{"no companyId", agency.AccessToken, url.Values{"appId": {"app-1"}}, 422},
		{"bad limit", agency.AccessToken, url.Values{"companyId": {DefaultCompanyID}, "appId": {"a"}, "limit": {"x"}}, 422},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, r := f.installed(t, c.token, c.q)
			assert.Equal(t, c.status, r.status, "%s", r.body)
		})
	}
}

// Uninstall revokes the location's OAuth tokens, refresh tokens included, and refuses new location tokens
// until Install; the agency's token and Private Integration Tokens keep working.
func TestUninstallRevokes(t *testing.T) {
	f := newOAuthFixture(t)
	agency := f.srv.IssueOAuthPair("")
	loc := f.srv.IssueOAuthPair("loc1")
	mint := url.Values{"companyId": {DefaultCompanyID}, "locationId": {"loc1"}}
	minted := f.postForm(t, "/oauth/locationToken", agency.AccessToken, mint)
	require.Equal(t, http.StatusOK, minted.status)
	mintedAT := minted.json(t)["access_token"].(string)

	f.srv.Uninstall("loc1")
	assert.False(t, f.srv.Installed("loc1"))
	for _, tok := range []string{loc.AccessToken, loc.RefreshToken, mintedAT} {
		assert.False(t, f.srv.TokenActive(tok))
	}
	assert.True(t, f.srv.TokenActive(agency.AccessToken))
	assert.True(t, f.srv.TokenActive(f.token), "a Private Integration Token is not the app's")
	refresh := url.Values{"client_id": {oaClient}, "client_secret": {oaSecret}, "grant_type": {"refresh_token"}, "refresh_token": {loc.RefreshToken}}
	assert.Equal(t, http.StatusBadRequest, f.postForm(t, "/oauth/token", "", refresh).status)
	r := f.postForm(t, "/oauth/locationToken", agency.AccessToken, mint)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), msgNotInstalled)

	f.srv.Install("loc1")
	assert.True(t, f.srv.Installed("loc1"))
	assert.Equal(t, http.StatusOK, f.postForm(t, "/oauth/locationToken", agency.AccessToken, mint).status)

	f.srv.UninstallAgency()
	assert.False(t, f.srv.TokenActive(agency.AccessToken))
	assert.False(t, f.srv.Installed("loc1"))
}

// Install, InstallAgency, Uninstall and UninstallAgency deliver signed INSTALL and UNINSTALL events with
// HighLevel's fields, in order.
func TestInstallDeliveries(t *testing.T) {
	signer := NewWebhookSignerFromSeed("installs")
	got := make(chan map[string]any, 8)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		assert.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		got <- body
	}))
	defer rcv.Close()
	f := newFixture(t, WithWebhookTarget(WebhookTarget{URL: rcv.URL, Signer: signer, AppID: "app-1", VersionID: "ver-1"}))
	f.srv.Install("loc9")
	f.srv.InstallAgency("loc10")
	f.srv.Uninstall("loc9")
	f.srv.UninstallAgency()

	want := []map[string]any{
		{"type": "INSTALL", "installType": "Location", "locationId": "loc9", "companyId": DefaultCompanyID},
		{"type": "INSTALL", "installType": "Company", "companyId": DefaultCompanyID},
		{"type": "UNINSTALL", "locationId": "loc9", "companyId": DefaultCompanyID},
		{"type": "UNINSTALL", "companyId": DefaultCompanyID},
	}
	for i, w := range want {
		body := <-got
		for k, v := range w {
			assert.Equal(t, v, body[k], "delivery %d: %s", i, k)
		}
		assert.Equal(t, "app-1", body["appId"])
		assert.Equal(t, "ver-1", body["versionId"])
		assert.NotEmpty(t, body["webhookId"])
		assert.NotEmpty(t, body["timestamp"])
		if w["locationId"] == nil {
			assert.NotContains(t, body, "locationId", "an agency-level event has no locationId")
		}
	}

	// The target's app is the only one installed anywhere.
	agency := f.srv.IssueOAuthPair("")
	other, r := f.installed(t, agency.AccessToken, url.Values{"companyId": {DefaultCompanyID}, "appId": {"other-app"}})
	require.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, other.Locations)
	mine, _ := f.installed(t, agency.AccessToken, url.Values{"companyId": {DefaultCompanyID}, "appId": {"app-1"}})
	require.NotEmpty(t, mine.Locations)
	assert.Equal(t, "ver-1", mine.Locations[0].VersionID)
}
