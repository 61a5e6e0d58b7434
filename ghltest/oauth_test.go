package ghltest

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	oaClient   = "app-client-1"
	oaSecret   = "app-secret-1"
	oaRedirect = "http://127.0.0.1:1/callback"
)

func newOAuthFixture(t *testing.T) *fixture {
	f := newFixture(t)
	f.srv.RegisterApp(App{ClientID: oaClient, ClientSecret: oaSecret, RedirectURI: oaRedirect})
	return f
}

func (f *fixture) postForm(t *testing.T, path, bearer string, form url.Values, headers ...string) reply {
	t.Helper()
	return f.send(t, http.MethodPost, path, bearer, form.Encode(), append([]string{"Content-Type", "application/x-www-form-urlencoded"}, headers...)...)
}

// consentCode walks the consent page and returns the code of its redirect.
func (f *fixture) consentCode(t *testing.T, q url.Values) (string, *url.URL) {
	t.Helper()
	hc := *f.srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Get(f.srv.AuthorizeURL() + "?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	return loc.Query().Get("code"), loc
}

func consentQuery(scope string) url.Values {
	return url.Values{"response_type": {"code"}, "client_id": {oaClient}, "redirect_uri": {oaRedirect},
		"scope": {scope}, "state": {"st-1"}}
}

func exchangeForm(code, userType string) url.Values {
	return url.Values{"client_id": {oaClient}, "client_secret": {oaSecret}, "grant_type": {"authorization_code"},
		"code": {code}, "user_type": {userType}, "redirect_uri": {oaRedirect}}
}

func TestConsentPage(t *testing.T) {
	f := newOAuthFixture(t)
	code, loc := f.consentCode(t, consentQuery("contacts.readonly contacts.write"))
	assert.NotEmpty(t, code)
	assert.Equal(t, "st-1", loc.Query().Get("state"))
	assert.Equal(t, "127.0.0.1:1", loc.Host)
	assert.Equal(t, "/callback", loc.Path)

	bad := []struct {
		name string
		edit func(url.Values)
	}{
		{"unknown client", func(q url.Values) { q.Set("client_id", "nope") }},
		{"wrong response type", func(q url.Values) { q.Set("response_type", "token") }},
		{"unregistered redirect", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:2/elsewhere") }},
		{"no scope", func(q url.Values) { q.Del("scope") }},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			q := consentQuery("contacts.readonly")
			b.edit(q)
			r := f.send(t, http.MethodGet, "/oauth/chooselocation?"+q.Encode(), "", nil)
			assert.Equal(t, http.StatusBadRequest, r.status)
		})
	}
	assert.Equal(t, 1, f.srv.OAuthStats().Consents)
}

func TestCodeExchangeAndScopes(t *testing.T) {
	f := newOAuthFixture(t)
	own := f.srv.AddContact(Contact{LocationID: "loc1", FirstName: "Ada"})
	f.srv.ensureLocation("loc2")
	other := f.srv.AddContact(Contact{LocationID: "loc2", FirstName: "Grace"})
	code, _ := f.consentCode(t, consentQuery("contacts.readonly"))

	r := f.postForm(t, "/oauth/token", "", exchangeForm(code, "Location"))
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	body := r.json(t)
	assert.Equal(t, "Bearer", body["token_type"])
	assert.Equal(t, float64(86399), body["expires_in"])
	assert.Equal(t, "Location", body["userType"])
	assert.Equal(t, "loc1", body["locationId"])
	assert.Equal(t, DefaultCompanyID, body["companyId"])
	assert.Equal(t, "contacts.readonly", body["scope"])
	at := body["access_token"].(string)
	assert.True(t, f.srv.TokenActive(at))
	assert.True(t, f.srv.TokenActive(body["refresh_token"].(string)))

	assert.Equal(t, http.StatusOK, f.send(t, "GET", "/contacts/"+own.ID, at, nil).status)
	w := f.send(t, "PUT", "/contacts/"+own.ID, at, map[string]any{"firstName": "A"})
	assert.Equal(t, http.StatusUnauthorized, w.status)
	assert.Equal(t, msgScope, w.json(t)["message"])
	assert.Equal(t, http.StatusForbidden, f.send(t, "GET", "/contacts/"+other.ID, at, nil).status)

	again := f.postForm(t, "/oauth/token", "", exchangeForm(code, "Location"))
	assert.Equal(t, http.StatusBadRequest, again.status)
	assert.Equal(t, "invalid_grant", again.json(t)["error"])

	code2, _ := f.consentCode(t, consentQuery("contacts.readonly"))
	wrongSecret := exchangeForm(code2, "Location")
	wrongSecret.Set("client_secret", "nope")
	assert.Equal(t, http.StatusUnauthorized, f.postForm(t, "/oauth/token", "", wrongSecret).status)

	st := f.srv.OAuthStats()
	assert.Equal(t, 1, st.Exchanges)
	assert.Equal(t, 1, st.InvalidGrants)
}

