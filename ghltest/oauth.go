package ghltest

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// Defaults of the OAuth endpoints.
const (
	// DefaultTokenTTL is the lifetime of OAuth access tokens: HighLevel's expires_in is about a day.
	DefaultTokenTTL = 86399 * time.Second
	// DefaultCompanyID is the agency (company) every location of the server belongs to.
	DefaultCompanyID = "ghltest-company"
	// ScopeOAuthWrite is the scope an agency token needs for POST /oauth/locationToken.
	ScopeOAuthWrite = "oauth.write"
	// ScopeOAuthRead is the scope of GET /oauth/installedLocations.
	ScopeOAuthRead = "oauth.readonly"
)

// App is a Marketplace app the server knows, for the OAuth endpoints.
type App struct {
	ClientID     string
	ClientSecret string
	// RedirectURI, when set, is the only redirect_uri the consent page and the code exchange accept.
	RedirectURI string
}

// OAuthStats counts what the OAuth endpoints did.
type OAuthStats struct {
	// Consents counts codes handed out by the consent page.
	Consents int
	// Exchanges counts codes exchanged for tokens.
	Exchanges int
	// Refreshes counts refresh tokens exchanged for a new pair (each rotates: the used one stops working).
	Refreshes int
	// InvalidGrants counts token requests refused with invalid_grant (a used, unknown or revoked refresh
	// token, or a bad code).
	InvalidGrants int
	// LocationTokens counts location tokens minted from agency tokens.
	LocationTokens int
}

// oauthState is the server's OAuth side: apps, pending codes and counters. Tokens themselves live in the
// server's token registry (tokens.go), refresh tokens included.
type oauthState struct {
	mu    sync.Mutex
	apps  map[string]App
	codes map[string]pendingCode
	ttl   time.Duration
	stats OAuthStats
	book  *installBook // where the app is installed (oauth_installs.go)
}

type pendingCode struct {
	clientID, redirectURI, locationID string
	scopes                            []string
	expires                           time.Time
}

// codeTTL is how long a code from the consent page can be exchanged.
const codeTTL = 10 * time.Minute

func newOAuthState() *oauthState {
	return &oauthState{apps: map[string]App{}, codes: map[string]pendingCode{}, ttl: DefaultTokenTTL}
}

// routeOAuth registers the consent page and the token endpoints. They are public routes: the token endpoint
// authenticates with the client secret, locationToken with an agency bearer token it checks itself.
func (s *Server) routeOAuth(r *router) {
	s.oauth = newOAuthState()
	r.add("GET", "/oauth/chooselocation", "", nil, s.consent)
	r.add("GET", "/v2/oauth/chooselocation", "", nil, s.consent)
	r.add("POST", "/oauth/token", "", nil, s.oauthToken)
	r.add("POST", "/oauth/locationToken", "", nil, s.locationToken)
	r.add("GET", "/oauth/installedLocations", "", nil, s.installedLocations)
}

// RegisterApp makes the server know app; the consent page and the token endpoint accept only known apps.
func (s *Server) RegisterApp(app App) {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	s.oauth.apps[app.ClientID] = app
}

// SetTokenTTL sets the lifetime of the OAuth access tokens issued from now on (on the server's clock).
func (s *Server) SetTokenTTL(ttl time.Duration) {
	if ttl <= 0 {
		panic("ghltest: SetTokenTTL needs ttl > 0")
	}
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	s.oauth.ttl = ttl
}

// AuthorizeURL is the fake consent page, to be used where an app would use HighLevel's
// https://marketplace.gohighlevel.com/v2/oauth/chooselocation. It redirects at once to redirect_uri with a code
// for the server's default location, or for the location named by the query parameter "locationId".
func (s *Server) AuthorizeURL() string { return s.URL + "/oauth/chooselocation" }

// CompanyID is the agency every location of the server belongs to.
func (s *Server) CompanyID() string { return DefaultCompanyID }

// OAuthStats returns the OAuth counters so far.
func (s *Server) OAuthStats() OAuthStats {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	return s.oauth.stats
}

// OAuthPair is an access and refresh token pair issued without the consent flow.
type OAuthPair struct {
	AccessToken, RefreshToken string
	ExpiresIn                 time.Duration
	Scopes                    []string
}

// IssueOAuthPair issues a pair as a completed authorization of an app would, for locationID, or for the agency
// when locationID is "". Without scopes the pair has DefaultScopes (plus oauth.write and oauth.readonly for the
// agency).
func (s *Server) IssueOAuthPair(locationID string, scopes ...string) OAuthPair {
	if len(scopes) == 0 {
		scopes = append([]string(nil), DefaultScopes...)
		if locationID == "" {
			scopes = append(scopes, ScopeOAuthWrite, ScopeOAuthRead)
		}
	}
	if locationID != "" {
		s.ensureLocation(locationID)
	}
	ttl := s.tokenTTL()
	at, rt := s.tokens.issuePair(tokenInfo{locationID: locationID, companyID: DefaultCompanyID, scopes: scopeSet(scopes)}, ttl, s.clock.Now())
	return OAuthPair{AccessToken: at, RefreshToken: rt, ExpiresIn: ttl, Scopes: scopes}
}

// TokenActive reports whether token works now: an access token that is known, not revoked and not expired,
// or a refresh token that has not been used yet.
func (s *Server) TokenActive(token string) bool {
	t, ok := s.tokens.lookup(token)
	return ok && !t.revoked && (t.refresh || !t.expired(s.clock.Now()))
}

func (s *Server) tokenTTL() time.Duration {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	return s.oauth.ttl
}

func (s *Server) ensureLocation(id string) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.ensure(id)
}

func (o *oauthState) count(f func(*OAuthStats)) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f(&o.stats)
}

func (o *oauthState) app(clientID string) (App, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	a, ok := o.apps[clientID]
	return a, ok
}

// scopeList is a token's scopes as HighLevel writes them: space separated.
func scopeList(set map[string]bool) string {
	list := make([]string, 0, len(set))
	for sc := range set {
		list = append(list, sc)
	}
	sort.Strings(list)
	return strings.Join(list, " ")
}
