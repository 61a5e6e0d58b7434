package tasks

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTaskLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ist := time.FixedZone("IST", 5*3600+1800)
	due := time.Date(2026, 3, 5, 16, 30, 0, 123456789, ist)

	created, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "Call Ada", Body: "engines", DueDate: due, AssignedTo: "u1"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.Equal(t, e.ContactID, created.ContactID)
	assert.Equal(t, "Call Ada", created.Title)
	assert.Equal(t, "engines", created.Body)
	assert.Equal(t, "u1", created.AssignedTo)
	assert.False(t, created.Completed)
	assert.True(t, due.Truncate(time.Millisecond).Equal(created.DueDate.Time), "got %v", created.DueDate)
	assert.JSONEq(t, `{"id":"`+created.ID+`","contactId":"`+e.ContactID+`","title":"Call Ada","body":"engines","assignedTo":"u1","dueDate":"2026-03-05T11:00:00.123Z","completed":false}`, string(created.Raw))

	sent := e.Srv.RequestsTo("POST", "/contacts/{contactId}/tasks")
	require.Len(t, sent, 1)
	assert.JSONEq(t, `{"title":"Call Ada","body":"engines","dueDate":"2026-03-05T11:00:00.123Z","completed":false,"assignedTo":"u1"}`, string(sent[0].Body),
		"dueDate goes out in UTC with milliseconds")

	got, err := e.Svc.Get(ctx, e.ContactID, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created, got)

	newDue := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	updated, err := e.Svc.Update(ctx, e.ContactID, created.ID, UpdateParams{Title: ptr("Call Ada again"), Body: ptr(""), DueDate: &newDue})
	require.NoError(t, err)
	assert.Equal(t, "Call Ada again", updated.Title)
	assert.Empty(t, updated.Body, "an empty body is sent, and clears it")
	assert.Equal(t, "u1", updated.AssignedTo, "fields left nil are kept")
	assert.True(t, newDue.Equal(updated.DueDate.Time))
	put := e.Srv.RequestsTo("PUT", "/contacts/{contactId}/tasks/{taskId}")
	require.Len(t, put, 1)
	assert.JSONEq(t, `{"title":"Call Ada again","body":"","dueDate":"2026-03-06T09:00:00.000Z"}`, string(put[0].Body))

	done, err := e.Svc.Complete(ctx, e.ContactID, created.ID)
	require.NoError(t, err)
	assert.True(t, done.Completed)
	assert.True(t, e.Srv.Tasks(e.ContactID)[0].Completed)
	undone, err := e.Svc.Reopen(ctx, e.ContactID, created.ID)
	require.NoError(t, err)
	assert.False(t, undone.Completed)
	completions := e.Srv.RequestsTo("PUT", "/contacts/{contactId}/tasks/{taskId}/completed")
	require.Len(t, completions, 2)
	assert.JSONEq(t, `{"completed":false}`, string(completions[1].Body), "false is sent, not left out")

	second, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "Second", DueDate: newDue, Completed: true})
	require.NoError(t, err)
	list, err := e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, created.ID, list[0].ID)
	assert.Equal(t, *second, list[1])

	require.NoError(t, e.Svc.Delete(ctx, e.ContactID, created.ID))
	_, err = e.Svc.Get(ctx, e.ContactID, created.ID)
	assert.ErrorIs(t, err, transport.ErrNotFound)
	list, err = e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	assert.Len(t, list, 1)
}

func TestEmptyList(t *testing.T) {
	e := newEnv(t)
	list, err := e.Svc.List(context.Background(), e.ContactID)
	resourcetest.AssertEmptyList(t, list, err)
}

// perContact describes the Service to the tests every per-contact record service shares.
var perContact = resourcetest.PerContact[*Service]{
	IDName: "taskID", Route: "/contacts/{contactId}/tasks", ItemRoute: "/contacts/{contactId}/tasks/{taskId}",
	List: func(ctx context.Context, s *Service, contactID string) error {
		_, err := s.List(ctx, contactID)
		return err
	},
	Get: func(ctx context.Context, s *Service, contactID, id string) error {
		_, err := s.Get(ctx, contactID, id)
		return err
	},
	Create: func(ctx context.Context, s *Service, contactID string) error {
		_, err := s.Create(ctx, contactID, CreateParams{Title: "t", DueDate: start.Add(24 * time.Hour)})
		return err
	},
	Update: func(ctx context.Context, s *Service, contactID, id string) error {
		_, err := s.Update(ctx, contactID, id, UpdateParams{Title: ptr("x")})
		return err
	},
	Delete: func(ctx context.Context, s *Service, contactID, id string) error { return s.Delete(ctx, contactID, id) },
	Seed: func(e *env) string {
		return e.Srv.AddTask(ghltest.Task{ContactID: e.ContactID, Title: "Seeded", DueDate: start}).ID
	},
	Stored: func(e *env) any { return e.Srv.Tasks(e.ContactID) },
}

func TestMissingContactOrTaskIsNotFound(t *testing.T) { perContact.TestNotFound(t) }

func TestIDsAreRefusedBeforeSending(t *testing.T) { perContact.TestIDsRefusedBeforeSending(t) }

