package appointments

import (
	"context"
	"net/http"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
	"github.com/ghlkit/ghl/option"
)

// List returns every appointment of a contact, as HighLevel orders them. HighLevel does not page this list:
// one call returns all of them. A contact that does not exist is an error matching ghl.ErrNotFound, not an
// empty list.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-appointments-for-contact
//
//ghl:operation GET /contacts/{contactId}/appointments
func (s *Service) List(ctx context.Context, contactID string, opts ...option.RequestOption) ([]Appointment, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	var out struct {
		Events []*Appointment `json:"events"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("contacts", contactID, "appointments"), Kind: transport.Read}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return wire.Present(out.Events), nil
}
