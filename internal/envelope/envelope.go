package envelope

import (
	"context"
	"fmt"
	"reflect"

	"github.com/ghlkit/ghl/internal/transport"
)

// One sends req and returns the record T its answer holds under key. An answer without one (no key, null, or
// a record whose id is empty) is an error that names noun: for a read it matches ErrNotFound; after a create
// the record was probably made, so it matches ErrOutcomeUnknown rather than saying the create failed.
func One[T any](ctx context.Context, t *transport.Client, req *transport.Request, key, noun string, id func(*T) string) (*T, error) {
	out := reflect.New(Of(key, reflect.TypeFor[*T]()))
	if _, err := t.Do(ctx, req, out.Interface()); err != nil {
		return nil, err
	}
	rec := out.Elem().Field(0).Interface().(*T)
	if rec == nil || id(rec) == "" {
		return nil, NoRecord(req, noun)
	}
	return rec, nil
}

// NoRecord is the error for a success answer to req without the record noun it should hold.
func NoRecord(req *transport.Request, noun string) error {
	switch req.Kind {
	case transport.Read:
		return fmt.Errorf("ghl: %s %s: the answer holds no %s: %w", req.Method, req.Path, noun, transport.ErrNotFound)
	case transport.Create:
		return fmt.Errorf("ghl: %s %s: the answer holds no %s; it may have been created: %w", req.Method, req.Path, noun, transport.ErrOutcomeUnknown)
	}
	return fmt.Errorf("ghl: %s %s: the answer holds no %s", req.Method, req.Path, noun)
}

// Delete sends req, a DELETE, and fails when HighLevel answers that it did not delete: flag is the key of
// the answer's success field, "success", "succeeded" or "succeded" as each API spells it. An answer without
// the flag is success.
func Delete(ctx context.Context, t *transport.Client, req *transport.Request, flag string) error {
	out := reflect.New(Of(flag, reflect.TypeFor[*bool]()))
	if _, err := t.Do(ctx, req, out.Interface()); err != nil {
		return err
	}
	if ok := out.Elem().Field(0).Interface().(*bool); ok != nil && !*ok {
		return fmt.Errorf("ghl: %s %s: HighLevel answered %s: false", req.Method, req.Path, flag)
	}
	return nil
}

// Of is the struct type with one field of type field under the JSON key key: the envelope {key: …} as a
// type, so that encoding/json decodes it exactly as it would a hand-written struct.
func Of(key string, field reflect.Type) reflect.Type {
	return reflect.StructOf([]reflect.StructField{{Name: "V", Type: field, Tag: reflect.StructTag(`json:"` + key + `"`)}})
}
