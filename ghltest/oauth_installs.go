package ghltest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// msgNotInstalled answers a location token asked for a location the app is not installed in. Chosen:
// HighLevel's text is not documented.
const msgNotInstalled = "The app is not installed in this location."

// installBook is where the server's app is installed. Every location the server knows is installed unless
// Uninstall or UninstallAgency took it out; installedAt is when Install last installed it (zero: from the
// start). It is guarded by oauthState.mu.
type installBook struct {
	uninstalled map[string]bool
	installedAt map[string]time.Time
}

// InstalledLocation is one location of GET /oauth/installedLocations, as HighLevel writes it.
type InstalledLocation struct {
	ID          string `json:"_id"`
	Name        string `json:"name"`
	Address     string `json:"address"`
	IsInstalled bool   `json:"isInstalled"`
	VersionID   string `json:"versionId,omitempty"`
	InstalledAt string `json:"installedAt,omitempty"`
}

// installedLocationsAnswer is the body of GET /oauth/installedLocations.
type installedLocationsAnswer struct {
	Locations                []InstalledLocation `json:"locations"`
	Count                    int                 `json:"count"`
	InstallToFutureLocations bool                `json:"installToFutureLocations"`
}

// Install installs the app in locationID (creating the location if new) and, with WithWebhookTarget, delivers
// a signed INSTALL (installType "Location") for it. Location tokens can be minted for it again.
func (s *Server) Install(locationID string) {
	s.markInstalled(locationID)
	s.pushAppEvent(TypeInstallEvent, map[string]any{
		"installType": "Location", "locationId": locationID, "companyId": DefaultCompanyID, "userId": fakeUserID,
		"companyName": "ghltest agency", "isWhitelabelCompany": false,
	})
}

// InstallAgency installs the app at agency level in each of locationIDs (creating the new ones) and, with
// WithWebhookTarget, delivers one signed INSTALL with installType "Company" and no locationId.
func (s *Server) InstallAgency(locationIDs ...string) {
	for _, id := range locationIDs {
		s.markInstalled(id)
	}
	s.pushAppEvent(TypeInstallEvent, map[string]any{
		"installType": "Company", "companyId": DefaultCompanyID, "userId": fakeUserID,
		"companyName": "ghltest agency", "isWhitelabelCompany": false,
	})
}

// Uninstall uninstalls the app from locationID: every OAuth token of the location stops working (access and
// refresh tokens), no location token is minted for it until Install, and with WithWebhookTarget a signed
// UNINSTALL is delivered. Private Integration Tokens (IssueToken) are not the app's and keep working.
func (s *Server) Uninstall(locationID string) {
	s.oauth.mu.Lock()
	s.oauth.installs().uninstalled[locationID] = true
	s.oauth.mu.Unlock()
	s.tokens.revokeWhere(func(t *tokenInfo) bool { return t.companyID != "" && t.locationID == locationID })
	s.pushAppEvent(TypeUninstallEvent, map[string]any{"locationId": locationID, "companyId": DefaultCompanyID})
}

// UninstallAgency uninstalls the app from the agency and all its locations: every OAuth token of the company
// stops working, the agency's and the locations' alike, and with WithWebhookTarget one signed UNINSTALL with
// companyId and no locationId is delivered.
func (s *Server) UninstallAgency() {
	s.store.mu.RLock()
	ids := make([]string, 0, len(s.store.locs))
	for id := range s.store.locs {
		ids = append(ids, id)
	}
	s.store.mu.RUnlock()
	s.oauth.mu.Lock()
	for _, id := range ids {
		s.oauth.installs().uninstalled[id] = true
	}
	s.oauth.mu.Unlock()
	s.tokens.revokeWhere(func(t *tokenInfo) bool { return t.companyID == DefaultCompanyID })
	s.pushAppEvent(TypeUninstallEvent, map[string]any{"companyId": DefaultCompanyID})
}

// Installed reports whether the app is installed in locationID.
func (s *Server) Installed(locationID string) bool {
	s.store.mu.RLock()
	_, known := s.store.locs[locationID]
	s.store.mu.RUnlock()
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	return known && !s.oauth.installs().uninstalled[locationID]
}

// The event types of app installs, as webhook deliveries write them.
const (
	TypeInstallEvent   = "INSTALL"
	TypeUninstallEvent = "UNINSTALL"
)

