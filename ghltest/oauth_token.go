package ghltest

import (
	"net/http"
	"net/url"
	"strings"
)

// tokenAnswer is HighLevel's answer of /oauth/token and /oauth/locationToken.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
	UserType     string `json:"userType"`
	CompanyID    string `json:"companyId"`
	LocationID   string `json:"locationId,omitempty"`
	UserID       string `json:"userId"`
	TraceID      string `json:"traceId"`
}

// oauthError is the OAuth error body of the token endpoint, with HighLevel's statusCode beside it.
type oauthError struct {
	StatusCode  int    `json:"statusCode"`
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

const fakeUserID = "ghltest-user"

func writeOAuthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, oauthError{StatusCode: status, Error: code, Description: desc})
}

// form parses an application/x-www-form-urlencoded body, as the OAuth endpoints take.
func (c *call) form() (url.Values, bool) {
	if ct := c.r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil, false
	}
	v, err := url.ParseQuery(string(c.body))
	return v, err == nil
}

// oauthToken serves POST /oauth/token: authorization_code and refresh_token grants. Refresh tokens rotate:
// the used one is refused with invalid_grant from then on.
func (s *Server) oauthToken(c *call) {
	f, ok := c.form()
	if !ok {
		writeOAuthError(c.w, http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	app, known := s.oauth.app(f.Get("client_id"))
	if !known || f.Get("client_secret") != app.ClientSecret {
		writeOAuthError(c.w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong client secret")
		return
	}
	userType := f.Get("user_type")
	if userType != "" && userType != "Location" && userType != "Company" {
		writeOAuthError(c.w, http.StatusBadRequest, "invalid_request", "user_type must be Location or Company")
		return
	}
	switch f.Get("grant_type") {
	case "authorization_code":
		s.exchangeCode(c, app, f, userType)
	case "refresh_token":
		s.refreshGrant(c, f)
	default:
		writeOAuthError(c.w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
	}
}

func (s *Server) exchangeCode(c *call, app App, f url.Values, userType string) {
	s.oauth.mu.Lock()
	pc, ok := s.oauth.codes[f.Get("code")]
	delete(s.oauth.codes, f.Get("code")) // a code is single use, even when the exchange fails
	s.oauth.mu.Unlock()
	switch {
	case !ok || pc.clientID != app.ClientID || !c.now.Before(pc.expires):
		s.oauth.count(func(st *OAuthStats) { st.InvalidGrants++ })
		writeOAuthError(c.w, http.StatusBadRequest, "invalid_grant", "Invalid grant: the code is invalid, used or expired")
		return
	case f.Get("redirect_uri") != "" && f.Get("redirect_uri") != pc.redirectURI:
		s.oauth.count(func(st *OAuthStats) { st.InvalidGrants++ })
		writeOAuthError(c.w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the authorization request")
		return
	}
	grant := tokenInfo{locationID: pc.locationID, companyID: DefaultCompanyID, scopes: scopeSet(pc.scopes)}
	if userType == "Company" {
		grant.locationID = ""
	}
	s.oauth.count(func(st *OAuthStats) { st.Exchanges++ })
	s.answerPair(c, grant)
}

func (s *Server) refreshGrant(c *call, f url.Values) {
	grant, access, refresh, err := s.tokens.rotate(f.Get("refresh_token"), s.tokenTTL(), c.now)
	if err != nil {
		s.oauth.count(func(st *OAuthStats) { st.InvalidGrants++ })
		writeOAuthError(c.w, http.StatusBadRequest, "invalid_grant", "Invalid grant: refresh token is invalid")
		return
	}
	s.oauth.count(func(st *OAuthStats) { st.Refreshes++ })
	s.writePair(c, grant, access, refresh)
}

func (s *Server) answerPair(c *call, grant tokenInfo) {
	access, refresh := s.tokens.issuePair(grant, s.tokenTTL(), c.now)
	s.writePair(c, grant, access, refresh)
}

func (s *Server) writePair(c *call, grant tokenInfo, access, refresh string) {
	a := tokenAnswer{
		AccessToken: access, TokenType: "Bearer", ExpiresIn: int(s.tokenTTL().Seconds()), RefreshToken: refresh,
		Scope: scopeList(grant.scopes), UserType: "Location", CompanyID: grant.companyID, LocationID: grant.locationID,
		UserID: fakeUserID, TraceID: newUUID(),
	}
	if grant.locationID == "" {
		a.UserType = "Company"
	}
	writeJSON(c.w, http.StatusOK, a)
}

// locationToken serves POST /oauth/locationToken: an agency token with oauth.write mints a token of one of
// its locations, with the agency token's scopes.
func (s *Server) locationToken(c *call) {
	tok, ok := s.agencyWith(c, ScopeOAuthWrite)
	if !ok {
		return
	}
	f, ok := c.form()
	if !ok {
		writeValidation(c.w, "the body must be application/x-www-form-urlencoded")
		return
	}
	switch {
	case f.Get("companyId") == "" || f.Get("locationId") == "":
		writeValidation(c.w, "companyId should not be empty", "locationId should not be empty")
		return
	case f.Get("companyId") != tok.companyID:
		writeError(c.w, http.StatusForbidden, msgLocation)
		return
	}
	if !s.locationInstalled(f.Get("locationId")) {
		writeError(c.w, http.StatusBadRequest, msgNotInstalled)
		return
	}
	s.ensureLocation(f.Get("locationId"))
	scopes := make(map[string]bool, len(tok.scopes))
	for sc := range tok.scopes {
		if sc != ScopeOAuthWrite && sc != ScopeOAuthRead {
			scopes[sc] = true
		}
	}
	s.oauth.count(func(st *OAuthStats) { st.LocationTokens++ })
	s.answerPair(c, tokenInfo{locationID: f.Get("locationId"), companyID: tok.companyID, scopes: scopes})
}

// agencyWith checks what HighLevel checks before an agency-only OAuth call: a valid token, the Version header,
// and an agency (Company) token with scope. It answers the request itself when one fails, and returns the token when none does.
func (s *Server) agencyWith(c *call, scope string) (tokenInfo, bool) {
	tok, ok := s.authenticate(c.r, c.now)
	if !ok {
		writeError(c.w, http.StatusUnauthorized, msgInvalidJWT)
		return tokenInfo{}, false
	}
	switch ver := c.r.Header.Get("Version"); {
	case ver == "":
		writeError(c.w, http.StatusBadRequest, msgNoVersion)
		return tokenInfo{}, false
	case ver != APIVersion:
		writeError(c.w, http.StatusBadRequest, msgBadVersion)
		return tokenInfo{}, false
	}
	if tok.locationID != "" || !tok.scopes[scope] {
		writeError(c.w, http.StatusUnauthorized, msgScope)
		return tokenInfo{}, false
	}
	return tok, true
}
