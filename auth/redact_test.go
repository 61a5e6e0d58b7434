package auth_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"golang.org/x/oauth2"
)

const (
	secretAccess  = "at-SECRET-access-1111"
	secretRefresh = "rt-SECRET-refresh-2222"
)

func TestRedaction(t *testing.T) {
	tok := auth.Token{AccessToken: secretAccess, RefreshToken: secretRefresh, UserType: auth.Location, LocationID: "loc-1",
		Expiry: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	app := auth.App{ClientID: "cid", ClientSecret: testClientSecret, RedirectURL: testRedirect}
	store := auth.NewMemoryStore()
	src := app.Source(store, locKey())
	values := map[string]any{
		"Token": tok, "*Token": &tok, "App": app, "*App": &app, "Source": src,
		"PrivateToken": auth.PrivateToken(secretAccess), "StaticToken": auth.StaticToken(secretAccess),
		"OAuth2Source": auth.FromOAuth2(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: secretAccess})),
		"struct":       struct{ T *auth.Token }{&tok},
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T"} {
				assertNoSecret(t, fmt.Sprintf(verb, v), secretAccess, secretRefresh, testClientSecret)
			}
			for _, h := range []func(*bytes.Buffer) slog.Handler{
				func(b *bytes.Buffer) slog.Handler {
					return slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
				},
				func(b *bytes.Buffer) slog.Handler {
					return slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
				},
			} {
				var buf bytes.Buffer
				slog.New(h(&buf)).DebugContext(context.Background(), "value", "v", v)
				assertNoSecret(t, buf.String(), secretAccess, secretRefresh, testClientSecret)
				assert.NotEmpty(t, buf.String())
			}
		})
	}
	assert.Contains(t, tok.String(), "loc-1", "redacted output still says which token it is")
	assert.Contains(t, app.String(), "cid")
}
