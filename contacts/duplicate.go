package contacts

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// DuplicateParams names what to look a contact up by. Email or Phone is required; with both, HighLevel
// follows the location's duplicate rule (email first, then phone).
type DuplicateParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	Email      string
	Phone      string
}

// FindDuplicate returns the contact HighLevel would treat as a duplicate of one with the given email or
// phone, or nil (and no error) when there is none.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/get-duplicate-contact
//
//ghl:operation GET /contacts/search/duplicate
func (s *Service) FindDuplicate(ctx context.Context, params DuplicateParams, opts ...option.RequestOption) (*Contact, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := locationOr(params.LocationID, s.t)
	if err != nil {
		return nil, err
	}
	email, phone := strings.TrimSpace(params.Email), strings.TrimSpace(params.Phone)
	if email == "" && phone == "" {
		return nil, transport.InvalidArgument("Email", "is required when Phone is empty")
	}
	q := url.Values{"locationId": {loc}}
	if email != "" {
		q.Set("email", email)
	}
	if phone != "" {
		q.Set("number", phone)
	}
	var out contactAnswer
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodGet, Path: transport.Path("contacts", "search", "duplicate"), Query: q, Kind: transport.Read,
	}, &out); err != nil {
		return nil, err
	}
	if out.Contact == nil || out.Contact.ID == "" {
		return nil, nil
	}
	return out.Contact, nil
}

// DuplicateOf reports the ID of the existing contact when err is HighLevel's refusal to create or update a
// contact that would duplicate it (400 "This location does not allow duplicated contacts.", whose meta names
// the contact and the matching field).
func DuplicateOf(err error) (contactID, matchingField string, ok bool) {
	var apiErr *transport.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return "", "", false
	}
	var body struct {
		Meta struct {
			ContactID     string `json:"contactId"`
			MatchingField string `json:"matchingField"`
		} `json:"meta"`
	}
	if json.Unmarshal(apiErr.Body, &body) != nil || body.Meta.ContactID == "" {
		return "", "", false
	}
	return body.Meta.ContactID, body.Meta.MatchingField, true
}
