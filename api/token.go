package api

import "context"

// TokenSource supplies the bearer token for a request. It is asked before every attempt, so it may refresh a
// token proactively; it must be safe for concurrent use. The auth package has sources for Private Integration
// Tokens and OAuth apps.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// Refresher is implemented by token sources that can replace a token HighLevel rejected. After a 401 that is not
// about a missing scope, the client calls Refresh once with the rejected token and retries once with the
// result. Implementations should be single-flight: when the current token already differs from rejected, another
// caller has refreshed and the current token is the answer.
type Refresher interface {
	Refresh(ctx context.Context, rejected string) (string, error)
}

// LocationTokenSource is implemented by token sources that hold an agency (Company) token and can mint a token
// for one of its locations; a client built on one gives each ForLocation view its own location token.
// ForLocation must be cheap: it is called by every Client.ForLocation.
type LocationTokenSource interface {
	ForLocation(locationID string) TokenSource
}

// TokenEndpoint is implemented by token sources that make OAuth calls of their own; ghl.NewClient checks that
// they go to the client's base URL.
type TokenEndpoint interface {
	TokenBaseURL() string
}
