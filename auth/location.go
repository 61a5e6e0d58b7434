package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// ForLocation returns the token source of locationID. On an agency (Company) source it is a Source that
// mints the location's token from the agency token (POST /oauth/locationToken), keeps it in the same Store under
// the location's key and refreshes it like any other; concurrent mints for one location are made once. On a
// Location source it is the source itself for its own location, and a source that fails for any other.
// ghl's Client.ForLocation calls it.
//
// Scopes: the agency token needs oauth.write to mint (ask for AgencyScopes). Without it HighLevel answers 401
// "not authorized for this scope" and the error matches api.ErrScope; nothing is refreshed or resent.
func (s *Source) ForLocation(locationID string) TokenSource {
	if locationID == "" {
		return failing{invalid("locationID", "is empty")}
	}
	if s.key.UserType != Company {
		if locationID == s.key.ID {
			return s
		}
		return failing{fmt.Errorf("auth: the token of location %s cannot act for location %s; build the client on an agency token", s.key.ID, locationID)}
	}
	s.locMu.Lock()
	defer s.locMu.Unlock()
	if src, ok := s.locs[locationID]; ok {
		return src
	}
	if s.locs == nil {
		s.locs = map[string]*Source{}
	}
	src := &Source{app: s.app, store: s.store, parent: s,
		key: Key{ClientID: s.key.ClientID, UserType: Location, ID: locationID}}
	s.locs[locationID] = src
	return src
}

// mint gets a location token from the agency token. A 401 about the agency token refreshes it and mints once
// more; nothing else is resent.
func (s *Source) mint(ctx context.Context) (*Token, error) {
	company, err := s.parent.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: agency token for minting %s: %w", s.key, err)
	}
	tok, err := s.app.mintLocation(ctx, s.key, company, s.key.ID)
	var oe *OAuthError
	if errors.As(err, &oe) && oe.StatusCode == http.StatusUnauthorized && !oe.scope() {
		if company, err = s.parent.refresh(ctx, company.AccessToken); err != nil {
			return nil, fmt.Errorf("auth: agency token for minting %s: %w", s.key, err)
		}
		tok, err = s.app.mintLocation(ctx, s.key, company, s.key.ID)
	}
	return tok, err
}

// failing is a token source that always fails with the same error.
type failing struct{ err error }

func (f failing) Token(context.Context) (string, error) { return "", f.err }
