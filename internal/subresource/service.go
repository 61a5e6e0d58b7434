package subresource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
)

// Service sends the requests of one kind of per-contact record T.
type Service[T any] struct {
	t      *transport.Client
	plural string // the path segment and the key of the list answer: "tasks"
	noun   string // the key of a one-record answer, and the word errors use: "task"
	idName string // the Go parameter that names a record, for argument errors: "taskID"
	id     func(*T) string
	many   reflect.Type // the list answer's envelope, {"tasks": […]}, built once from the name
}

// New returns the Service for records T of a contact served at /contacts/{contactId}/<plural>. noun is the
// key of a one-record answer, idName the Go parameter that names a record, and id reads a record's ID.
func New[T any](t *transport.Client, plural, noun, idName string, id func(*T) string) *Service[T] {
	return &Service[T]{
		t: t, plural: plural, noun: noun, idName: idName, id: id,
		many: envelope.Of(plural, reflect.TypeFor[[]*T]()),
	}
}

// List returns every record of a contact; HighLevel does not page these lists. A null entry is dropped.
func (s *Service[T]) List(ctx context.Context, contactID string) ([]T, error) {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	out := reflect.New(s.many)
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("contacts", contactID, s.plural), Kind: transport.Read}
	if _, err := s.t.Do(ctx, req, out.Interface()); err != nil {
		return nil, err
	}
	return wire.Present(out.Elem().Field(0).Interface().([]*T)), nil
}

// Get returns one record of a contact.
func (s *Service[T]) Get(ctx context.Context, contactID, id string) (*T, error) {
	if err := s.requireIDs(contactID, id); err != nil {
		return nil, err
	}
	return s.send(ctx, http.MethodGet, s.path(contactID, id), transport.Read, nil)
}

// Create adds a record to a contact once validate passes. A create is never resent once it may have reached
// HighLevel; when it fails in a way that leaves open whether the record was made, Create returns what
// recoverCreate finds, given the time the create started and its error.
func (s *Service[T]) Create(ctx context.Context, contactID string, validate func() error, body any, recoverCreate settle.Lookup[T]) (*T, error) {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	if err := validate(); err != nil {
		return nil, err
	}
	start := s.t.Now()
	created, err := s.send(ctx, http.MethodPost, transport.Path("contacts", contactID, s.plural), transport.Create, body)
	if err != nil && errors.Is(err, transport.ErrOutcomeUnknown) {
		return recoverCreate(ctx, start, err)
	}
	return created, err
}

// Lookup is the recoverCreate of a Create for contactID: it lists the contact's records and returns the one
// pick finds among them, given how old a record may be and still count as the create's (its start less
// settle.Window). pick returns the record, or nil and how many records matched when that is not exactly one;
// rule says in errors what a match shares with the create ("with this body").
func (s *Service[T]) Lookup(contactID, rule string, pick func(list []T, since time.Time) (found *T, matches int)) settle.Lookup[T] {
	return func(ctx context.Context, start time.Time, createErr error) (*T, error) {
		list, err := s.List(ctx, contactID)
		if err != nil {
			return nil, s.unknownOutcome(createErr, err, 0, rule)
		}
		found, matches := pick(list, start.Add(-settle.Window))
		if found != nil {
			return found, nil
		}
		return nil, s.unknownOutcome(createErr, nil, matches, rule)
	}
}

// unknownOutcome is the error of a create whose outcome listing the contact's records could not settle: the
// list failed (lookupErr), or it holds matches records made since the create started that match by rule.
func (s *Service[T]) unknownOutcome(createErr, lookupErr error, matches int, rule string) error {
	reason := fmt.Sprintf("the contact's %s hold no recent one %s", s.plural, rule)
	if matches > 1 {
		reason = fmt.Sprintf("the contact has %d recent %s %s", matches, s.plural, rule)
	}
	return &api.UnknownOutcomeError{Record: s.noun, Err: createErr, LookedUp: true, LookupErr: lookupErr, Reason: reason}
}

// Update sends body with PUT to the record's path, extended by the segments in sub, once validate passes,
// and returns the record as HighLevel stored it.
func (s *Service[T]) Update(ctx context.Context, contactID, id string, validate func() error, body any, sub ...string) (*T, error) {
	if err := s.requireIDs(contactID, id); err != nil {
		return nil, err
	}
	if err := validate(); err != nil {
		return nil, err
	}
	return s.send(ctx, http.MethodPut, s.path(contactID, id, sub...), transport.Idempotent, body)
}

// Delete removes a record. Not found is success on a resent request: the attempt before it failed on the way
// back (a gateway error, a dropped connection) after HighLevel had deleted the record, which is what the
// caller asked for.
func (s *Service[T]) Delete(ctx context.Context, contactID, id string) error {
	if err := s.requireIDs(contactID, id); err != nil {
		return err
	}
	req := &transport.Request{Method: http.MethodDelete, Path: s.path(contactID, id), Kind: transport.Idempotent}
	err := envelope.Delete(ctx, s.t, req, "succeded") // sic: HighLevel's spelling
	var apiErr *transport.Error
	if errors.As(err, &apiErr) && apiErr.Attempts > 1 && apiErr.Is(transport.ErrNotFound) {
		return nil
	}
	return err
}

func (s *Service[T]) requireIDs(contactID, id string) error {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	return transport.RequireID(s.idName, id)
}

func (s *Service[T]) path(contactID, id string, sub ...string) string {
	return transport.Path(append([]string{"contacts", contactID, s.plural, id}, sub...)...)
}

// send sends a request answered with one record.
func (s *Service[T]) send(ctx context.Context, method, path string, kind transport.Kind, body any) (*T, error) {
	return envelope.One(ctx, s.t, &transport.Request{Method: method, Path: path, Body: body, Kind: kind}, s.noun, s.noun, s.id)
}
