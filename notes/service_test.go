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

// perContact describes the Service to the tests every per-contact record service shares.
var perContact = resourcetest.PerContact[*Service]{
	IDName: "noteID", Route: "/contacts/{contactId}/notes", ItemRoute: "/contacts/{contactId}/notes/{id}",
	List: func(ctx context.Context, s *Service, contactID string) error {
		_, err := s.List(ctx, contactID)
		return err
	},
	Get: func(ctx context.Context, s *Service, contactID, id string) error {
		_, err := s.Get(ctx, contactID, id)
		return err
	},
	Create: func(ctx context.Context, s *Service, contactID string) error {
		_, err := s.Create(ctx, contactID, CreateParams{Body: "x"})
		return err
	},
	Update: func(ctx context.Context, s *Service, contactID, id string) error {
		_, err := s.Update(ctx, contactID, id, UpdateParams{Body: ptr("x")})
		return err
	},
	Delete: func(ctx context.Context, s *Service, contactID, id string) error { return s.Delete(ctx, contactID, id) },
	Seed:   func(e *env) string { return e.Srv.AddNote(ghltest.Note{ContactID: e.ContactID, Body: "Seeded"}).ID },
	Stored: func(e *env) any { return e.Srv.Notes(e.ContactID) },
}

func TestMissingContactOrNoteIsNotFound(t *testing.T) { perContact.TestNotFound(t) }

func TestIDsAreRefusedBeforeSending(t *testing.T) { perContact.TestIDsRefusedBeforeSending(t) }

func TestRetryClasses(t *testing.T) { perContact.TestRetryClasses(t) }

func TestBadParamsAreRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func() error
	}{
		{"create without body", "Body", func() error { _, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "x"}); return err }},
		{"create with a blank body", "Body", func() error { _, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Body: "\n"}); return err }},
		{"update changing nothing", "UpdateParams", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "n1", UpdateParams{})
			return err
		}},
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
