package cli

import (
	"context"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testClientID = "cli-app"
	testSecret   = "cli-secret-value"
)

// tokenFile saves an OAuth pair for testLocation in a file store, as an app's install would, expiring after
// ttl on the fake's clock, and returns the file.
func tokenFile(t *testing.T, f *fake, ttl time.Duration) (path string, pair ghltest.OAuthPair) {
	t.Helper()
	f.srv.RegisterApp(ghltest.App{ClientID: testClientID, ClientSecret: testSecret})
	store, err := auth.NewFileStore(t.TempDir() + "/tokens")
	require.NoError(t, err)
	pair = f.srv.IssueOAuthPair(testLocation)
	tok := &auth.Token{AccessToken: pair.AccessToken, RefreshToken: pair.RefreshToken, TokenType: "Bearer",
		IssuedAt: f.clk.Now(), Expiry: f.clk.Now().Add(ttl), UserType: auth.Location, LocationID: testLocation}
	app := &auth.App{ClientID: testClientID, ClientSecret: testSecret, BaseURL: f.srv.URL, Now: f.clk.Now}
	_, err = app.Connect(context.Background(), store, tok)
	require.NoError(t, err)
	return store.Path(auth.KeyOf(testClientID, tok)), pair
}

func TestCredentials(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(testLocation, 10, ghltest.SeedOptions{})
	fresh, freshPair := tokenFile(t, f, 24*time.Hour)
	expired, expiredPair := tokenFile(t, f, -time.Minute)
	f.srv.ExpireToken(expiredPair.AccessToken)
	creds := []string{"GHL_CLIENT_ID", testClientID, "GHL_CLIENT_SECRET", testSecret}
	vars := func(vars ...string) func(*env) {
		m := map[string]string{}
		for i := 0; i+1 < len(vars); i += 2 {
			m[vars[i]] = vars[i+1]
		}
		return func(e *env) { e.getenv = func(k string) string { return m[k] } }
	}
	tests := []struct {
		name   string
		args   []string
		env    func(*env)
		code   int
		stderr string
	}{
		{"private token", nil, vars("GHL_TOKEN", f.token, "GHL_LOCATION_ID", testLocation), exitOK, ""},
		{"location flag", []string{"--location", testLocation}, vars("GHL_TOKEN", f.token), exitOK, ""},
		{"nothing", nil, vars(), exitError, "no credentials: set GHL_TOKEN"},
		{"no location", nil, vars("GHL_TOKEN", f.token), exitError, "no location"},
		{"token file: the location comes with it", []string{"--token-file", fresh}, vars(), exitOK, ""},
		{"token file from the environment", nil, vars("GHL_TOKEN_FILE", fresh), exitOK, ""},
		{"token file wins over GHL_TOKEN", []string{"--token-file", fresh}, vars("GHL_TOKEN", "pit-revoked"), exitOK, ""},
		{"expired, no app credentials", []string{"--token-file", expired}, vars(), exitError, "set GHL_CLIENT_ID and GHL_CLIENT_SECRET"},
		{"expired, refreshed", []string{"--token-file", expired}, vars(creds...), exitOK, ""},
		{"another app's file", []string{"--token-file", fresh}, vars("GHL_CLIENT_ID", "other", "GHL_CLIENT_SECRET", "x"), exitError, "saved by another app"},
		{"missing file", []string{"--token-file", t.TempDir() + "/none.json"}, vars(), exitError, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"export", "--out", tempPath(t, "x.jsonl")}, tt.args...)
			res := f.run(t.Context(), args, tt.env)
			assert.Equal(t, tt.code, res.code, res.stderr)
			assert.Contains(t, res.stderr, tt.stderr)
			for _, secret := range []string{f.token, freshPair.AccessToken, freshPair.RefreshToken, expiredPair.RefreshToken, testSecret} {
				assert.NotContains(t, res.stderr+res.stdout, secret)
			}
		})
	}
	assert.Equal(t, 1, f.srv.OAuthStats().Refreshes, "the expired token was refreshed once")
	assert.False(t, f.srv.TokenActive(expiredPair.RefreshToken), "and its refresh token spent")
}
