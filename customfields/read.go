package customfields

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
	"github.com/ghlkit/ghl/option"
)

// version is the Version header the locations spec names for every operation.
const version = "2021-07-28"

// Models a listing can ask for.
const (
	ModelContact     = "contact"
	ModelOpportunity = "opportunity"
	ModelAll         = "all"
)

// ListParams selects the custom fields List returns.
type ListParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// Model is ModelContact, ModelOpportunity or ModelAll; empty leaves it to HighLevel.
	Model string
}

// List returns the custom fields of a location. HighLevel does not page this list. Scope:
// locations/customFields.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/locations/get-custom-fields
//
//ghl:operation GET /locations/{locationId}/customFields
func (s *Service) List(ctx context.Context, p ListParams, opts ...option.RequestOption) ([]Field, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := s.location(p.LocationID)
	if err != nil {
		return nil, err
	}
	var q url.Values
	switch p.Model {
	case "":
	case ModelContact, ModelOpportunity, ModelAll:
		q = url.Values{"model": {p.Model}}
	default:
		return nil, transport.InvalidArgument("Model", "must be contact, opportunity or all")
	}
	var out struct {
		CustomFields []*Field `json:"customFields"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("locations", loc, "customFields"), Query: q, Kind: transport.Read, Version: version}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return wire.Present(out.CustomFields), nil
}

// Get returns one custom field of the client's location by its ID or its field key ("contact.company_size"),
// as the spec allows both; client.ForLocation reaches another location's. A missing field is an error matching
// ghl.ErrNotFound. The spec names no scope for this read; locations/customFields.readonly is the one that fits.
//
// https://marketplace.gohighlevel.com/docs/ghl/locations/get-custom-field
//
//ghl:operation GET /locations/{locationId}/customFields/{id}
func (s *Service) Get(ctx context.Context, idOrKey string, opts ...option.RequestOption) (*Field, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("idOrKey", idOrKey); err != nil {
		return nil, err
	}
	loc, err := s.location("")
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("locations", loc, "customFields", idOrKey), Kind: transport.Read, Version: version}
	return envelope.One(ctx, s.t, req, "customField", "custom field", func(f *Field) string { return f.ID })
}

// location is id, or the client's location when id is empty.
func (s *Service) location(id string) (string, error) { return location.Or(s.t, id) }
