package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/customfields"
)

// customFieldRef is a --map target that names a custom field by its name or field key.
type customFieldRef struct {
	spec string // the --map argument, for errors
	ref  string
}

// mappingError is a --map target that names no custom field, or several, or a field another column fills:
// the command line is at fault, not HighLevel, so it is a usage error. spec is the --map argument at fault,
// when one is.
type mappingError struct {
	spec string
	err  error
}

func (e *mappingError) Error() string {
	if e.spec == "" {
		return e.err.Error()
	}
	return fmt.Sprintf("--map %q: %v", e.spec, e.err)
}

func (e *mappingError) Unwrap() error { return e.err }

// resolveCustomFields turns each pending --map target into the customField.ID target of the field it names,
// through id (a customfields.Cache's ID, which lists the location's fields once, on first use). Nothing is
// asked when no target is pending. A target that names no field, or a name that several fields share, is a
// *mappingError; a failure to list the fields is returned as it is.
func (m *columnMap) resolveCustomFields(ctx context.Context, id func(context.Context, string) (string, error)) error {
	cols := make([]int, 0, len(m.pending))
	for i := range m.pending {
		cols = append(cols, i)
	}
	slices.Sort(cols) // the first bad mapping on the command line's columns is the one named
	for _, i := range cols {
		p := m.pending[i]
		fieldID, err := id(ctx, p.ref)
		var ambiguous *customfields.AmbiguousError
		switch {
		case errors.As(err, &ambiguous):
			return &mappingError{spec: p.spec, err: err}
		case err != nil && isLookupMiss(err):
			return &mappingError{spec: p.spec, err: fmt.Errorf("%q is neither a contact field (%s) nor the name or key of one of the location's custom fields",
				p.ref, strings.Join(importFields, ", "))}
		case err != nil:
			return fmt.Errorf("looking up the custom field of --map %q: %w", p.spec, err)
		}
		m.targets[i] = customFieldPrefix + fieldID
		delete(m.pending, i)
	}
	if err := m.checkDuplicates(); err != nil {
		return &mappingError{err: err}
	}
	return nil
}

// isLookupMiss tells the cache's "no such field" from HighLevel's answers (a 404 for the location among them),
// which say nothing about the mapping.
func isLookupMiss(err error) bool {
	var apiErr *ghl.Error
	return errors.Is(err, ghl.ErrNotFound) && !errors.As(err, &apiErr)
}

// customFieldLookup is the ID lookup of the location's contact custom fields.
func customFieldLookup(client *ghl.Client) func(context.Context, string) (string, error) {
	cache := customfields.NewCache(client.CustomFields, customfields.ModelContact)
	return func(ctx context.Context, ref string) (string, error) { return cache.ID(ctx, ref) }
}
