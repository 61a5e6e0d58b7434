package notes

import (
	"context"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const specPath = "../testdata/openapi/apps/contacts.json"

// TestRequestsConformToSpec sends every operation, with every field and with the fewest, and checks each
// request the server recorded against contacts.json.
func TestRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, specPath)
	e := newEnv(t)
	ctx := context.Background()

	full, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Body: "b", UserID: "u1", Title: "t", Color: "#FFAA00", Pinned: true})
	require.NoError(t, err)
	bare, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Body: "b"})
	require.NoError(t, err)
	_, err = e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, e.ContactID, full.ID)
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, e.ContactID, full.ID, UpdateParams{Body: ptr("b2"), UserID: ptr("u2"), Title: ptr(""), Color: ptr(""), Pinned: ptr(false)})
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, e.ContactID, full.ID, UpdateParams{Pinned: ptr(true)})
	require.NoError(t, err)
	require.NoError(t, e.Svc.Delete(ctx, e.ContactID, bare.ID))
	// IDs that need escaping still name one path segment.
	odd := e.Srv.AddContact(ghltest.Contact{ID: "a/b c"})
	_, err = e.Svc.List(ctx, odd.ID)
	require.NoError(t, err)

	seen := spec.CheckAll(t, resourcetest.Recorded(e.Srv))
	assert.Equal(t, map[string]int{"create-note": 2, "get-all-notes": 2, "get-note": 1, "update-note": 2, "delete-note": 1}, seen)
}
