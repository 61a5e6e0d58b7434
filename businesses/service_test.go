package businesses

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	made, err := e.Svc.Create(ctx, CreateParams{Name: "Acme Corp", Website: "https://acme.example", City: "Springfield"})
	require.NoError(t, err)
	assert.Equal(t, e.Loc, made.LocationID, "the client's location by default")
	stored, ok := e.Srv.Business(made.ID)
	require.True(t, ok)
	assert.Equal(t, "https://acme.example", stored.Website)

	got, err := e.Svc.Get(ctx, made.ID)
	require.NoError(t, err)
	assert.Equal(t, Business{ID: made.ID, LocationID: e.Loc, Name: "Acme Corp", Website: "https://acme.example",
		City: "Springfield", CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt, Raw: got.Raw}, *got)
	assert.True(t, stored.CreatedAt.Truncate(time.Millisecond).Equal(got.CreatedAt.Truncate(time.Millisecond)))

	updated, err := e.Svc.Update(ctx, made.ID, UpdateParams{Website: ptr(""), Country: ptr("US")})
	require.NoError(t, err)
	assert.Empty(t, updated.Website, "an empty string clears the field")
	assert.Equal(t, "US", updated.Country)
	assert.Equal(t, "Springfield", updated.City, "what the params leave out stays")

	require.NoError(t, e.Svc.Delete(ctx, made.ID))
	_, err = e.Svc.Get(ctx, made.ID)
	assert.ErrorIs(t, err, transport.ErrNotFound)
	assert.ErrorIs(t, e.Svc.Delete(ctx, made.ID), transport.ErrNotFound)
	for _, r := range e.Srv.Requests() {
		assert.Equal(t, "2021-07-28", r.Header.Get("Version"), "%s %s", r.Method, r.Route)
	}
}

func TestListPagesThroughTheLocation(t *testing.T) {
	e := newEnv(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5 {
		e.Srv.AddBusiness(ghltest.Business{LocationID: e.Loc, Name: fmt.Sprintf("B%d", i), CreatedAt: base.Add(time.Duration(i) * time.Hour)})
	}
	e.Srv.AddBusiness(ghltest.Business{LocationID: "other", Name: "Elsewhere"})
	var names []string
	for b, err := range e.Svc.ListAll(context.Background(), ListParams{Limit: 2}) {
		require.NoError(t, err)
		names = append(names, b.Name)
	}
	assert.Equal(t, []string{"B0", "B1", "B2", "B3", "B4"}, names)
	assert.Len(t, e.Srv.RequestsTo("GET", "/businesses/"), 3)

	page, err := e.Svc.List(context.Background(), ListParams{Limit: 2, Skip: 4})
	require.NoError(t, err)
	assert.Len(t, page.Businesses, 1)
	assert.Equal(t, -1, page.NextSkip)

	old, err := e.Svc.ListPage(context.Background(), ListParams{Limit: 2, Skip: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"B2", "B3"}, []string{old.Businesses[0].Name, old.Businesses[1].Name},
		"the deprecated ListPage is List")
	assert.Equal(t, 4, old.NextSkip)
}

// A server that ignores skip would page for ever; the iterator stops when a page repeats.
func TestListStopsOnARepeatedPage(t *testing.T) {
	svc, seen := scripted(t, http.StatusOK, `{"businesses":[{"id":"b1","name":"A"},{"id":"b2","name":"B"}]}`)
	n := 0
	for _, err := range svc.ListAll(context.Background(), ListParams{LocationID: "loc", Limit: 2}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	assert.Len(t, seen(), 2)
}

func TestDecodeToleratesOddShapes(t *testing.T) {
	svc, _ := scripted(t, http.StatusOK, `{"businesses":[{"_id":"b1","name":7,"createdAt":"not a time","city":"X"},null,
		{"id":"b2","name":"B","createdAt":"2026-01-02T03:04:05.000Z","createdBy":{"source":"INTEGRATION"}}]}`)
	page, err := svc.List(context.Background(), ListParams{LocationID: "loc"})
	require.NoError(t, err)
	require.Len(t, page.Businesses, 2)
	assert.Equal(t, "b1", page.Businesses[0].ID)
	assert.Empty(t, page.Businesses[0].Name)
	assert.Equal(t, "X", page.Businesses[0].City)
	assert.False(t, page.Businesses[0].CreatedAt.Valid())
	assert.Equal(t, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), page.Businesses[1].CreatedAt.Time)
	assert.Contains(t, string(page.Businesses[1].Raw), `"createdBy"`)
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"create without name", func() error { _, err := e.Svc.Create(ctx, CreateParams{Name: " "}); return err }, "Name"},
		{"get without ID", func() error { _, err := e.Svc.Get(ctx, ""); return err }, "businessID"},
		{"update without ID", func() error { _, err := e.Svc.Update(ctx, "", UpdateParams{}); return err }, "businessID"},
		{"update to an empty name", func() error { _, err := e.Svc.Update(ctx, "b", UpdateParams{Name: ptr("")}); return err }, "Name"},
		{"delete without ID", func() error { return e.Svc.Delete(ctx, " ") }, "businessID"},
		{"negative limit", func() error { _, err := e.Svc.List(ctx, ListParams{Limit: -1}); return err }, "Limit"},
		{"negative skip", func() error { _, err := e.Svc.List(ctx, ListParams{Skip: -1}); return err }, "Skip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var argErr *transport.ArgumentError
			require.True(t, errors.As(err, &argErr), "%v", err)
			assert.Equal(t, tt.field, argErr.Field)
		})
	}
	assert.Empty(t, e.Srv.Requests())
}

// Faults HighLevel is known for, injected on the create: the business is made once or not at all.
func TestCreateUnderFaultsMakesNoDuplicate(t *testing.T) {
	resourcetest.CreateUnderFaults(t, "/businesses/", resourcetest.CreateFaults(http.StatusCreated, `{"success":true}`),
		func(_ *testing.T, e *env) (any, error) {
			return e.Svc.Create(context.Background(), CreateParams{Name: "Acme Corp"})
		},
		func(e *env) any { return e.Srv.Businesses(e.Loc) })
}

func TestCreateRecoveryIgnoresAnOlderNamesake(t *testing.T) {
	e := newEnv(t)
	old := e.Srv.AddBusiness(ghltest.Business{LocationID: e.Loc, Name: "acme corp ", CreatedAt: resourcetest.Start.Add(-time.Hour)})
	e.Srv.InjectFault(http.MethodPost, "/businesses/", ghltest.Fault{Status: 502})
	_, err := e.Svc.Create(context.Background(), CreateParams{Name: "Acme Corp"})
	var unknown *UnknownOutcomeError
	require.True(t, errors.As(err, &unknown), "%v", err)
	assert.Equal(t, old.ID, unknown.OlderMatch)
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, transport.ErrServer)
}
