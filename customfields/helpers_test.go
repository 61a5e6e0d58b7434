package customfields

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
)

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
