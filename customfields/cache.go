package customfields

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Cache maps the names and field keys of a location's custom fields to the fields, so that a mapping written
// by a person ("Company Size", "contact.company_size") resolves to the ID a contact's customFields take. It
// loads the location's fields on first use and keeps them until Refresh; it is safe for concurrent use, and
// concurrent first uses load once.
type Cache struct {
	svc   *Service
	model string

	loadMu sync.Mutex // held while loading, so that concurrent first uses share one List
	mu     sync.RWMutex
	loaded bool
	byID   map[string]Field
	byKey  map[string]Field    // lowercased field key
	byName map[string][]string // lowercased, trimmed name → IDs, in HighLevel's order
}

// NewCache returns a cache of the custom fields of model (ModelContact when empty) that svc's location has;
// use client.ForLocation(id).CustomFields for another location's.
func NewCache(svc *Service, model string) *Cache {
	if model == "" {
		model = ModelContact
	}
	return &Cache{svc: svc, model: model}
}

// Refresh loads the fields again, for a location whose fields changed since the cache loaded them. On
// failure the cache keeps what it had. opts apply to the List request.
func (c *Cache) Refresh(ctx context.Context, opts ...option.RequestOption) error {
	c.loadMu.Lock()
	defer c.loadMu.Unlock()
	return c.load(ctx, opts)
}

func (c *Cache) load(ctx context.Context, opts []option.RequestOption) error {
	fields, err := c.svc.List(ctx, ListParams{Model: c.model}, opts...)
	if err != nil {
		return err
	}
	byID, byKey, byName := map[string]Field{}, map[string]Field{}, map[string][]string{}
	for _, f := range fields {
		byID[f.ID] = f
		if f.FieldKey != "" {
			byKey[strings.ToLower(f.FieldKey)] = f
		}
		name := normalName(f.Name)
		byName[name] = append(byName[name], f.ID)
	}
	c.mu.Lock()
	c.loaded, c.byID, c.byKey, c.byName = true, byID, byKey, byName
	c.mu.Unlock()
	return nil
}

func (c *Cache) ensure(ctx context.Context, opts []option.RequestOption) error {
	c.mu.RLock()
	loaded := c.loaded
	c.mu.RUnlock()
	if loaded {
		return nil
	}
	c.loadMu.Lock()
	defer c.loadMu.Unlock()
	c.mu.RLock()
	loaded = c.loaded
	c.mu.RUnlock()
	if loaded {
		return nil
	}
	return c.load(ctx, opts)
}

// Lookup finds a field by, in this order, its ID, its field key ("contact.company_size", any case), its key
// without the model ("company_size"), or its name (any case, surrounding space aside). A name that two fields
// share is an *AmbiguousError; a reference that names no field is an error matching ghl.ErrNotFound. opts
// apply to the List request of the first use; a lookup the cache answers sends nothing.
func (c *Cache) Lookup(ctx context.Context, ref string, opts ...option.RequestOption) (Field, error) {
	if err := transport.RequireID("ref", ref); err != nil {
		return Field{}, err
	}
	if err := c.ensure(ctx, opts); err != nil {
		return Field{}, err
	}
	ref = strings.TrimSpace(ref)
	c.mu.RLock()
	defer c.mu.RUnlock()
	if f, ok := c.byID[ref]; ok {
		return f, nil
	}
	key := strings.ToLower(ref)
	if f, ok := c.byKey[key]; ok {
		return f, nil
	}
	if f, ok := c.byKey[c.model+"."+key]; ok {
		return f, nil
	}
	switch ids := c.byName[normalName(ref)]; len(ids) {
	case 0:
		return Field{}, fmt.Errorf("ghl: no %s custom field is named or keyed %q (Refresh if it is new): %w", c.model, ref, transport.ErrNotFound)
	case 1:
		return c.byID[ids[0]], nil
	default:
		return Field{}, &AmbiguousError{Ref: ref, IDs: append([]string(nil), ids...)}
	}
}

// ID is Lookup's field's ID.
func (c *Cache) ID(ctx context.Context, ref string, opts ...option.RequestOption) (string, error) {
	f, err := c.Lookup(ctx, ref, opts...)
	return f.ID, err
}

// AmbiguousError is a name that several custom fields share: refer to one by its field key or ID instead.
type AmbiguousError struct {
	Ref string
	IDs []string
}

// Error names the fields that share the name.
func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("ghl: %d custom fields are named %q (%s): use a field key or an ID", len(e.IDs), e.Ref, strings.Join(e.IDs, ", "))
}

// Is matches ghl.ErrInvalidArgument: the reference, not HighLevel, is at fault.
func (e *AmbiguousError) Is(target error) bool { return target == transport.ErrInvalidArgument }

func normalName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
