package notes

import (
	"context"

	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/subresource"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Service calls HighLevel's endpoints for the notes of a contact. Get one from ghl.Client.
type Service struct{ s *subresource.Service[Note] }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service {
	return &Service{s: subresource.New(t, "notes", "note", "noteID", func(r *Note) string { return r.ID })}
}

func init() { registry.Register(newService) }

// List returns every note of a contact. HighLevel does not page this list: one call returns all of them. A
// contact that does not exist is an error matching ghl.ErrNotFound, not an empty list.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-all-notes
//
//ghl:operation GET /contacts/{contactId}/notes
func (s *Service) List(ctx context.Context, contactID string, opts ...option.RequestOption) ([]Note, error) {
	return s.s.List(transport.WithOptions(ctx, opts), contactID)
}

// Get returns one note of a contact. A missing contact or note is an error matching ghl.ErrNotFound.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-note
//
//ghl:operation GET /contacts/{contactId}/notes/{id}
func (s *Service) Get(ctx context.Context, contactID, noteID string, opts ...option.RequestOption) (*Note, error) {
	return s.s.Get(transport.WithOptions(ctx, opts), contactID, noteID)
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
	return s.s.Create(transport.WithOptions(ctx, opts), contactID, p.validate, p, s.recoverCreate(contactID, &p))
}

// Update changes the fields of a note that p sets and returns the note as HighLevel stored it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/update-note
//
//ghl:operation PUT /contacts/{contactId}/notes/{id}
func (s *Service) Update(ctx context.Context, contactID, noteID string, p UpdateParams, opts ...option.RequestOption) (*Note, error) {
	return s.s.Update(transport.WithOptions(ctx, opts), contactID, noteID, p.validate, p)
}

// Delete removes a note. A missing contact or note is an error matching ghl.ErrNotFound, except on a resent
// request: when an attempt failed on the way back and the next one finds the note gone, Delete reports success.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-note
//
//ghl:operation DELETE /contacts/{contactId}/notes/{id}
func (s *Service) Delete(ctx context.Context, contactID, noteID string, opts ...option.RequestOption) error {
	return s.s.Delete(transport.WithOptions(ctx, opts), contactID, noteID)
}
