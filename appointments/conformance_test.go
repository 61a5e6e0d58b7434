package appointments

import (
	"context"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestsConformToSpec sends the operation and checks each request the server recorded against
// contacts.json.
func TestRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/contacts.json")
	e := newEnv(t)
	e.srv.AddAppointment(ghltest.Appointment{ContactID: e.contactID})
	_, err := e.svc.List(context.Background(), e.contactID)
	require.NoError(t, err)
	// An ID that needs escaping still names one path segment.
	odd := e.srv.AddContact(ghltest.Contact{ID: "a/b c"})
	_, err = e.svc.List(context.Background(), odd.ID)
	require.NoError(t, err)

	var reqs []conformance.Request
	for _, r := range e.srv.Requests() {
		reqs = append(reqs, conformance.Request{Method: r.Method, RawPath: r.RawPath, RawQuery: r.RawQuery, Header: r.Header, Body: r.Body})
	}
	assert.Equal(t, map[string]int{"get-appointments-for-contact": 2}, spec.CheckAll(t, reqs))
}
