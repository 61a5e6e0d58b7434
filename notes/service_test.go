package notes

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNoteLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()

	created, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Body: "Met at the fair", Title: "Fair", Color: "#FFAA00", Pinned: true, UserID: "u1"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.Equal(t, e.ContactID, created.ContactID)
	assert.Equal(t, "Met at the fair", created.Body)
	assert.Equal(t, "Fair", created.Title)
	assert.Equal(t, "#FFAA00", created.Color)
	assert.Equal(t, "u1", created.UserID)
	assert.True(t, created.Pinned)
	assert.False(t, created.DateAdded.IsZero())
	assert.Equal(t, created.DateAdded.Time, created.DateAdded.Truncate(time.Millisecond), "HighLevel's dates have milliseconds")
	sent := e.Srv.RequestsTo("POST", "/contacts/{contactId}/notes")
	require.Len(t, sent, 1)
	assert.JSONEq(t, `{"body":"Met at the fair","title":"Fair","color":"#FFAA00","pinned":true,"userId":"u1"}`, string(sent[0].Body))

	got, err := e.Svc.Get(ctx, e.ContactID, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created, got)

	updated, err := e.Svc.Update(ctx, e.ContactID, created.ID, UpdateParams{Pinned: ptr(false), Title: ptr("")})
	require.NoError(t, err)
	assert.False(t, updated.Pinned, "false is sent on purpose")
	assert.Empty(t, updated.Title)
	assert.Equal(t, "Met at the fair", updated.Body, "fields left nil are kept")
	put := e.Srv.RequestsTo("PUT", "/contacts/{contactId}/notes/{id}")
	require.Len(t, put, 1)
	assert.JSONEq(t, `{"title":"","pinned":false}`, string(put[0].Body))

	second := e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Later", DateAdded: created.DateAdded.Add(time.Hour)})
	list, err := e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, second.ID, list[0].ID, "as HighLevel lists them: newest first")
	assert.Equal(t, *updated, list[1])

	require.NoError(t, e.Svc.Delete(ctx, e.ContactID, created.ID))
	_, err = e.Svc.Get(ctx, e.ContactID, created.ID)
	assert.ErrorIs(t, err, transport.ErrNotFound)
	assert.Len(t, e.Srv.Notes(e.ContactID), 1)
}

func TestEmptyList(t *testing.T) {
	e := newEnv(t)
	list, err := e.Svc.List(context.Background(), e.ContactID)
	resourcetest.AssertEmptyList(t, list, err)
}

func TestMissingContactOrNoteIsNotFound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	note := e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Seeded"})
	other := e.Srv.AddContact(ghltest.Contact{FirstName: "Bob"})
	tests := []struct {
		name string
		call func() error
	}{
		{"list, unknown contact", func() error { _, err := e.Svc.List(ctx, "nobody"); return err }},
		{"get, unknown contact", func() error { _, err := e.Svc.Get(ctx, "nobody", note.ID); return err }},
		{"get, unknown note", func() error { _, err := e.Svc.Get(ctx, e.ContactID, "nothing"); return err }},
		{"get, note of another contact", func() error { _, err := e.Svc.Get(ctx, other.ID, note.ID); return err }},
		{"create, unknown contact", func() error { _, err := e.Svc.Create(ctx, "nobody", CreateParams{Body: "x"}); return err }},
		{"update, unknown note", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "nothing", UpdateParams{Body: ptr("x")})
			return err
		}},
		{"delete, unknown contact", func() error { return e.Svc.Delete(ctx, "nobody", note.ID) }},
		{"delete, unknown note", func() error { return e.Svc.Delete(ctx, e.ContactID, "nothing") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			resourcetest.AssertNotFound(t, err)
		})
	}
	assert.Equal(t, []ghltest.Note{note}, e.Srv.Notes(e.ContactID))
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func() error
	}{
		{"list without contact", "contactID", func() error { _, err := e.Svc.List(ctx, ""); return err }},
		{"get without contact", "contactID", func() error { _, err := e.Svc.Get(ctx, "", "n1"); return err }},
		{"get without note", "noteID", func() error { _, err := e.Svc.Get(ctx, e.ContactID, " "); return err }},
		{"create without contact", "contactID", func() error { _, err := e.Svc.Create(ctx, "", CreateParams{Body: "x"}); return err }},
		{"create without body", "Body", func() error { _, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "x"}); return err }},
		{"create with a blank body", "Body", func() error { _, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Body: "\n"}); return err }},
		{"update without note", "noteID", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "", UpdateParams{Body: ptr("x")})
			return err
		}},
		{"update changing nothing", "UpdateParams", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "n1", UpdateParams{})
			return err
		}},
		{"delete without contact", "contactID", func() error { return e.Svc.Delete(ctx, "", "n1") }},
		{"delete without note", "noteID", func() error { return e.Svc.Delete(ctx, e.ContactID, "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			resourcetest.AssertArgumentError(t, err, tt.field)
		})
	}
	assert.Empty(t, e.Srv.Requests(), "nothing was sent")
}