func TestRetryClasses(t *testing.T) { perContact.TestRetryClasses(t) }

func TestCompleteOfAMissingTaskIsNotFound(t *testing.T) {
	e := newEnv(t)
	_, err := e.Svc.Complete(context.Background(), e.ContactID, "nothing")
	resourcetest.AssertNotFound(t, err)
}

func TestBadParamsAreRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	due := start.Add(24 * time.Hour)
	zero := time.Time{}
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		field string
		call  func() error
	}{
		{"create without title", "Title", func() error {
			_, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "  ", DueDate: due})
			return err
		}},
		{"create without due date", "DueDate", func() error {
			_, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "t"})
			return err
		}},
		{"create with a due date past 9999", "DueDate", func() error {
			_, err := e.Svc.Create(ctx, e.ContactID, CreateParams{Title: "t", DueDate: far})
			return err
		}},
		{"update changing nothing", "UpdateParams", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "t1", UpdateParams{})
			return err
		}},
		{"update emptying the title", "Title", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "t1", UpdateParams{Title: ptr("")})
			return err
		}},
		{"update with a zero due date", "DueDate", func() error {
			_, err := e.Svc.Update(ctx, e.ContactID, "t1", UpdateParams{DueDate: &zero})
			return err
		}},
		{"complete without contact", "contactID", func() error { _, err := e.Svc.Complete(ctx, "", "t1"); return err }},
		{"complete without task", "taskID", func() error { _, err := e.Svc.Complete(ctx, e.ContactID, ""); return err }},
		{"reopen without task", "taskID", func() error { _, err := e.Svc.Reopen(ctx, e.ContactID, ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			resourcetest.AssertArgumentError(t, err, tt.field)
		})
	}
	assert.Empty(t, e.Srv.Requests(), "nothing was sent")
}

// Completing is an idempotent write, resent after a gateway error; a create of a title and due date the
// contact already has is sent once and, with neither task carrying dateAdded, left unknown.
func TestRetryClassesOfTheTaskOnlyCalls(t *testing.T) {
	tests := []struct {
		name, method, route string
		call                func(e *env, taskID string) error
		retried             bool
	}{
		{"complete", "PUT", "/contacts/{contactId}/tasks/{taskId}/completed", func(e *env, id string) error {
			_, err := e.Svc.Complete(context.Background(), e.ContactID, id)
			return err
		}, true},
		{"create of a title the contact already has", "POST", "/contacts/{contactId}/tasks", func(e *env, _ string) error {
			_, err := e.Svc.Create(context.Background(), e.ContactID, CreateParams{Title: "Seeded", DueDate: start})
			return err
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			id := perContact.Seed(e)
			// The server did the work and the gateway lost the answer: only an operation that is safe to
			// repeat may be sent again.
			e.Srv.InjectFault(tt.method, tt.route, ghltest.Fault{Status: http.StatusBadGateway, AfterHandler: true})
			err := tt.call(e, id)
			sent := e.Srv.RequestsTo(tt.method, tt.route)
			if tt.retried {
				require.NoError(t, err)
				assert.Len(t, sent, 2)
				return
			}
			assert.Len(t, sent, 1, "a create is never resent once it may have reached the server")
			assert.Len(t, e.Srv.Tasks(e.ContactID), 2, "the task was made once")
			// Two tasks now share the title and due date and neither carries dateAdded: the SDK cannot tell.
			require.Error(t, err)
			assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
		})
	}
}

// Creates whose outcome HighLevel left unclear: the SDK lists the contact's tasks and returns the one the create
// made, or says it cannot tell. It never resends, and never returns a bare decode error.
func TestCreateRecoversTheTaskAfterAnAmbiguousFailure(t *testing.T) {
	resourcetest.CreateUnderFaults(t, "/contacts/{contactId}/tasks", resourcetest.CreateFaults(http.StatusCreated, `{"traceId":"t"}`),
		func(t *testing.T, e *env) (any, error) {
			got, err := e.Svc.Create(context.Background(), e.ContactID, CreateParams{Title: "Call Ada", DueDate: start})
			if err == nil {
				assert.Equal(t, "Call Ada", got.Title)
			}
			return got, err
		},
		func(e *env) any { return e.Srv.Tasks(e.ContactID) })
}

func TestParamsJSON(t *testing.T) {
	due := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"create, required only", CreateParams{Title: "t", DueDate: due}, `{"title":"t","dueDate":"2026-03-05T10:00:00.000Z","completed":false}`},
		{"create, every field", CreateParams{Title: "t", Body: "b", DueDate: due, Completed: true, AssignedTo: "u"},
			`{"title":"t","body":"b","dueDate":"2026-03-05T10:00:00.000Z","completed":true,"assignedTo":"u"}`},
		{"update, nothing", UpdateParams{}, `{}`},
		{"update, zero values on purpose", UpdateParams{Body: ptr(""), Completed: ptr(false), AssignedTo: ptr("")},
			`{"body":"","completed":false,"assignedTo":""}`},
		{"update, due date", UpdateParams{DueDate: &due}, `{"dueDate":"2026-03-05T10:00:00.000Z"}`},
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
