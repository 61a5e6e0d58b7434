package ghltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthFailures(t *testing.T) {
	f := newFixture(t, WithToken("pit-given", "loc1"), WithLocation("loc2"))
	own := f.srv.AddContact(Contact{LocationID: "loc1", FirstName: "Ada"})
	other := f.srv.AddContact(Contact{LocationID: "loc2", FirstName: "Grace"})
	readOnly := f.srv.IssueToken("loc1", ScopeContactsRead)
	shortLived := f.srv.IssueTokenTTL("loc1", time.Minute)
	expired := f.srv.IssueToken("loc1")
	require.True(t, f.srv.ExpireToken(expired))
	revoked := f.srv.IssueToken("loc1")
	require.True(t, f.srv.RevokeToken(revoked))
	f.clock.Advance(time.Minute) // shortLived expires exactly now

	tests := []struct {
		name    string
		method  string
		path    string
		token   string
		body    any
		headers []string
		status  int
		message string
	}{
		{"no token", "GET", "/contacts/" + own.ID, "", nil, nil, 401, msgInvalidJWT},
		{"not bearer", "GET", "/contacts/" + own.ID, "", nil, []string{"Authorization", "Basic " + f.token}, 401, msgInvalidJWT},
		{"unknown token", "GET", "/contacts/" + own.ID, "pit-nope", nil, nil, 401, msgInvalidJWT},
		{"expired by ExpireToken", "GET", "/contacts/" + own.ID, expired, nil, nil, 401, msgInvalidJWT},
		{"expired by TTL", "GET", "/contacts/" + own.ID, shortLived, nil, nil, 401, msgInvalidJWT},
		{"revoked", "GET", "/contacts/" + own.ID, revoked, nil, nil, 401, msgInvalidJWT},
		{"read-only token writes", "PUT", "/contacts/" + own.ID, readOnly, map[string]any{"firstName": "A"}, nil, 401, msgScope},
		{"contact of another location", "GET", "/contacts/" + other.ID, f.token, nil, nil, 403, msgLocation},
		{"locationId of another location in body", "POST", "/contacts/", f.token, map[string]any{"locationId": "loc2"}, nil, 403, msgLocation},
		{"locationId of another location in query", "POST", "/contacts/search?locationId=loc2", f.token, map[string]any{"locationId": "loc1", "pageLimit": 1}, nil, 403, msgLocation},
		{"no Version", "GET", "/contacts/" + own.ID, f.token, nil, []string{"Version", ""}, 400, msgNoVersion},
		{"wrong Version", "GET", "/contacts/" + own.ID, f.token, nil, []string{"Version", "2021-04-15"}, 400, msgBadVersion},
		{"read-only token reads", "GET", "/contacts/" + own.ID, readOnly, nil, nil, 200, ""},
		{"given token", "GET", "/contacts/" + own.ID, "pit-given", nil, nil, 200, ""},
		{"issued token", "GET", "/contacts/" + own.ID, f.token, nil, nil, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.send(t, tt.method, tt.path, tt.token, tt.body, tt.headers...)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
			if tt.message == "" {
				return
			}
			body := r.json(t)
			assert.Equal(t, float64(tt.status), body["statusCode"])
			assert.Equal(t, tt.message, body["message"])
			if tt.status == http.StatusUnauthorized || tt.status == http.StatusForbidden {
				assert.NotContains(t, body, "error", "HighLevel's 401 and 403 bodies have no error key")
			} else {
				assert.Equal(t, http.StatusText(tt.status), body["error"])
			}
		})
	}
}

func TestTokenNotExpiredBeforeTTL(t *testing.T) {
	f := newFixture(t)
	tok := f.srv.IssueTokenTTL(f.loc, time.Hour)
	f.clock.Advance(time.Hour - time.Millisecond)
	assert.Equal(t, http.StatusOK, f.send(t, "POST", "/contacts/search", tok, map[string]any{"locationId": f.loc, "pageLimit": 1}).status)
	f.clock.Advance(time.Millisecond)
	assert.Equal(t, http.StatusUnauthorized, f.send(t, "POST", "/contacts/search", tok, map[string]any{"locationId": f.loc, "pageLimit": 1}).status)
}

func TestUnknownTokenOperations(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	assert.False(t, srv.ExpireToken("pit-unknown"))
	assert.False(t, srv.RevokeToken("pit-unknown"))
	assert.Regexp(t, `^pit-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, srv.IssueToken(srv.LocationID()))
}

func TestRefreshTokensAreSingleUse(t *testing.T) {
	ts := newTokenStore()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	access, refresh := ts.issuePair(tokenInfo{locationID: "loc1", scopes: scopeSet(nil)}, time.Hour, now)
	a, ok := ts.lookup(access)
	require.True(t, ok)
	assert.Equal(t, now.Add(time.Hour), a.expires)
	assert.False(t, a.refresh)

	const racers = 8
	wins := make(chan string, racers)
	for range racers {
		go func() {
			_, acc, _, err := ts.rotate(refresh, time.Hour, now)
			if err != nil {
				acc = ""
			}
			wins <- acc
		}()
	}
	var got []string
	for range racers {
		if acc := <-wins; acc != "" {
			got = append(got, acc)
		}
	}
	require.Len(t, got, 1, "exactly one rotation of a refresh token succeeds")
	g, ok := ts.lookup(got[0])
	require.True(t, ok)
	assert.Equal(t, "loc1", g.locationID)
	_, _, _, err := ts.rotate(refresh, time.Hour, now)
	assert.ErrorIs(t, err, errRefreshUsed)
	_, _, _, err = ts.rotate(access, time.Hour, now)
	assert.ErrorIs(t, err, errRefreshUsed, "an access token is no refresh token")
}

func TestRefreshTokenIsNoBearerToken(t *testing.T) {
	f := newFixture(t)
	_, refresh := f.srv.tokens.issuePair(tokenInfo{locationID: f.loc, scopes: scopeSet(nil)}, 0, f.clock.Now())
	r := f.send(t, "POST", "/contacts/search", refresh, map[string]any{"locationId": f.loc, "pageLimit": 1})
	assert.Equal(t, http.StatusUnauthorized, r.status)
}
