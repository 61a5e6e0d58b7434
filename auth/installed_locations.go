package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// DefaultInstalledLocationsLimit is the page size of InstalledLocations when Limit is 0: HighLevel's default.
const DefaultInstalledLocationsLimit = 20

// opInstalledLocations is OAuthError.Op of GET /oauth/installedLocations.
const opInstalledLocations = "installed locations"

// InstalledLocationsParams selects the locations of GET /oauth/installedLocations. The company is the
// Source's.
type InstalledLocationsParams struct {
	// AppID is the marketplace app's ID (required): the "appId" of its webhook deliveries, not the client ID.
	AppID string
	// VersionID, when set, keeps the locations on that version of the app.
	VersionID string
	// Query searches the locations by name.
	Query string
	// IsInstalled, when set, keeps the locations where the app is installed (true) or not (false); nil lists
	// both, each with its InstalledLocation.IsInstalled.
	IsInstalled *bool
	// Skip is how many locations to pass over: the checkpoint of a one-page call (InstalledLocationsPage.Next).
	Skip int
	// Limit is the page size; 0 means DefaultInstalledLocationsLimit.
	Limit int
}

// InstalledLocation is one location of GET /oauth/installedLocations.
type InstalledLocation struct {
	ID          string `json:"_id"`
	Name        string `json:"name"`
	Address     string `json:"address"`
	IsInstalled bool   `json:"isInstalled"`
	// VersionID is the installed version of the app.
	VersionID string `json:"versionId"`
	// InstalledAt is when the app was installed there; zero when HighLevel did not say or said it oddly.
	InstalledAt time.Time `json:"-"`
}

// InstalledLocationsPage is one page of installed locations.
type InstalledLocationsPage struct {
	Locations []InstalledLocation
	// Count is HighLevel's total of the locations that match, across pages.
	Count int
	// InstallToFutureLocations says the agency installs the app in its future locations too.
	InstallToFutureLocations bool
	// Next is the Skip of the next page, or -1 after the last page.
	Next int
}

// InstalledLocations lists the locations of the source's agency with the app, every page in turn, from an
// agency (Company) source; the token needs oauth.readonly (AgencyScopes has it). It mints nothing: pass a
// location's ID to ForLocation when you need to act for it, and its token is minted on first use. Iteration
// stops at the first error, which is yielded.
func (s *Source) InstalledLocations(ctx context.Context, p InstalledLocationsParams) iter.Seq2[InstalledLocation, error] {
	return func(yield func(InstalledLocation, error) bool) {
		seen := map[int]bool{}
		for p.Skip >= 0 && !seen[p.Skip] {
			seen[p.Skip] = true
			page, err := s.InstalledLocationsPage(ctx, p)
			if err != nil {
				yield(InstalledLocation{}, err)
				return
			}
			for _, l := range page.Locations {
				if !yield(l, nil) {
					return
				}
			}
			p.Skip = page.Next
		}
	}
}

// InstalledLocationsPage fetches one page of InstalledLocations, from p.Skip: for callers that checkpoint. A
// 401 about the agency token refreshes it once and reads again; a 401 about the scope (oauth.readonly
// missing) matches api.ErrScope and is not retried.
//
// https://marketplace.gohighlevel.com/docs/ghl/oauth/get-installed-location
//
//ghl:operation GET /oauth/installedLocations
func (s *Source) InstalledLocationsPage(ctx context.Context, p InstalledLocationsParams) (*InstalledLocationsPage, error) {
	switch {
	case s.key.UserType != Company:
		return nil, invalid("Source", "is a Location source: installed locations are listed with the agency (Company) token")
	case p.AppID == "":
		return nil, invalid("AppID", "is empty: pass the app's ID (the appId of its webhook deliveries)")
	case p.Skip < 0:
		return nil, invalid("Skip", "is negative")
	case p.Limit < 0:
		return nil, invalid("Limit", "is negative")
	}
	if p.Limit == 0 {
		p.Limit = DefaultInstalledLocationsLimit
	}
	q := url.Values{"companyId": {s.key.ID}, "appId": {p.AppID}, "skip": {strconv.Itoa(p.Skip)}, "limit": {strconv.Itoa(p.Limit)}}
	if p.VersionID != "" {
		q.Set("versionId", p.VersionID)
	}
	if p.Query != "" {
		q.Set("query", p.Query)
	}
	if p.IsInstalled != nil {
		q.Set("isInstalled", strconv.FormatBool(*p.IsInstalled))
	}
	tok, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	body, err := s.app.getInstalled(ctx, s.key, tok.AccessToken, q)
	var oe *OAuthError
	if errors.As(err, &oe) && oe.StatusCode == http.StatusUnauthorized && !oe.scope() {
		// A rejected agency token is refreshed once and the read sent again, as for any API call.
		if tok, err = s.refresh(ctx, tok.AccessToken); err != nil {
			return nil, err
		}
		body, err = s.app.getInstalled(ctx, s.key, tok.AccessToken, q)
	}
	if err != nil {
		return nil, err
	}
	return decodeInstalled(body, p)
}

func (a *App) getInstalled(ctx context.Context, key Key, bearer string, q url.Values) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.baseURL()+"/oauth/installedLocations?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("auth: %s for %s: %w", opInstalledLocations, key, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Version", apiVersion)
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := a.httpClient().Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("auth: %s for %s: %s", opInstalledLocations, key, scrub(err.Error(), a.ClientSecret, bearer))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBytes))
	if err != nil {
		return nil, fmt.Errorf("auth: %s for %s: reading the answer (%d): %w", opInstalledLocations, key, resp.StatusCode, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		code, desc := parseErrorBody(body)
		return nil, &OAuthError{Op: opInstalledLocations, Key: key, StatusCode: resp.StatusCode, Code: code,
			Description: scrub(desc, a.ClientSecret, bearer)}
	}
	return body, nil
}

// decodeInstalled reads a page tolerantly: one odd installedAt does not cost the page.
func decodeInstalled(body []byte, p InstalledLocationsParams) (*InstalledLocationsPage, error) {
	var raw struct {
		Locations []json.RawMessage `json:"locations"`
		Count     any               `json:"count"`
		Future    bool              `json:"installToFutureLocations"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("auth: %s: %s", opInstalledLocations, jsonProblem(err))
	}
	page := &InstalledLocationsPage{InstallToFutureLocations: raw.Future, Next: -1}
	if n, ok := raw.Count.(float64); ok {
		page.Count = int(n)
	}
	for _, r := range raw.Locations {
		var l InstalledLocation
		_ = json.Unmarshal(r, &l) // a field of an odd type stays zero; the rest decodes
		var at struct {
			InstalledAt string `json:"installedAt"`
		}
		if json.Unmarshal(r, &at) == nil && at.InstalledAt != "" {
			l.InstalledAt, _ = time.Parse(time.RFC3339Nano, at.InstalledAt)
		}
		if l.ID == "" {
			continue // not a location HighLevel could name again
		}
		page.Locations = append(page.Locations, l)
	}
	if next := p.Skip + len(raw.Locations); len(raw.Locations) > 0 && next < page.Count {
		page.Next = next
	}
	return page, nil
}
