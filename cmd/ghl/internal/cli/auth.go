package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
)

// tokenSource finds the credentials: a token file (--token-file), else a Private Integration Token
// ($GHL_TOKEN), else a token file named by $GHL_TOKEN_FILE. It returns the source and the location to act for
// (--location, else $GHL_LOCATION_ID, else the token file's location). No error names a token's value.
func tokenSource(_ context.Context, c *common, e *env, baseURL string) (ghl.TokenSource, string, error) {
	loc := c.location
	if loc == "" {
		loc = e.getenv("GHL_LOCATION_ID")
	}
	file := c.tokenFile
	if file == "" {
		if pit := e.getenv("GHL_TOKEN"); pit != "" {
			return auth.PrivateToken(pit), loc, nil
		}
		file = e.getenv("GHL_TOKEN_FILE")
	}
	if file == "" {
		return nil, "", errors.New("no credentials: set GHL_TOKEN to a Private Integration Token, or pass --token-file " +
			"with a token saved by an OAuth app's file store (see 'ghl --help')")
	}
	return fileSource(c, e, baseURL, file, loc)
}

// fileSource reads a token file of auth.FileStore. With the app's credentials ($GHL_CLIENT_ID and
// $GHL_CLIENT_SECRET) the token is refreshed through the store, under its lock, so that this command and any
// other process sharing the directory never spend the same refresh token twice. Without them the access token
// is used as it is until it expires.
func fileSource(c *common, e *env, baseURL, file, loc string) (ghl.TokenSource, string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", fmt.Errorf("token file: %w", err)
	}
	b, err := os.ReadFile(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("token file %s does not exist", abs)
	}
	if err != nil {
		return nil, "", fmt.Errorf("token file: %w", err)
	}
	tok, err := auth.UnmarshalToken(b)
	if err != nil {
		return nil, "", fmt.Errorf("token file %s: %w", abs, err)
	}
	if loc == "" && tok.UserType != auth.Company {
		loc = tok.LocationID
	}
	clientID, secret := e.getenv("GHL_CLIENT_ID"), e.getenv("GHL_CLIENT_SECRET")
	if clientID == "" || secret == "" {
		switch {
		case tok.UserType == auth.Company:
			return nil, "", fmt.Errorf("token file %s holds an agency token: set GHL_CLIENT_ID and GHL_CLIENT_SECRET so that ghl can get the location's token", abs)
		case !tok.Expiry.IsZero() && !e.clk().Now().Before(tok.Expiry):
			return nil, "", fmt.Errorf("the access token in %s expired at %s: set GHL_CLIENT_ID and GHL_CLIENT_SECRET so that ghl can refresh it",
				abs, tok.Expiry.Format(time.RFC3339))
		}
		return auth.StaticToken(tok.AccessToken), loc, nil
	}
	store, err := auth.NewFileStore(filepath.Dir(abs))
	if err != nil {
		return nil, "", err
	}
	key := auth.KeyOf(clientID, tok)
	if err := key.Validate(); err != nil {
		return nil, "", fmt.Errorf("token file %s: %w", abs, err)
	}
	if want := store.Path(key); want != abs {
		return nil, "", fmt.Errorf("token file %s is not where the file store keeps the token of app %s for %s (%s): was it saved by another app?",
			abs, clientID, key.ID, filepath.Base(want))
	}
	app := &auth.App{ClientID: clientID, ClientSecret: secret, BaseURL: baseURL, HTTPClient: e.httpClient, Now: e.clk().Now}
	return app.Source(store, key), loc, nil
}
