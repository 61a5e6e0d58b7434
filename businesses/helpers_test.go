package businesses

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
)

// env is a Service against a ghltest server with a token of resourcetest.Location.
type env struct {
	srv *ghltest.Server
	svc *Service
	loc string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv, c, _ := resourcetest.Fake(t)
	return &env{srv: srv, svc: newService(c), loc: resourcetest.Location}
}

func scripted(t *testing.T, status int, body string) (*Service, func() []*http.Request) {
	t.Helper()
	c, seen := resourcetest.Scripted(t, status, body)
	return newService(c), seen
}

func recorded(srv *ghltest.Server) []conformance.Request {
	var out []conformance.Request
	for _, r := range srv.Requests() {
		out = append(out, conformance.Request{Method: r.Method, RawPath: r.RawPath, RawQuery: r.RawQuery, Header: r.Header, Body: r.Body})
	}
	return out
}

func ptr[T any](v T) *T { return &v }
