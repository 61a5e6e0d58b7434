package auth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An agency token without oauth.write cannot mint location tokens: HighLevel's 401 "not authorized for this
// scope" reaches the caller as ErrScope (and ErrUnauthorized), without a refresh, and says which scopes to ask
// for. With AgencyScopes the same call works.
func TestAgencyScopesAndTheScope401OfALocationMint(t *testing.T) {
	cases := []struct {
		name      string
		scopes    []string
		wantScope bool
	}{
		{"default scopes lack oauth.write", auth.DefaultScopes, true},
		{"agency scopes", auth.AgencyScopes, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newE2E(t)
			company := e.connect(t, "", c.scopes...)
			other := e.srv.AddContact(ghltest.Contact{LocationID: "loc7", FirstName: "Grace"})
			agency := e.client(t, company, "")

			err := agency.ForLocation("loc7").Do(context.Background(), http.MethodGet, "/contacts/"+other.ID, nil, nil)
			st := e.srv.OAuthStats()
			assert.Equal(t, 0, st.Refreshes, "a scope 401 never triggers a refresh")
			if !c.wantScope {
				require.NoError(t, err)
				assert.Equal(t, 1, st.LocationTokens)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, api.ErrScope)
			assert.ErrorIs(t, err, ghl.ErrScope)
			assert.ErrorIs(t, err, ghl.ErrUnauthorized)
			assert.NotErrorIs(t, err, auth.ErrReauthorize, "the grant is fine; the app asked for too little")
			var oe *auth.OAuthError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, http.StatusUnauthorized, oe.StatusCode)
			assert.Contains(t, err.Error(), "auth.AgencyScopes")
			assert.Equal(t, 0, st.LocationTokens)
			checkNoSecrets(t, e.logs.String()+err.Error(), e.secrets(t, company.Key()))
		})
	}
}

func TestOAuthErrorMatchesTheAPISentinels(t *testing.T) {
	cases := []struct {
		name string
		err  *auth.OAuthError
		want map[error]bool
	}{
		{"scope 401", &auth.OAuthError{Op: "location token", StatusCode: 401, Description: "The token is not authorized for this scope."},
			map[error]bool{api.ErrScope: true, api.ErrUnauthorized: true, api.ErrForbidden: false}},
		{"other 401", &auth.OAuthError{Op: "location token", StatusCode: 401, Description: "Invalid JWT"},
			map[error]bool{api.ErrScope: false, api.ErrUnauthorized: true}},
		{"403", &auth.OAuthError{Op: "location token", StatusCode: 403, Description: "The token does not have access to this location."},
			map[error]bool{api.ErrScope: false, api.ErrUnauthorized: false, api.ErrForbidden: true}},
		{"400", &auth.OAuthError{Op: "refresh", StatusCode: 400, Code: "invalid_grant"},
			map[error]bool{api.ErrScope: false, api.ErrUnauthorized: false, api.ErrInvalidArgument: false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for target, want := range c.want {
				assert.Equal(t, want, c.err.Is(target), "Is(%v)", target)
			}
		})
	}
}
