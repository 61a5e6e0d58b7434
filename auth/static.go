package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// ErrNoToken is returned by a static source that holds an empty token.
var ErrNoToken = errors.New("auth: no token")

// Static is a token source that always returns the same token: a Private Integration Token or an access token
// obtained elsewhere. It never refreshes. Printing or logging it shows no secret.
type Static struct {
	token string
	kind  string
}

// PrivateToken returns a source for a Private Integration Token (they start with "pit-").
func PrivateToken(token string) *Static { return &Static{token: token, kind: "private token"} }

// StaticToken returns a source for an access token that is used as is until it stops working.
func StaticToken(token string) *Static { return &Static{token: token, kind: "static token"} }

// Token returns the token, or ErrNoToken when it is empty.
func (s *Static) Token(context.Context) (string, error) {
	if s.token == "" {
		return "", ErrNoToken
	}
	return s.token, nil
}

// String describes the source without the token.
func (s *Static) String() string { return "auth." + s.kind + "(redacted)" }

// GoString describes the source without the token, for %#v.
func (s *Static) GoString() string { return s.String() }

// Format prints String for every verb, so that no verb (%d, %x, ...) reaches the token.
func (s *Static) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

// LogValue keeps the token out of slog output.
func (s *Static) LogValue() slog.Value { return slog.StringValue(s.String()) }
