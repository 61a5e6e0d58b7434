// Command oauth-connect installs a HighLevel OAuth app on a location: it starts a local callback server, prints
// the authorize URL, exchanges the code HighLevel sends back and saves the token in a file store, from where
// every later run (and every process sharing the directory) refreshes it safely.
//
//	GHL_CLIENT_ID=... GHL_CLIENT_SECRET=... go run ./examples/oauth-connect -addr 127.0.0.1:8765
//
// The app's redirect URL must be http://<addr>/callback (or set GHL_REDIRECT_URL to what is registered and
// forward it here). With no GHL_CLIENT_ID set it runs the whole flow by itself against the consent page of the
// in-memory fake HighLevel (package ghltest), and says so.
//
// The token files go to -store, else $GHL_TOKEN_DIR, else ghl/tokens under the user's config directory. Against
// the fake, without -store or GHL_TOKEN_DIR, they go to a temporary directory that is removed at exit: a demo
// writes nothing under the user's home.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "oauth-connect:", err)
		os.Exit(1)
	}
}

// run connects the app; args are the command-line flags.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("oauth-connect", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8765", "address of the local callback server")
	storeDir := fs.String("store", "", "directory of the token files, created with mode 0700 (default $GHL_TOKEN_DIR, else "+
		defaultStoreDir()+"; against the fake, a temporary directory)")
	userType := fs.String("user-type", "Location", "token to ask for: Location or Company")
	if err := fs.Parse(args); err != nil {
		return err
	}
	app := &auth.App{
		ClientID:     os.Getenv("GHL_CLIENT_ID"),
		ClientSecret: os.Getenv("GHL_CLIENT_SECRET"),
		RedirectURL:  os.Getenv("GHL_REDIRECT_URL"),
	}
	var demo *ghltest.Server
	if app.ClientID == "" {
		demo = ghltest.NewServer()
		defer demo.Close()
		app.ClientID, app.ClientSecret = "demo-app", "demo-secret"
		app.BaseURL, app.AuthURL, app.HTTPClient = demo.URL, demo.AuthorizeURL(), demo.Client()
		demo.RegisterApp(ghltest.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret})
		demo.AddContact(ghltest.Contact{LocationID: demo.LocationID(), FirstName: "Ada", Email: "ada@example.com"})
		*addr = "127.0.0.1:0"
		fmt.Fprintf(out, "No GHL_CLIENT_ID set: running the whole flow against the in-memory fake HighLevel (ghltest) at %s.\n", demo.URL)
	} else if app.ClientSecret == "" {
		return errors.New("GHL_CLIENT_SECRET is required with GHL_CLIENT_ID")
	}
	dir, cleanup, err := tokenDir(*storeDir, demo != nil, out)
	if err != nil {
		return err
	}
	defer cleanup()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("callback server: %w", err)
	}
	if app.RedirectURL == "" {
		app.RedirectURL = "http://" + ln.Addr().String() + "/callback"
	}
	state, err := newState()
	if err != nil {
		return err
	}
	codes := make(chan string, 1)
	srv := &http.Server{Handler: callback(state, codes), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	authURL := app.AuthCodeURL(state)
	fmt.Fprintf(out, "Open this URL, choose a location and accept:\n\n  %s\n\nWaiting for HighLevel to redirect to %s ...\n", authURL, app.RedirectURL)
	if demo != nil {
		go consentAsTheUser(ctx, demo.Client(), authURL)
	}
	var code string
	select {
	case code = <-codes:
	case <-ctx.Done():
		return ctx.Err()
	}
	tok, err := app.Exchange(ctx, code, auth.UserType(*userType))
	if err != nil {
		return err
	}
	store, err := auth.NewFileStore(dir)
	if err != nil {
		return err
	}
	src, err := app.Connect(ctx, store, tok)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Connected %s; token saved in %s (expires %s).\n", src.Key(), store.Path(src.Key()), tok.Expiry.Format(time.RFC3339))
	if tok.UserType != auth.Location {
		return nil
	}
	return firstCall(ctx, out, app, src, tok.LocationID)
}

// callback answers HighLevel's redirect: it checks the state and hands the code on.
func callback(state string, codes chan<- string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /callback", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("state") != state || q.Get("code") == "" {
			http.Error(w, "unexpected callback: wrong state or no code", http.StatusBadRequest)
			return
		}
		select {
		case codes <- q.Get("code"):
			fmt.Fprintln(w, "Connected. You can close this tab.")
		default:
			http.Error(w, "already connected", http.StatusConflict)
		}
	})
	return mux
}

// consentAsTheUser follows the authorize URL as a browser would: the fake consent page redirects at once.
func consentAsTheUser(ctx context.Context, hc *http.Client, authURL string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return
	}
	browser := &http.Client{Transport: hc.Transport, Timeout: 30 * time.Second}
	if resp, err := browser.Do(req); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// firstCall proves the token works: a one-contact search in the connected location.
func firstCall(ctx context.Context, out io.Writer, app *auth.App, src *auth.Source, locationID string) error {
	opts := []ghl.Option{ghl.WithTokenSource(src), ghl.WithLocationID(locationID)}
	if app.BaseURL != "" {
		opts = append(opts, ghl.WithBaseURL(app.BaseURL))
	}
	client, err := ghl.NewClient(opts...)
	if err != nil {
		return err
	}
	var res struct {
		Total int `json:"total"`
	}
	body := map[string]any{"locationId": locationID, "pageLimit": 1}
	if err := client.Do(ctx, http.MethodPost, "/contacts/search", body, &res); err != nil {
		return fmt.Errorf("first call with the new token: %w", err)
	}
	fmt.Fprintf(out, "First call with the new token: location %s has %d contact(s).\n", locationID, res.Total)
	return nil
}

func newState() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// tokenDir is where the token files go: the flag, else $GHL_TOKEN_DIR, else for the fake a temporary directory
// (removed by cleanup), else the user's config directory.
func tokenDir(flagged string, fake bool, out io.Writer) (dir string, cleanup func(), err error) {
	cleanup = func() {}
	switch {
	case flagged != "":
		return flagged, cleanup, nil
	case os.Getenv("GHL_TOKEN_DIR") != "":
		return os.Getenv("GHL_TOKEN_DIR"), cleanup, nil
	case !fake:
		return defaultStoreDir(), cleanup, nil
	}
	tmp, err := os.MkdirTemp("", "ghl-oauth-connect-")
	if err != nil {
		return "", cleanup, err
	}
	dir = filepath.Join(tmp, "tokens")
	fmt.Fprintf(out, "The fake's token goes to %s, removed at exit (set -store or GHL_TOKEN_DIR to keep it).\n", dir)
	return dir, func() { _ = os.RemoveAll(tmp) }, nil
}

func defaultStoreDir() string {
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "ghl", "tokens")
	}
	return ".ghl-tokens"
}
