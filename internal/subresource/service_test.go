package subresource

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// record is the least a per-contact record needs: its ID, read from the envelope keys the Service is given.
type record struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func newTasks(c *transport.Client) *Service[record] {
	return New(c, "tasks", "task", "taskID", func(r *record) string { return r.ID })
}

func TestListAndGetReadTheNamedEnvelopes(t *testing.T) {
	srv, c, contactID := resourcetest.Fake(t)
	added := srv.AddTask(ghltest.Task{ContactID: contactID, Title: "Call Ada"})
	s := newTasks(c)

	list, err := s.List(context.Background(), contactID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, record{ID: added.ID, Title: "Call Ada"}, list[0])

	got, err := s.Get(context.Background(), contactID, added.ID)
	require.NoError(t, err)
	assert.Equal(t, "Call Ada", got.Title)
}

func TestAnswerWithoutTheRecord(t *testing.T) {
	tests := []struct {
		name string
		call func(*Service[record]) error
		want error
	}{
		{"a read finds nothing", func(s *Service[record]) error {
			_, err := s.Get(context.Background(), "c1", "t1")
			return err
		}, transport.ErrNotFound},
		{"a create may have been applied", func(s *Service[record]) error {
			_, err := s.Create(context.Background(), "c1", func() error { return nil }, struct{}{},
				func(_ context.Context, _ time.Time, err error) (*record, error) { return nil, err })
			return err
		}, transport.ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := resourcetest.Scripted(t, http.StatusOK, `{"task":null}`)
			err := tt.call(newTasks(c))
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), "holds no task")
		})
	}
}

func TestDeleteThatFindsTheRecordGoneOnAResendSucceeds(t *testing.T) {
	tests := []struct {
		name    string
		fault   *ghltest.Fault
		missing bool
		wantErr error
	}{
		{name: "deleted, answer lost, resend finds it gone", fault: &ghltest.Fault{Status: http.StatusBadGateway, AfterHandler: true}},
		{name: "missing on the first attempt", missing: true, wantErr: transport.ErrNotFound},
		{name: "plain delete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, contactID := resourcetest.Fake(t)
			id := "no-such-task"
			if !tt.missing {
				id = srv.AddTask(ghltest.Task{ContactID: contactID, Title: "Call Ada"}).ID
			}
			if tt.fault != nil {
				srv.InjectFault("DELETE", "/contacts/{contactId}/tasks/{taskId}", *tt.fault)
			}
			err := newTasks(c).Delete(context.Background(), contactID, id)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			_, err = newTasks(c).Get(context.Background(), contactID, id)
			assert.ErrorIs(t, err, transport.ErrNotFound, "the record is gone")
		})
	}
}

func TestLookupSettlesByWhatPickFinds(t *testing.T) {
	errCreate := errors.New("502 on the create")
	tests := []struct {
		name       string
		contact    string // "" is the fake's contact
		matches    int
		wantFound  bool
		wantReason string
		wantLookup bool // the error carries the list's own failure
	}{
		{name: "one match is the record", matches: 1, wantFound: true},
		{name: "no match", matches: 0, wantReason: "the contact's tasks hold no recent one with this title"},
		{name: "several matches", matches: 2, wantReason: "the contact has 2 recent tasks with this title"},
		{name: "the list fails", contact: "no-such-contact", wantReason: "the contact's tasks hold no recent one with this title", wantLookup: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, contactID := resourcetest.Fake(t)
			added := srv.AddTask(ghltest.Task{ContactID: contactID, Title: "Call Ada"})
			if tt.contact != "" {
				contactID = tt.contact
			}
			start := resourcetest.Start
			var since time.Time
			lookup := newTasks(c).Lookup(contactID, "with this title", func(list []record, s time.Time) (*record, int) {
				since = s
				if tt.matches == 1 {
					return &list[0], 1
				}
				return nil, tt.matches
			})
			got, err := lookup(context.Background(), start, errCreate)
			if tt.wantFound {
				require.NoError(t, err)
				assert.Equal(t, added.ID, got.ID)
				assert.Equal(t, start.Add(-settle.Window), since, "pick is told how old a match may be")
				return
			}
			var unknown *api.UnknownOutcomeError
			require.ErrorAs(t, err, &unknown)
			assert.ErrorIs(t, err, errCreate)
			assert.ErrorIs(t, err, transport.ErrOutcomeUnknown)
			assert.Equal(t, "task", unknown.Record)
			assert.Equal(t, tt.wantReason, unknown.Reason)
			assert.True(t, unknown.LookedUp)
			if tt.wantLookup {
				assert.ErrorIs(t, unknown.LookupErr, transport.ErrNotFound)
			} else {
				assert.NoError(t, unknown.LookupErr)
			}
		})
	}
}
