package notes

import "github.com/ghlkit/ghl/internal/resourcetest"

// The shared test helpers, bound to this package's Service: env is a Service against a ghltest server that
// holds one contact, scripted a Service against a server that answers every request alike.
type env = resourcetest.Env[*Service]

var (
	newEnv   = resourcetest.NewEnv[*Service]
	scripted = resourcetest.ScriptedService[*Service]
)
