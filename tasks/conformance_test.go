package tasks

import (
	"context"
	"testing"
	"time"

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
	due := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

	full, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "t", Body: "b", DueDate: due, Completed: true, AssignedTo: "u1"})
	require.NoError(t, err)
	bare, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "t", DueDate: due})
	require.NoError(t, err)
	_, err = e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, e.ContactID, full.ID)
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, e.ContactID, full.ID, UpdateParams{Title: ptr("t2"), Body: ptr(""), DueDate: &due, Completed: ptr(false), AssignedTo: ptr("u2")})
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, e.ContactID, full.ID, UpdateParams{Completed: ptr(true)})
	require.NoError(t, err)
	_, err = e.Svc.Complete(ctx, e.ContactID, bare.ID)
	require.NoError(t, err)
	_, err = e.Svc.Reopen(ctx, e.ContactID, bare.ID)
	require.NoError(t, err)
	require.NoError(t, e.Svc.Delete(ctx, e.ContactID, bare.ID))
	// IDs that need escaping still name one path segment.
	odd := e.Srv.AddContact(ghltest.Contact{ID: "a/b c"})
	_, err = e.Svc.List(ctx, odd.ID)
	require.NoError(t, err)

	seen := spec.CheckAll(t, resourcetest.Recorded(e.Srv))
	assert.Equal(t, map[string]int{
		"create-task": 2, "get-all-tasks": 2, "get-task": 1, "update-task": 2, "update-task-completed": 2, "delete-task": 1,
	}, seen)
}