func TestServerRefusalIsValidationError(t *testing.T) {
	e := newEnv(t)
	note := e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Seeded"})
	_, err := e.Svc.Update(context.Background(), e.ContactID, note.ID, UpdateParams{Body: ptr("")})
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrValidation)
	var apiErr *transport.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, http.StatusUnprocessableEntity, apiErr.StatusCode)
	assert.Equal(t, []string{"body should not be empty"}, apiErr.Messages)
	assert.Equal(t, "Seeded", e.Srv.Notes(e.ContactID)[0].Body)
}

func TestRetryClasses(t *testing.T) {
	tests := []struct {
		name, method, route string
		call                func(e *env, noteID string) error
		retried             bool
	}{
		{"list", "GET", "/contacts/{contactId}/notes", func(e *env, _ string) error {
			_, err := e.Svc.List(context.Background(), e.ContactID)
			return err
		}, true},
		{"get", "GET", "/contacts/{contactId}/notes/{id}", func(e *env, id string) error {
			_, err := e.Svc.Get(context.Background(), e.ContactID, id)
			return err
		}, true},
		{"update", "PUT", "/contacts/{contactId}/notes/{id}", func(e *env, id string) error {
			_, err := e.Svc.Update(context.Background(), e.ContactID, id, UpdateParams{Body: ptr("x")})
			return err
		}, true},
		{"delete", "DELETE", "/contacts/{contactId}/notes/{id}", func(e *env, id string) error {
			return e.Svc.Delete(context.Background(), e.ContactID, id)
		}, true},
		{"create", "POST", "/contacts/{contactId}/notes", func(e *env, _ string) error {
			_, err := e.Svc.Create(context.Background(), e.ContactID, CreateParams{Body: "x"})
			return err
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			note := e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Seeded"})
			e.Srv.InjectFault(tt.method, tt.route, ghltest.Fault{Status: http.StatusGatewayTimeout, AfterHandler: true})
			err := tt.call(e, note.ID)
			sent := e.Srv.RequestsTo(tt.method, tt.route)
			if tt.retried {
				require.NoError(t, err)
				assert.Len(t, sent, 2)
				return
			}
			assert.NoError(t, err, "the lookup found the note the create made")
			assert.Len(t, sent, 1, "a create is never resent once it may have reached the server")
			assert.Len(t, e.Srv.Notes(e.ContactID), 2, "the note was made once")
		})
	}
}

// Creates whose outcome HighLevel left unclear: the SDK lists the contact's notes and returns the one the create
// made, or says it cannot tell. It never resends, and never returns a bare decode error.
func TestCreateRecoversTheNoteAfterAnAmbiguousFailure(t *testing.T) {
	resourcetest.CreateUnderFaults(t, "/contacts/{contactId}/notes", resourcetest.CreateFaults(http.StatusCreated, `{"traceId":"t"}`),
		func(t *testing.T, e *env) (any, error) {
			got, err := e.Svc.Create(context.Background(), e.ContactID, CreateParams{Body: "Called Ada"})
			if err == nil {
				assert.Equal(t, "Called Ada", got.Body)
			}
			return got, err
		},
		func(e *env) any { return e.Srv.Notes(e.ContactID) })
}

// A note with the same body that the contact already had leaves the lookup two candidates: it cannot tell
// which one the create made.
func TestCreateBesideANoteWithTheSameBodyIsUnknown(t *testing.T) {
	e := newEnv(t)
	e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Called Ada"})
	e.Srv.InjectFault("POST", "/contacts/{contactId}/notes", ghltest.Fault{Status: 500, AfterHandler: true})
	_, err := e.Svc.Create(context.Background(), e.ContactID, CreateParams{Body: "Called Ada"})
	assert.Len(t, e.Srv.RequestsTo("POST", "/contacts/{contactId}/notes"), 1, "never resent")
	assert.Len(t, e.Srv.Notes(e.ContactID), 2, "the create made its note")
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
}

func TestParamsJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"create, required only", CreateParams{Body: "b"}, `{"body":"b"}`},
		{"create, every field", CreateParams{Body: "b", UserID: "u", Title: "t", Color: "#000000", Pinned: true},
			`{"body":"b","userId":"u","title":"t","color":"#000000","pinned":true}`},
		{"update, nothing", UpdateParams{}, `{}`},
		{"update, zero values on purpose", UpdateParams{Title: ptr(""), Pinned: ptr(false)}, `{"title":"","pinned":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(b))
		})
	}
}

func ptr[T any](v T) *T { return &v }
