package resourcetest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PerContact describes a service of records a contact owns (tasks, notes) to the tests every such service
// shares: its calls, each with params that pass the package's own checks, its routes as ghltest names them,
// and how to seed and read the fake.
type PerContact[S any] struct {
	IDName    string // the Go parameter that names a record: "taskID"
	Route     string // the list and create route: "/contacts/{contactId}/tasks"
	ItemRoute string // one record's route: "/contacts/{contactId}/tasks/{taskId}"

	List   func(ctx context.Context, s S, contactID string) error
	Get    func(ctx context.Context, s S, contactID, id string) error
	Create func(ctx context.Context, s S, contactID string) error
	Update func(ctx context.Context, s S, contactID, id string) error
	Delete func(ctx context.Context, s S, contactID, id string) error

	Seed   func(e *Env[S]) string // adds a record to the env's contact and returns its ID
	Stored func(e *Env[S]) any    // the records of the env's contact the fake holds, a slice
}

// TestNotFound checks that a call on a contact or a record that does not exist, or on another contact's
// record, is HighLevel's not-found answer, and changes nothing.
func (pc PerContact[S]) TestNotFound(t *testing.T) {
	e := NewEnv[S](t)
	ctx := context.Background()
	id := pc.Seed(e)
	other := e.Srv.AddContact(ghltest.Contact{FirstName: "Bob"}).ID
	before := pc.Stored(e)
	tests := []struct {
		name string
		call func() error
	}{
		{"list, unknown contact", func() error { return pc.List(ctx, e.Svc, "nobody") }},
		{"get, unknown contact", func() error { return pc.Get(ctx, e.Svc, "nobody", id) }},
		{"get, unknown record", func() error { return pc.Get(ctx, e.Svc, e.ContactID, "nothing") }},
		{"get, record of another contact", func() error { return pc.Get(ctx, e.Svc, other, id) }},
		{"create, unknown contact", func() error { return pc.Create(ctx, e.Svc, "nobody") }},
		{"update, unknown record", func() error { return pc.Update(ctx, e.Svc, e.ContactID, "nothing") }},
		{"delete, unknown contact", func() error { return pc.Delete(ctx, e.Svc, "nobody", id) }},
		{"delete, unknown record", func() error { return pc.Delete(ctx, e.Svc, e.ContactID, "nothing") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { AssertNotFound(t, tt.call()) })
	}
	assert.Equal(t, before, pc.Stored(e), "nothing changed")
}

// TestIDsRefusedBeforeSending checks that every call refuses an empty contact or record ID, naming the
// parameter, before it sends anything.
func (pc PerContact[S]) TestIDsRefusedBeforeSending(t *testing.T) {
	e := NewEnv[S](t)
	ctx := context.Background()
	tests := []struct {
		name  string
		field string
		call  func() error
	}{
		{"list without contact", "contactID", func() error { return pc.List(ctx, e.Svc, "") }},
		{"get without contact", "contactID", func() error { return pc.Get(ctx, e.Svc, " ", "r1") }},
		{"get without record", pc.IDName, func() error { return pc.Get(ctx, e.Svc, e.ContactID, " ") }},
		{"create without contact", "contactID", func() error { return pc.Create(ctx, e.Svc, "") }},
		{"update without record", pc.IDName, func() error { return pc.Update(ctx, e.Svc, e.ContactID, "") }},
		{"delete without contact", "contactID", func() error { return pc.Delete(ctx, e.Svc, "", "r1") }},
		{"delete without record", pc.IDName, func() error { return pc.Delete(ctx, e.Svc, e.ContactID, "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { AssertArgumentError(t, tt.call(), tt.field) })
	}
	assert.Empty(t, e.Srv.Requests(), "nothing was sent")
}

// TestRetryClasses checks, with a gateway error after the server did the work, that reads and idempotent
// writes are sent again and a create is not: its lookup finds the record it made, which exists once.
func (pc PerContact[S]) TestRetryClasses(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, method, route string
		call                func(e *Env[S], id string) error
		retried             bool
	}{
		{"list", http.MethodGet, pc.Route, func(e *Env[S], _ string) error { return pc.List(ctx, e.Svc, e.ContactID) }, true},
		{"get", http.MethodGet, pc.ItemRoute, func(e *Env[S], id string) error { return pc.Get(ctx, e.Svc, e.ContactID, id) }, true},
		{"update", http.MethodPut, pc.ItemRoute, func(e *Env[S], id string) error { return pc.Update(ctx, e.Svc, e.ContactID, id) }, true},
		{"delete", http.MethodDelete, pc.ItemRoute, func(e *Env[S], id string) error { return pc.Delete(ctx, e.Svc, e.ContactID, id) }, true},
		{"create", http.MethodPost, pc.Route, func(e *Env[S], _ string) error { return pc.Create(ctx, e.Svc, e.ContactID) }, false},
	}
	for _, status := range []int{http.StatusBadGateway, http.StatusGatewayTimeout} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s after %d", tt.name, status), func(t *testing.T) {
				e := NewEnv[S](t)
				id := pc.Seed(e)
				e.Srv.InjectFault(tt.method, tt.route, ghltest.Fault{Status: status, AfterHandler: true})
				err := tt.call(e, id)
				sent := e.Srv.RequestsTo(tt.method, tt.route)
				if tt.retried {
					require.NoError(t, err)
					assert.Len(t, sent, 2)
					return
				}
				assert.NoError(t, err, "the lookup found the record the create made")
				assert.Len(t, sent, 1, "a create is never resent once it may have reached the server")
				assert.Equal(t, 2, reflect.ValueOf(pc.Stored(e)).Len(), "the record was made once, beside the seeded one")
			})
		}
	}
}
