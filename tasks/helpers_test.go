package tasks

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/internal/resourcetest"
)

// start is the simulated time the env's clock starts at.
var start = resourcetest.Start

// env is a Service against a ghltest server that holds one contact.
type env = resourcetest.Env[*Service]

func newEnv(t *testing.T) *env { return resourcetest.NewEnv[*Service](t) }

// scripted is a Service against a server that answers every request with status and body, and the requests it
// received.
func scripted(t *testing.T, status int, body string) (*Service, func() []*http.Request) {
	return resourcetest.ScriptedService[*Service](t, status, body)
}
