package tasks

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
)

var start = resourcetest.Start

// env is a Service against a ghltest server that holds one contact.
type env struct {
	srv       *ghltest.Server
	svc       *Service
	contactID string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv, c, contactID := resourcetest.Fake(t)
	return &env{srv: srv, svc: newService(c), contactID: contactID}
}

// scripted is a Service against a server that answers every request with status and body, and the requests it
// received.
func scripted(t *testing.T, status int, body string) (*Service, func() []*http.Request) {
	t.Helper()
	c, seen := resourcetest.Scripted(t, status, body)
	return newService(c), seen
}
