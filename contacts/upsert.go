package contacts

import (
	"context"
	"net/http"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// UpsertResult is the contact an upsert created or updated.
type UpsertResult struct {
	Contact Contact
	// New is true when the upsert created the contact, false when it updated an existing one.
	New bool
	// TraceID is HighLevel's trace ID of the request, when it sent one.
	TraceID string
}

// Upsert creates a contact, or updates the one that has the same email or phone by the location's duplicate
// rule. It is safe to retry: a repeated upsert finds the contact the first one made.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/upsert-contact
//
//ghl:operation POST /contacts/upsert
func (s *Service) Upsert(ctx context.Context, params UpsertParams, opts ...option.RequestOption) (*UpsertResult, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := params.check(s.t); err != nil {
		return nil, err
	}
	var out struct {
		New     bool     `json:"new"`
		Contact *Contact `json:"contact"`
		TraceID string   `json:"traceId"`
	}
	path := transport.Path("contacts", "upsert")
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: path, Body: &params, Kind: transport.Idempotent,
	}, &out); err != nil {
		return nil, err
	}
	c, err := answered(out.Contact, http.MethodPost, path)
	if err != nil {
		return nil, err
	}
	return &UpsertResult{Contact: *c, New: out.New, TraceID: out.TraceID}, nil
}
