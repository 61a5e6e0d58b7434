package auth

import "github.com/ghlkit/ghl/api"

// The client finds these methods by type assertion at run time; these lines make a changed signature fail to
// compile instead.
var (
	_ api.TokenSource         = (*Source)(nil)
	_ api.Refresher           = (*Source)(nil)
	_ api.LocationTokenSource = (*Source)(nil)
	_ api.TokenEndpoint       = (*Source)(nil)
	_ api.TokenSource         = (*Static)(nil)
)
