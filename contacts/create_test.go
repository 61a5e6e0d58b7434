package contacts_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// createThen answers the create with fail and the duplicate lookup with found (nil: no contact).
func createThen(fail http.HandlerFunc, found map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/contacts/":
			fail(w, r)
		case r.Method == http.MethodGet && r.URL.Path == "/contacts/search/duplicate":
			writeJSON(w, http.StatusOK, map[string]any{"contact": found})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// reset closes the connection without an answer, after the request was read.
func reset(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestCreateAfterAmbiguousFailure(t *testing.T) {
	recent := map[string]any{"id": "made", "email": "ada@example.com", "dateAdded": time.Now().UTC().Format(time.RFC3339)}
	older := map[string]any{"id": "old", "email": "ada@example.com", "dateAdded": "2019-01-01T00:00:00.000Z"}
	withEmail := contacts.CreateParams{Email: "ada@example.com"}
	tests := []struct {
		name       string
		fail       http.HandlerFunc
		found      map[string]any
		params     contacts.CreateParams
		wantID     string
		wantErr    []error
		wantLookup bool
		wantOlder  string
	}{
		{"500, found", status(500, `{"statusCode":500,"message":"Internal"}`), recent, withEmail, "made", nil, true, ""},
		{"502, found", status(502, ``), recent, withEmail, "made", nil, true, ""},
		{"reset, found", reset, recent, withEmail, "made", nil, true, ""},
		{"truncated 201, found", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"contact":{"id":"ma`))
			reset(w, r)
		}, recent, withEmail, "made", nil, true, ""},
		{"500, found by phone", status(500, `{}`), map[string]any{"id": "made", "phone": "+15550100"}, contacts.CreateParams{Phone: "+15550100"}, "made", nil, true, ""},
		{"500, nothing found", status(500, `{}`), nil, withEmail, "", []error{transport.ErrOutcomeUnknown, transport.ErrServer}, true, ""},
		{"500, only an older match", status(500, `{}`), older, withEmail, "", []error{transport.ErrOutcomeUnknown}, true, "old"},
		{"500, nothing to look up by", status(500, `{}`), recent, contacts.CreateParams{FirstName: "Ada"}, "", []error{transport.ErrOutcomeUnknown, transport.ErrServer}, false, ""},
		{"422 that made the contact", status(422, `{"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}`), recent, withEmail, "made", nil, true, ""},
		{"422, only an older match", status(422, `{"statusCode":422,"message":["email must be an email"]}`), older, withEmail, "", []error{transport.ErrValidation}, true, ""},
		{"422, nothing found", status(422, `{"statusCode":422,"message":["email must be an email"]}`), nil, withEmail, "", []error{transport.ErrValidation}, true, ""},
		{"422, nothing to look up by", status(422, `{"statusCode":422,"message":["phone is invalid"]}`), recent, contacts.CreateParams{FirstName: "Ada"}, "", []error{transport.ErrValidation}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := newService(t, createThen(tt.fail, tt.found))
			c, err := svc.Create(context.Background(), tt.params)
			creates, lookups := 0, 0
			for _, r := range st.requests() {
				switch r.Path {
				case "/contacts/":
					creates++
				case "/contacts/search/duplicate":
					lookups++
				}
			}
			assert.Equal(t, 1, creates, "a create is never resent")
			assert.Equal(t, tt.wantLookup, lookups == 1)
			if tt.wantID != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantID, c.ID)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.ErrorIs(t, err, want)
			}
			var uo *contacts.UnknownOutcomeError
			if errors.As(err, &uo) {
				assert.Equal(t, tt.wantLookup, uo.LookedUp)
				assert.Equal(t, tt.wantOlder, uo.OlderMatch)
				assert.Contains(t, err.Error(), "may exist")
			} else {
				assert.NotErrorIs(t, err, transport.ErrOutcomeUnknown)
			}
		})
	}
}

func TestCreateWhoseLookupFails(t *testing.T) {
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			status(500, `{}`)(w, r)
			return
		}
		status(401, `{"statusCode":401,"message":"The token is not authorized for this scope."}`)(w, r)
	})
	_, err := svc.Create(context.Background(), contacts.CreateParams{Email: "a@b.co"})
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, transport.ErrScope, "the lookup's error is reachable")
	assert.Contains(t, err.Error(), "looking it up failed too")
}

// The caller's context ends while the create is in flight: no time is left to look it up, and the answer
// must say the contact may exist.
func TestCreateInterruptedByContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc, st := newService(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
	})
	_, err := svc.Create(ctx, contacts.CreateParams{Email: "a@b.co"})
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, st.requests(), 1)

	// A context that ended before the call sends nothing and says so plainly.
	_, err = svc.Create(ctx, contacts.CreateParams{Email: "a@b.co"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, transport.ErrOutcomeUnknown)
	assert.Len(t, st.requests(), 1)
}

func TestDuplicateOf(t *testing.T) {
	svc, _ := newService(t, status(400, `{"statusCode":400,"message":"This location does not allow duplicated contacts.","meta":{"contactId":"c9","matchingField":"email"}}`))
	_, err := svc.Create(context.Background(), contacts.CreateParams{Email: "a@b.co"})
	id, field, ok := contacts.DuplicateOf(err)
	assert.True(t, ok)
	assert.Equal(t, "c9", id)
	assert.Equal(t, "email", field)
	_, _, ok = contacts.DuplicateOf(errors.New("other"))
	assert.False(t, ok)
}

func TestDeleteRetriedAfterItSucceeded(t *testing.T) {
	calls := 0
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
		if calls++; calls == 1 {
			status(503, ``)(w, r) // the delete happened, the answer was lost
			return
		}
		status(400, `{"statusCode":400,"message":"Contact not found"}`)(w, r)
	})
	require.NoError(t, svc.Delete(context.Background(), "c1"))
	assert.Equal(t, 2, calls)

	svc, _ = newService(t, status(400, `{"statusCode":400,"message":"Contact not found"}`))
	assert.ErrorIs(t, svc.Delete(context.Background(), "c1"), transport.ErrNotFound, "a first attempt's not-found is an error")
}

func TestFindDuplicateNone(t *testing.T) {
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, map[string]any{"contact": nil}) })
	c, err := svc.FindDuplicate(context.Background(), contacts.DuplicateParams{Email: "a@b.co"})
	require.NoError(t, err)
	assert.Nil(t, c)
}
