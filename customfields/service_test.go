package customfields

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListAndGet(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	size := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Company Size", DataType: "NUMERICAL"})
	e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Industry", DataType: "SINGLE_OPTIONS",
		PicklistOptions: []string{"Energy", "Software"}, Position: 1})
	e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Deal Source", Model: "opportunity", Position: 2})

	all, err := e.Svc.List(ctx, ListParams{})
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, Field{ID: size.ID, LocationID: e.Loc, Name: "Company Size", FieldKey: "contact.company_size",
		DataType: "NUMERICAL", Model: "contact", Raw: all[0].Raw}, all[0])
	assert.Equal(t, []string{"Energy", "Software"}, all[1].Options)

	contactsOnly, err := e.Svc.List(ctx, ListParams{Model: ModelContact})
	require.NoError(t, err)
	assert.Len(t, contactsOnly, 2)

	for _, ref := range []string{size.ID, "contact.company_size"} {
		f, err := e.Svc.Get(ctx, ref)
		require.NoError(t, err)
		assert.Equal(t, size.ID, f.ID)
	}
	_, err = e.Svc.Get(ctx, "contact.nope")
	assert.ErrorIs(t, err, transport.ErrNotFound)
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	_, err := e.Svc.List(context.Background(), ListParams{Model: "contacts"})
	var argErr *transport.ArgumentError
	require.True(t, errors.As(err, &argErr))
	assert.Equal(t, "Model", argErr.Field)
	_, err = e.Svc.Get(context.Background(), " ")
	require.True(t, errors.As(err, &argErr))
	assert.Equal(t, "idOrKey", argErr.Field)
	assert.Empty(t, e.Srv.Requests())
}

func TestDecodeToleratesOddShapes(t *testing.T) {
	svc, _ := scripted(t, http.StatusOK, `{"customFields":[{"id":"f1","name":"A","position":"x","picklistOptions":"one"},null,
		{"_id":"f2","name":"B","picklistOptions":["x",2,"y"],"position":3}]}`)
	list, err := svc.List(context.Background(), ListParams{LocationID: "loc"})
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Zero(t, list[0].Position)
	assert.Nil(t, list[0].Options)
	assert.Equal(t, "f2", list[1].ID)
	assert.Equal(t, []string{"x", "y"}, list[1].Options)
	assert.Equal(t, 3, list[1].Position)
}

func TestCacheResolvesNamesAndKeys(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	size := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Company Size"})
	dupA := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Notes", FieldKey: "contact.notes_a"})
	dupB := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "notes ", FieldKey: "contact.notes_b"})
	opp := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Stage Reason", Model: "opportunity"})
	cache := NewCache(e.Svc, "")
	tests := []struct {
		ref     string
		want    string
		wantErr error
	}{
		{size.ID, size.ID, nil},
		{"contact.company_size", size.ID, nil},
		{"CONTACT.Company_Size", size.ID, nil},
		{"company_size", size.ID, nil},
		{"Company Size", size.ID, nil},
		{"  company   size ", size.ID, nil},
		{"contact.notes_b", dupB.ID, nil},
		{"Notes", "", transport.ErrInvalidArgument},
		{"Stage Reason", "", transport.ErrNotFound},
		{"nothing", "", transport.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			id, err := cache.ID(ctx, tt.ref)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, id)
		})
	}
	var amb *AmbiguousError
	_, err := cache.ID(ctx, "Notes")
	require.True(t, errors.As(err, &amb))
	assert.ElementsMatch(t, []string{dupA.ID, dupB.ID}, amb.IDs)
	assert.Len(t, e.Srv.RequestsTo("GET", "/locations/{locationId}/customFields"), 1, "loaded once")

	oppCache := NewCache(e.Svc, ModelOpportunity)
	id, err := oppCache.ID(ctx, "stage reason")
	require.NoError(t, err)
	assert.Equal(t, opp.ID, id)
}

func TestCacheRefreshSeesNewFields(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	cache := NewCache(e.Svc, ModelContact)
	_, err := cache.ID(ctx, "Industry")
	require.ErrorIs(t, err, transport.ErrNotFound)
	industry := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Industry"})
	_, err = cache.ID(ctx, "Industry")
	assert.ErrorIs(t, err, transport.ErrNotFound, "the cache keeps what it loaded until Refresh")
	require.NoError(t, cache.Refresh(ctx))
	id, err := cache.ID(ctx, "Industry")
	require.NoError(t, err)
	assert.Equal(t, industry.ID, id)

	e.Srv.InjectFault("GET", "/locations/{locationId}/customFields", ghltest.Fault{Status: 400})
	require.Error(t, cache.Refresh(ctx))
	id, err = cache.ID(ctx, "Industry")
	require.NoError(t, err, "a failed refresh keeps the fields")
	assert.Equal(t, industry.ID, id)
}

func TestCacheLoadsOnceUnderConcurrentFirstUse(t *testing.T) {
	e := newEnv(t)
	f := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Company Size"})
	cache := NewCache(e.Svc, "")
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := cache.ID(context.Background(), "company size")
			assert.NoError(t, err)
			assert.Equal(t, f.ID, id)
		}()
	}
	wg.Wait()
	assert.Len(t, e.Srv.RequestsTo("GET", "/locations/{locationId}/customFields"), 1)
}

func TestRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/locations.json")
	e := newEnv(t)
	ctx := context.Background()
	f := e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Company Size"})
	_, err := e.Svc.List(ctx, ListParams{})
	require.NoError(t, err)
	_, err = e.Svc.List(ctx, ListParams{Model: ModelAll})
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, f.ID)
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, f.FieldKey)
	require.NoError(t, err)
	reqs := resourcetest.Recorded(e.Srv)
	assert.Equal(t, map[string]int{"get-custom-fields": 2, "get-custom-field": 2}, spec.CheckAll(t, reqs))
}

// The cache's calls take per-call options like every other call: they reach the List request it loads with,
// and a lookup it answers from memory sends nothing.
func TestCacheCallsTakeOptions(t *testing.T) {
	e := newEnv(t)
	e.Srv.AddCustomField(ghltest.CustomFieldDefinition{LocationID: e.Loc, Name: "Company Size"})
	ctx := context.Background()
	cache := NewCache(e.Svc, "")
	_, err := cache.ID(ctx, "company size", option.WithHeader("X-Request-Tag", "first-use"))
	require.NoError(t, err)
	_, err = cache.Lookup(ctx, "company size", option.WithHeader("X-Request-Tag", "from-memory"))
	require.NoError(t, err)
	require.NoError(t, cache.Refresh(ctx, option.WithHeader("X-Request-Tag", "refresh")))

	var tags []string
	for _, r := range e.Srv.RequestsTo("GET", "/locations/{locationId}/customFields") {
		tags = append(tags, r.Header.Get("X-Request-Tag"))
	}
	assert.Equal(t, []string{"first-use", "refresh"}, tags)
}
