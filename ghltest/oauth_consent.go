package ghltest

import (
	"net/http"
	"net/url"
	"strings"
)

// consent serves the fake consent page (GET /oauth/chooselocation): it checks the request as HighLevel's page
// would and, as if the user had chosen a location and accepted, redirects at once to redirect_uri with a
// single-use code and the state. The location is the server's default one, or the query parameter locationId.
func (s *Server) consent(c *call) {
	q := c.r.URL.Query()
	app, known := s.oauth.app(q.Get("client_id"))
	redirect := q.Get("redirect_uri")
	target, err := url.Parse(redirect)
	switch {
	case q.Get("response_type") != "code":
		writeError(c.w, http.StatusBadRequest, "response_type must be code")
		return
	case !known:
		writeError(c.w, http.StatusBadRequest, "unknown client_id")
		return
	case redirect == "" || err != nil || !target.IsAbs():
		writeError(c.w, http.StatusBadRequest, "redirect_uri must be an absolute URL")
		return
	case app.RedirectURI != "" && redirect != app.RedirectURI:
		writeError(c.w, http.StatusBadRequest, "redirect_uri is not registered for this app")
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		writeError(c.w, http.StatusBadRequest, "scope is required")
		return
	}
	location := q.Get("locationId")
	if location == "" {
		location = s.location
	}
	s.ensureLocation(location)
	code := newID()
	s.oauth.mu.Lock()
	s.oauth.codes[code] = pendingCode{clientID: app.ClientID, redirectURI: redirect, locationID: location,
		scopes: scopes, expires: c.now.Add(codeTTL)}
	s.oauth.stats.Consents++
	s.oauth.mu.Unlock()

	back := target.Query()
	back.Set("code", code)
	if st := q.Get("state"); st != "" {
		back.Set("state", st)
	}
	target.RawQuery = back.Encode()
	http.Redirect(c.w, c.r, target.String(), http.StatusFound)
}
