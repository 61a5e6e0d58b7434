package auth

import (
	"context"
	"fmt"
	"log/slog"

	"golang.org/x/oauth2"
)

// ToOAuth2 makes src usable where an oauth2.TokenSource is expected (oauth2.NewClient, other libraries). The
// oauth2 interface has no context, so ctx is used for every call. Tokens of a *Source carry their expiry and
// HighLevel's fields, but never the refresh token: refreshing stays with src.
func ToOAuth2(ctx context.Context, src TokenSource) oauth2.TokenSource {
	return &toOAuth2{ctx: ctx, src: src}
}

type toOAuth2 struct {
	ctx context.Context
	src TokenSource
}

func (t *toOAuth2) Token() (*oauth2.Token, error) {
	if s, ok := t.src.(*Source); ok {
		tok, err := s.current(t.ctx)
		if err != nil {
			return nil, err
		}
		c := tok.clone()
		c.RefreshToken = ""
		return c.OAuth2(), nil
	}
	at, err := t.src.Token(t.ctx)
	if err != nil {
		return nil, err
	}
	return &oauth2.Token{AccessToken: at, TokenType: "Bearer"}, nil
}

// FromOAuth2 makes an oauth2.TokenSource (for example oauth2.ReuseTokenSource over a Config.TokenSource) usable
// as the client's token source. It asks ts for a token before each request; ts cannot be told that HighLevel
// rejected a token, so a 401 is returned as is. Use a Source for HighLevel's rotating refresh tokens.
func FromOAuth2(ts oauth2.TokenSource) *OAuth2Source { return &OAuth2Source{ts: ts} }

// OAuth2Source is an oauth2.TokenSource adapted to TokenSource. Printing it shows no token.
type OAuth2Source struct{ ts oauth2.TokenSource }

// Token returns ts's access token; ctx is not passed on (oauth2.TokenSource takes none) but is checked first.
func (o *OAuth2Source) Token(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	t, err := o.ts.Token()
	if err != nil {
		return "", fmt.Errorf("auth: oauth2 token source: %w", err)
	}
	if t == nil || t.AccessToken == "" {
		return "", ErrNoToken
	}
	return t.AccessToken, nil
}

// String describes the source without a token.
func (o *OAuth2Source) String() string { return "auth.OAuth2Source(redacted)" }

// GoString is String, for %#v.
func (o *OAuth2Source) GoString() string { return o.String() }

// Format prints String for every verb.
func (o *OAuth2Source) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(o.String())) }

// LogValue keeps tokens out of slog output.
func (o *OAuth2Source) LogValue() slog.Value { return slog.StringValue(o.String()) }