func (s *Server) markInstalled(locationID string) {
	s.ensureLocation(locationID)
	now := s.clock.Now()
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	b := s.oauth.installs()
	delete(b.uninstalled, locationID)
	b.installedAt[locationID] = now
}

// pushAppEvent queues an app event for the webhook target; without one it does nothing.
func (s *Server) pushAppEvent(typ string, fields map[string]any) {
	if s.events == nil {
		return
	}
	fields["type"] = typ
	fields["appId"] = s.events.target.AppID
	fields["versionId"] = s.events.target.VersionID
	body, _ := json.Marshal(fields)
	s.events.push(pendingEvent{typ: typ, body: body, at: s.clock.Now()})
}

// installs returns the book, making it on first use; the caller holds o.mu.
func (o *oauthState) installs() *installBook {
	if o.book == nil {
		o.book = &installBook{uninstalled: map[string]bool{}, installedAt: map[string]time.Time{}}
	}
	return o.book
}

func (s *Server) locationInstalled(locationID string) bool {
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	return !s.oauth.installs().uninstalled[locationID]
}

// installedLocations serves GET /oauth/installedLocations: an agency token with oauth.readonly lists the
// locations of its company with whether the app is installed in each, paged by skip and limit (strings, as
// the spec has them; defaults 0 and 20), sorted by ID, with count the total that match.
func (s *Server) installedLocations(c *call) {
	tok, ok := s.agencyWith(c, ScopeOAuthRead)
	if !ok {
		return
	}
	q := c.r.URL.Query()
	var problems []string
	if q.Get("companyId") == "" {
		problems = append(problems, "companyId should not be empty")
	}
	if q.Get("appId") == "" {
		problems = append(problems, "appId should not be empty")
	}
	skip, skipErr := pagingNumber(q.Get("skip"), 0)
	limit, limitErr := pagingNumber(q.Get("limit"), 20)
	if skipErr != nil {
		problems = append(problems, "skip must be a number string")
	}
	if limitErr != nil || limit == 0 {
		problems = append(problems, "limit must be a positive number string")
	}
	var wantInstalled *bool
	if v := q.Get("isInstalled"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			problems = append(problems, "isInstalled must be a boolean value")
		}
		wantInstalled = &b
	}
	if len(problems) > 0 {
		writeValidation(c.w, problems...)
		return
	}
	if q.Get("companyId") != tok.companyID {
		writeError(c.w, http.StatusForbidden, msgLocation)
		return
	}
	all := s.listInstalled(q.Get("appId"), q.Get("query"), q.Get("locationId"), wantInstalled)
	page := installedLocationsAnswer{Locations: []InstalledLocation{}, Count: len(all)}
	if skip < len(all) {
		page.Locations = all[skip:min(len(all), skip+limit)]
	}
	writeJSON(c.w, http.StatusOK, page)
}

// listInstalled is every location that matches, sorted by ID. An appId other than the webhook target's (when
// there is one) is an app installed nowhere.
func (s *Server) listInstalled(appID, query, locationID string, wantInstalled *bool) []InstalledLocation {
	version := ""
	if s.events != nil {
		if appID != s.events.target.AppID {
			return nil
		}
		version = s.events.target.VersionID
	}
	s.store.mu.RLock()
	ids := make([]string, 0, len(s.store.locs))
	for id := range s.store.locs {
		ids = append(ids, id)
	}
	s.store.mu.RUnlock()
	slices.Sort(ids)
	s.oauth.mu.Lock()
	defer s.oauth.mu.Unlock()
	b := s.oauth.installs()
	var out []InstalledLocation
	for _, id := range ids {
		l := InstalledLocation{ID: id, Name: "Location " + id, Address: "", IsInstalled: !b.uninstalled[id], VersionID: version}
		if at, ok := b.installedAt[id]; ok {
			l.InstalledAt = at.UTC().Format(timeLayout)
		}
		switch {
		case wantInstalled != nil && *wantInstalled != l.IsInstalled,
			locationID != "" && id != locationID,
			query != "" && !strings.Contains(strings.ToLower(l.Name), strings.ToLower(query)):
			continue
		}
		out = append(out, l)
	}
	return out
}

func pagingNumber(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err == nil && n < 0 {
		err = strconv.ErrRange
	}
	return n, err
}

// revokeWhere revokes every token that keep selects.
func (ts *tokenStore) revokeWhere(keep func(*tokenInfo) bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for _, t := range ts.tokens {
		if keep(t) {
			t.revoked = true
		}
	}
}
