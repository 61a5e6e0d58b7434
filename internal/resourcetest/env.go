package resourcetest

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/registry"
)

// Env is a resource package's service S against a ghltest server that holds one contact in Location, with a
// token of that location.
type Env[S any] struct {
	Srv       *ghltest.Server
	Svc       S
	ContactID string
	// Loc is the location of the token and the contact: Location.
	Loc string
}

// NewEnv starts the server of Fake and builds S on its client as ghl.NewClient does, through the registry.
func NewEnv[S any](t *testing.T) *Env[S] {
	t.Helper()
	srv, c, contactID := Fake(t)
	return &Env[S]{Srv: srv, Svc: registry.New[S](c), ContactID: contactID, Loc: Location}
}

// ScriptedService is S on the client of Scripted: every request gets status and body, and the returned
// function gives the requests the server received.
func ScriptedService[S any](t *testing.T, status int, body string) (S, func() []*http.Request) {
	t.Helper()
	c, seen := Scripted(t, status, body)
	return registry.New[S](c), seen
}

// Recorded is every request srv received, in the form the conformance checks read.
func Recorded(srv *ghltest.Server) []conformance.Request {
	var out []conformance.Request
	for _, r := range srv.Requests() {
		out = append(out, conformance.Request{Method: r.Method, RawPath: r.RawPath, RawQuery: r.RawQuery, Header: r.Header, Body: r.Body})
	}
	return out
}
