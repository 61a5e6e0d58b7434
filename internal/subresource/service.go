package subresource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// Service sends the requests of one kind of per-contact record T.
type Service[T any] struct {
	t      *transport.Client
	plural string // the path segment and the key of the list answer: "tasks"
	noun   string // the key of a one-record answer, and the word errors use: "task"
	idName string // the Go parameter that names a record, for argument errors: "taskID"
	id     func(*T) string
	// one and many are the answers' envelopes, {"task": …} and {"tasks": […]}: struct types built once from
	// the names, so encoding/json decodes them exactly as it would a hand-written struct.
	one, many reflect.Type
}

// New returns the Service for records T of a contact served at /contacts/{contactId}/<plural>. noun is the
// key of a one-record answer, idName the Go parameter that names a record, and id reads a record's ID.
func New[T any](t *transport.Client, plural, noun, idName string, id func(*T) string) *Service[T] {
	return &Service[T]{
		t: t, plural: plural, noun: noun, idName: idName, id: id,
		one:  envelope(noun, reflect.TypeFor[*T]()),
		many: envelope(plural, reflect.TypeFor[[]*T]()),
	}
}

func envelope(key string, field reflect.Type) reflect.Type {
	return reflect.StructOf([]reflect.StructField{{Name: "V", Type: field, Tag: reflect.StructTag(`json:"` + key + `"`)}})
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
	got := out.Elem().Field(0).Interface().([]*T)
	list := make([]T, 0, len(got))
	for _, r := range got {
		if r != nil {
			list = append(list, *r)
		}
	}
	return list, nil
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
func (s *Service[T]) Create(ctx context.Context, contactID string, validate func() error, body any,
	recoverCreate func(ctx context.Context, start time.Time, createErr error) (*T, error)) (*T, error) {
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
	var out struct {
		Succeded *bool `json:"succeded"` // sic: HighLevel's spelling
	}
	req := &transport.Request{Method: http.MethodDelete, Path: s.path(contactID, id), Kind: transport.Idempotent}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		var apiErr *transport.Error
		if errors.As(err, &apiErr) && apiErr.Attempts > 1 && apiErr.Is(transport.ErrNotFound) {
			return nil
		}
		return err
	}
	if out.Succeded != nil && !*out.Succeded {
		return fmt.Errorf("ghl: DELETE %s: HighLevel answered succeded: false", req.Path)
	}
	return nil
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
	out := reflect.New(s.one)
	if _, err := s.t.Do(ctx, &transport.Request{Method: method, Path: path, Body: body, Kind: kind}, out.Interface()); err != nil {
		return nil, err
	}
	rec := out.Elem().Field(0).Interface().(*T)
	if rec == nil || s.id(rec) == "" {
		return nil, s.noRecord(method, path, kind)
	}
	return rec, nil
}

// noRecord is the error for a success answer without the record it should hold. For a read that is a missing
// record; after a create the record was probably made, so the outcome is unknown rather than failed.
func (s *Service[T]) noRecord(method, path string, kind transport.Kind) error {
	switch kind {
	case transport.Read:
		return fmt.Errorf("ghl: %s %s: the answer holds no %s: %w", method, path, s.noun, transport.ErrNotFound)
	case transport.Create:
		return fmt.Errorf("ghl: %s %s: the answer holds no %s; it may have been created: %w", method, path, s.noun, transport.ErrOutcomeUnknown)
	}
	return fmt.Errorf("ghl: %s %s: the answer holds no %s", method, path, s.noun)
}
