package auth_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthCodeURL(t *testing.T) {
	cases := []struct {
		name      string
		app       auth.App
		wantBase  string
		wantScope string
	}{
		{"defaults", auth.App{ClientID: "cid", RedirectURL: testRedirect}, auth.DefaultAuthURL, "contacts.readonly contacts.write"},
		{"own consent page and scopes", auth.App{ClientID: "cid", RedirectURL: testRedirect, AuthURL: "http://127.0.0.1:9/oauth/chooselocation",
			Scopes: []string{"contacts.readonly"}}, "http://127.0.0.1:9/oauth/chooselocation", "contacts.readonly"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, err := url.Parse(c.app.AuthCodeURL("st-123"))
			require.NoError(t, err)
			assert.Equal(t, c.wantBase, u.Scheme+"://"+u.Host+u.Path)
			q := u.Query()
			assert.Equal(t, "code", q.Get("response_type"))
			assert.Equal(t, "cid", q.Get("client_id"))
			assert.Equal(t, testRedirect, q.Get("redirect_uri"))
			assert.Equal(t, c.wantScope, q.Get("scope"))
			assert.Equal(t, "st-123", q.Get("state"))
			assert.Empty(t, q.Get("client_secret"))
		})
	}
}

func TestExchange(t *testing.T) {
	cases := []struct {
		userType auth.UserType
		wantKey  auth.Key
	}{
		{auth.Location, auth.Key{ClientID: testClientID, UserType: auth.Location, ID: "loc-1"}},
		{auth.Company, auth.Key{ClientID: testClientID, UserType: auth.Company, ID: "co-1"}},
	}
	for _, c := range cases {
		t.Run(string(c.userType), func(t *testing.T) {
			ts := newTokenServer(t)
			clk := newFakeClock()
			app := ts.app(clk.Now)
			tok, err := app.Exchange(context.Background(), "good-code", c.userType)
			require.NoError(t, err)
			require.Len(t, ts.forms, 1)
			f := ts.forms[0]
			assert.Equal(t, "authorization_code", f.Get("grant_type"))
			assert.Equal(t, "good-code", f.Get("code"))
			assert.Equal(t, string(c.userType), f.Get("user_type"))
			assert.Equal(t, testClientID, f.Get("client_id"))
			assert.Equal(t, testClientSecret, f.Get("client_secret"))
			assert.Equal(t, testRedirect, f.Get("redirect_uri"))

			assert.Equal(t, c.userType, tok.UserType)
			assert.Equal(t, "co-1", tok.CompanyID)
			assert.Equal(t, "user-1", tok.UserID)
			assert.Equal(t, []string{"contacts.readonly", "contacts.write"}, tok.Scopes)
			assert.Equal(t, clk.Now().Add(86399*time.Second), tok.Expiry)
			assert.NotEmpty(t, tok.RefreshToken)

			store := auth.NewMemoryStore()
			src, err := app.Connect(context.Background(), store, tok)
			require.NoError(t, err)
			assert.Equal(t, c.wantKey, src.Key())
			assert.Equal(t, tok.AccessToken, stored(t, store, c.wantKey).AccessToken)
			got, err := src.Token(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tok.AccessToken, got)
		})
	}
}

func TestExchangeErrors(t *testing.T) {
	ts := newTokenServer(t)
	cases := []struct {
		name       string
		app        *auth.App
		code       string
		userType   auth.UserType
		wantReauth bool
	}{
		{"bad code", ts.app(nil), "bad-code", auth.Location, true},
		{"wrong secret", &auth.App{ClientID: testClientID, ClientSecret: "wrong-secret-9876", BaseURL: ts.URL}, "good-code", auth.Location, true},
		{"no code", ts.app(nil), "", auth.Location, false},
		{"no user type", ts.app(nil), "good-code", "", false},
		{"no secret", &auth.App{ClientID: testClientID, BaseURL: ts.URL}, "good-code", auth.Location, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.app.Exchange(context.Background(), c.code, c.userType)
			require.Error(t, err)
			assert.Equal(t, c.wantReauth, errorsIs(err, auth.ErrReauthorize), "error: %v", err)
			assertNoSecret(t, err.Error(), testClientSecret, "wrong-secret-9876")
		})
	}
}

func TestConnectRejects(t *testing.T) {
	app := &auth.App{ClientID: testClientID, ClientSecret: testClientSecret}
	cases := []struct {
		name string
		tok  *auth.Token
	}{
		{"nil", nil},
		{"no access token", &auth.Token{UserType: auth.Location, LocationID: "l"}},
		{"no location", &auth.Token{AccessToken: "a", UserType: auth.Location}},
		{"no user type", &auth.Token{AccessToken: "a", LocationID: "l"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := app.Connect(context.Background(), auth.NewMemoryStore(), c.tok)
			assert.Error(t, err)
		})
	}
}
