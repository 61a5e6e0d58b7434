package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// contactAnswer is the answer of get, create and update: {"contact": {...}}.
type contactAnswer struct {
	Contact *Contact `json:"contact"`
}

// Get returns one contact. A contact that does not exist is an error matching ghl.ErrNotFound (HighLevel
// answers 400 "Contact not found").
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/get-contact
//
//ghl:operation GET /contacts/{contactId}
func (s *Service) Get(ctx context.Context, contactID string, opts ...option.RequestOption) (*Contact, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	path := transport.Path("contacts", contactID)
	// The answer is taken raw and read in one pass: decoding into contactAnswer would scan the contact three
	// times (the answer's validity, the skip over the contact, the contact's own validity) before decoding it.
	var body json.RawMessage
	if _, err := s.t.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Kind: transport.Read}, &body); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return answered(nil, http.MethodGet, path)
	}
	c, err := decodeAnswer(body, "contact")
	if err != nil {
		return nil, &transport.DecodeError{Method: http.MethodGet, Path: path, Err: err}
	}
	return answered(c, http.MethodGet, path)
}

// Delete deletes a contact. A retry that finds the contact already gone counts as success: the first attempt
// deleted it.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-contact
//
//ghl:operation DELETE /contacts/{contactId}
func (s *Service) Delete(ctx context.Context, contactID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodDelete, Path: transport.Path("contacts", contactID), Kind: transport.Idempotent,
	}, nil)
	var apiErr *transport.Error
	if errors.As(err, &apiErr) && apiErr.Attempts > 1 && errors.Is(err, transport.ErrNotFound) {
		return nil
	}
	return err
}

// answered returns c, or an error when a 2xx answer carried no contact.
func answered(c *Contact, method, path string) (*Contact, error) {
	if c == nil {
		return nil, &transport.DecodeError{Method: method, Path: path, Err: errNoContact}
	}
	return c, nil
}

var errNoContact = errors.New("the answer has no contact")
