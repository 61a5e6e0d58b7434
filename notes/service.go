package notes

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Service calls HighLevel's endpoints for the notes of a contact. Get one from ghl.Client.
type Service struct{ t *transport.Client }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service { return &Service{t: t} }

func init() { registry.Register(newService) }

// List returns every note of a contact. HighLevel does not page this list: one call returns all of them. A
// contact that does not exist is an error matching ghl.ErrNotFound, not an empty list.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-all-notes
//
//ghl:operation GET /contacts/{contactId}/notes
func (s *Service) List(ctx context.Context, contactID string, opts ...option.RequestOption) ([]Note, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	var out struct {
		Notes []*Note `json:"notes"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("contacts", contactID, "notes"), Kind: transport.Read}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	list := make([]Note, 0, len(out.Notes))
	for _, n := range out.Notes {
		if n != nil {
			list = append(list, *n)
		}
	}
	return list, nil
}

// Get returns one note of a contact. A missing contact or note is an error matching ghl.ErrNotFound.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-note
//
//ghl:operation GET /contacts/{contactId}/notes/{id}
func (s *Service) Get(ctx context.Context, contactID, noteID string, opts ...option.RequestOption) (*Note, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, noteID); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodGet, transport.Path("contacts", contactID, "notes", noteID), transport.Read, nil)
}

// Create adds a note to a contact. Body is checked before anything is sent. A create is never resent once it
// may have reached HighLevel. When it fails in a way that leaves open whether HighLevel made the note (a 5xx, a
// connection lost in flight, a success answer whose body was cut short), Create lists the contact's notes and
// returns the one made since the create started with the same body. When it cannot tell, the error matches
// ghl.ErrOutcomeUnknown: the note may exist, and sending the create again may duplicate it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/create-note
//
//ghl:operation POST /contacts/{contactId}/notes
func (s *Service) Create(ctx context.Context, contactID string, p CreateParams, opts ...option.RequestOption) (*Note, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	start := s.t.Now()
	created, err := s.one(ctx, http.MethodPost, transport.Path("contacts", contactID, "notes"), transport.Create, p)
	if err != nil && errors.Is(err, transport.ErrOutcomeUnknown) {
		return s.recoverCreate(ctx, contactID, &p, start, err)
	}
	return created, err
}

// Update changes the fields of a note that p sets and returns the note as HighLevel stored it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/update-note
//
//ghl:operation PUT /contacts/{contactId}/notes/{id}
func (s *Service) Update(ctx context.Context, contactID, noteID string, p UpdateParams, opts ...option.RequestOption) (*Note, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, noteID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPut, transport.Path("contacts", contactID, "notes", noteID), transport.Idempotent, p)
}

// Delete removes a note. A missing contact or note is an error matching ghl.ErrNotFound, except on a resent
// request: when an attempt failed on the way back and the next one finds the note gone, Delete reports success.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-note
//
//ghl:operation DELETE /contacts/{contactId}/notes/{id}
func (s *Service) Delete(ctx context.Context, contactID, noteID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, noteID); err != nil {
		return err
	}
	var out struct {
		Succeded *bool `json:"succeded"` // sic: HighLevel's spelling
	}
	req := &transport.Request{Method: http.MethodDelete, Path: transport.Path("contacts", contactID, "notes", noteID), Kind: transport.Idempotent}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return goneOnRetry(err)
	}
	if out.Succeded != nil && !*out.Succeded {
		return fmt.Errorf("ghl: DELETE %s: HighLevel answered succeded: false", req.Path)
	}
	return nil
}

func requireIDs(contactID, noteID string) error {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	return transport.RequireID("noteID", noteID)
}

// one sends a request answered with {"note": …}.
func (s *Service) one(ctx context.Context, method, path string, kind transport.Kind, body any) (*Note, error) {
	var out struct {
		Note *Note `json:"note"`
	}
	if _, err := s.t.Do(ctx, &transport.Request{Method: method, Path: path, Body: body, Kind: kind}, &out); err != nil {
		return nil, err
	}
	if out.Note == nil || out.Note.ID == "" {
		return nil, noRecord(method, path, kind)
	}
	return out.Note, nil
}

// noRecord is the error for a success answer without the record it should hold. For a read that is a missing
// record; after a create the note was probably made, so the outcome is unknown rather than failed.
func noRecord(method, path string, kind transport.Kind) error {
	switch kind {
	case transport.Read:
		return fmt.Errorf("ghl: %s %s: the answer holds no note: %w", method, path, transport.ErrNotFound)
	case transport.Create:
		return fmt.Errorf("ghl: %s %s: the answer holds no note; it may have been created: %w", method, path, transport.ErrOutcomeUnknown)
	}
	return fmt.Errorf("ghl: %s %s: the answer holds no note", method, path)
}

// goneOnRetry turns "not found" on a resent deletion into success: the attempt before it failed on the way
// back (a gateway error, a dropped connection) after HighLevel had deleted the note, which is what the caller
// asked for.
func goneOnRetry(err error) error {
	var apiErr *transport.Error
	if errors.As(err, &apiErr) && apiErr.Attempts > 1 && apiErr.Is(transport.ErrNotFound) {
		return nil
	}
	return err
}
