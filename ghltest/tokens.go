package ghltest

import (
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"time"
)

// tokenInfo is what the server knows about one bearer or refresh token.
type tokenInfo struct {
	value      string
	locationID string // "" for a company (agency) token
	companyID  string
	scopes     map[string]bool
	expires    time.Time // zero: never
	revoked    bool
	refresh    bool // a refresh token: never accepted as a bearer token, single use
}

func (t *tokenInfo) expired(now time.Time) bool {
	return !t.expires.IsZero() && !now.Before(t.expires)
}

// tokenStore is the registry of tokens. Access tokens come from IssueToken, WithToken or an OAuth grant;
// issuePair and rotate give OAuth code the access+refresh pairs whose refresh tokens are single use, as
// HighLevel's are.
type tokenStore struct {
	mu     sync.Mutex
	tokens map[string]*tokenInfo
}

func newTokenStore() *tokenStore { return &tokenStore{tokens: map[string]*tokenInfo{}} }

func (ts *tokenStore) add(t tokenInfo) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.tokens[t.value] = &t
}

// lookup returns a copy of a token, whatever its state.
func (ts *tokenStore) lookup(value string) (tokenInfo, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, ok := ts.tokens[value]
	if !ok {
		return tokenInfo{}, false
	}
	return *t, true
}

// update changes a token in place; it reports whether the token exists.
func (ts *tokenStore) update(value string, f func(*tokenInfo)) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, ok := ts.tokens[value]
	if ok {
		f(t)
	}
	return ok
}

// errRefreshUsed is returned by rotate for a refresh token that is unknown, revoked or already used.
var errRefreshUsed = errors.New("refresh token is invalid or already used")

// issuePair makes an access token valid for ttl (0: never expires) and a refresh token for the same grant.
func (ts *tokenStore) issuePair(grant tokenInfo, ttl time.Duration, now time.Time) (access, refresh string) {
	access, refresh = newToken("at-"), newToken("rt-")
	a, r := grant, grant
	a.value, a.refresh, a.revoked = access, false, false
	if ttl > 0 {
		a.expires = now.Add(ttl)
	}
	r.value, r.refresh, r.revoked, r.expires = refresh, true, false, time.Time{}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.tokens[access], ts.tokens[refresh] = &a, &r
	return access, refresh
}

// rotate spends a refresh token and issues a new pair for the same grant. Of two concurrent rotations with
// the same refresh token exactly one succeeds.
func (ts *tokenStore) rotate(refresh string, ttl time.Duration, now time.Time) (grant tokenInfo, access, newRefresh string, err error) {
	ts.mu.Lock()
	r, ok := ts.tokens[refresh]
	if !ok || !r.refresh || r.revoked {
		ts.mu.Unlock()
		return tokenInfo{}, "", "", errRefreshUsed
	}
	r.revoked = true
	grant = *r
	ts.mu.Unlock()
	access, newRefresh = ts.issuePair(grant, ttl, now)
	return grant, access, newRefresh, nil
}

// IssueToken makes a bearer token of locationID that never expires, with the given scopes (IssuedScopes when
// none are given). It has the shape of a Private Integration Token ("pit-" and a UUID).
func (s *Server) IssueToken(locationID string, scopes ...string) string {
	return s.IssueTokenTTL(locationID, 0, scopes...)
}

// IssueTokenTTL is IssueToken for a token that expires ttl after now on the server's clock (0: never).
func (s *Server) IssueTokenTTL(locationID string, ttl time.Duration, scopes ...string) string {
	t := tokenInfo{value: newToken("pit-"), locationID: locationID, scopes: scopeSet(scopes)}
	if ttl > 0 {
		t.expires = s.clock.Now().Add(ttl)
	}
	s.tokens.add(t)
	return t.value
}

// ExpireToken makes a token expired from now on: it is answered 401 "Invalid JWT", as HighLevel answers an
// expired access token. It reports whether the token was known.
func (s *Server) ExpireToken(token string) bool {
	now := s.clock.Now()
	return s.tokens.update(token, func(t *tokenInfo) { t.expires = now })
}

// RevokeToken makes a token unknown to the server from now on. It reports whether the token was known.
func (s *Server) RevokeToken(token string) bool {
	return s.tokens.update(token, func(t *tokenInfo) { t.revoked = true })
}

func scopeSet(scopes []string) map[string]bool {
	if len(scopes) == 0 {
		scopes = IssuedScopes
	}
	m := make(map[string]bool, len(scopes))
	for _, s := range scopes {
		m[s] = true
	}
	return m
}

// newToken returns prefix and a random UUID-shaped string.
func newToken(prefix string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%s%x-%x-%x-%x-%x", prefix, b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