func TestRefreshRotatesAndTokensExpire(t *testing.T) {
	f := newOAuthFixture(t)
	f.srv.SetTokenTTL(time.Hour)
	own := f.srv.AddContact(Contact{LocationID: "loc1", FirstName: "Ada"})
	pair := f.srv.IssueOAuthPair("loc1")
	assert.Equal(t, time.Hour, pair.ExpiresIn)
	assert.Equal(t, http.StatusOK, f.send(t, "GET", "/contacts/"+own.ID, pair.AccessToken, nil).status)

	f.clock.Advance(time.Hour)
	expired := f.send(t, "GET", "/contacts/"+own.ID, pair.AccessToken, nil)
	assert.Equal(t, http.StatusUnauthorized, expired.status)
	assert.Equal(t, msgInvalidJWT, expired.json(t)["message"])

	refresh := url.Values{"client_id": {oaClient}, "client_secret": {oaSecret}, "grant_type": {"refresh_token"},
		"refresh_token": {pair.RefreshToken}, "user_type": {"Location"}}
	r := f.postForm(t, "/oauth/token", "", refresh)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	body := r.json(t)
	newAT, newRT := body["access_token"].(string), body["refresh_token"].(string)
	assert.Equal(t, float64(3600), body["expires_in"])
	assert.Equal(t, "loc1", body["locationId"])
	assert.NotEqual(t, pair.RefreshToken, newRT)
	assert.False(t, f.srv.TokenActive(pair.RefreshToken), "a used refresh token stops working")
	assert.True(t, f.srv.TokenActive(newRT))
	assert.Equal(t, http.StatusOK, f.send(t, "GET", "/contacts/"+own.ID, newAT, nil).status)

	reused := f.postForm(t, "/oauth/token", "", refresh)
	assert.Equal(t, http.StatusBadRequest, reused.status)
	assert.Equal(t, "invalid_grant", reused.json(t)["error"])
	assert.Equal(t, http.StatusUnauthorized, f.send(t, "GET", "/contacts/"+own.ID, newRT, nil).status, "a refresh token is no bearer token")

	st := f.srv.OAuthStats()
	assert.Equal(t, 1, st.Refreshes)
	assert.Equal(t, 1, st.InvalidGrants)
}

func TestLocationToken(t *testing.T) {
	f := newOAuthFixture(t)
	agency := f.srv.IssueOAuthPair("")
	mint := url.Values{"companyId": {DefaultCompanyID}, "locationId": {"loc7"}}

	r := f.postForm(t, "/oauth/locationToken", agency.AccessToken, mint)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	body := r.json(t)
	assert.Equal(t, "Location", body["userType"])
	assert.Equal(t, "loc7", body["locationId"])
	assert.Equal(t, "contacts.readonly contacts.write", body["scope"])
	c := f.srv.AddContact(Contact{LocationID: "loc7", FirstName: "Ada"})
	assert.Equal(t, http.StatusOK, f.send(t, "GET", "/contacts/"+c.ID, body["access_token"].(string), nil).status)
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens)

	location := f.srv.IssueOAuthPair("loc1")
	noOAuthScope := f.srv.IssueOAuthPair("", ScopeContactsRead)
	cases := []struct {
		name    string
		token   string
		form    url.Values
		headers []string
		status  int
	}{
		{"no token", "", mint, nil, 401},
		{"location token", location.AccessToken, mint, nil, 401},
		{"agency token without oauth.write", noOAuthScope.AccessToken, mint, nil, 401},
		{"no Version", agency.AccessToken, mint, []string{"Version", ""}, 400},
		{"another company", agency.AccessToken, url.Values{"companyId": {"other"}, "locationId": {"loc7"}}, nil, 403},
		{"no location", agency.AccessToken, url.Values{"companyId": {DefaultCompanyID}}, nil, 422},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.status, f.postForm(t, "/oauth/locationToken", tc.token, tc.form, tc.headers...).status)
		})
	}
}
