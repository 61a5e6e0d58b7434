package businesses

import (
	"context"
	"testing"

	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestsConformToSpec sends every operation, with every field and with the fewest, and checks each
// request the server recorded against businesses.json, Version header included.
func TestRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/businesses.json")
	e := newEnv(t)
	ctx := context.Background()
	full, err := e.Svc.Create(ctx, CreateParams{Name: "A", LocationID: e.Loc, Phone: "+15550100", Email: "a@example.com",
		Website: "a.example", Address: "1 Main St", City: "C", PostalCode: "12345", State: "S", Country: "US", Description: "d"})
	require.NoError(t, err)
	bare, err := e.Svc.Create(ctx, CreateParams{Name: "B"})
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, full.ID)
	require.NoError(t, err)
	_, err = e.Svc.List(ctx, ListParams{Limit: 1, Skip: 1})
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, full.ID, UpdateParams{Name: ptr("A2"), Phone: ptr(""), Email: ptr("b@example.com"),
		PostalCode: ptr("1"), Website: ptr(""), Address: ptr("2"), State: ptr("T"), City: ptr("D"), Country: ptr("CA"), Description: ptr("")})
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, full.ID, UpdateParams{})
	require.NoError(t, err)
	require.NoError(t, e.Svc.Delete(ctx, bare.ID))
	// An ID that needs escaping still names one path segment.
	_, err = e.Svc.Get(ctx, "a/b c")
	require.Error(t, err)

	assert.Equal(t, map[string]int{
		"create-business": 2, "get-business": 2, "get-businesses-by-location": 1, "update-business": 2, "delete-Business": 1,
	}, spec.CheckAll(t, resourcetest.Recorded(e.Srv)))
}
