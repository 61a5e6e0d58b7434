package transport

import "github.com/ghlkit/ghl/api"

// The token interfaces are defined in the public api package, where users read them.
type (
	TokenSource         = api.TokenSource
	Refresher           = api.Refresher
	LocationTokenSource = api.LocationTokenSource
	TokenEndpoint       = api.TokenEndpoint
)
