package customfields

import "github.com/ghlkit/ghl/internal/resourcetest"

// The shared test helpers, bound to this package's Service: newEnv gives a Service against a ghltest server
// that holds one contact, scripted a Service against a server that answers every request alike.
var (
	newEnv   = resourcetest.NewEnv[*Service]
	scripted = resourcetest.ScriptedService[*Service]
)
