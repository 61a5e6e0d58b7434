package auth_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/require"
)

const (
	e2eClientID = "e2e-client.app"
	e2eSecret   = "e2e-client-secret-5d1e"
)

// e2e is a ghltest server that knows the app, a clock shared by the server and the app, a file store and a
// Debug log that every part writes to.
type e2e struct {
	srv     *ghltest.Server
	clk     *fakeClock
	app     *auth.App
	store   *auth.FileStore
	contact ghltest.Contact
	logs    *syncBuffer
	log     *slog.Logger
}

func newE2E(t *testing.T) *e2e {
	t.Helper()
	clk := newFakeClock()
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc1"),
		ghltest.WithRateLimit(1<<20, time.Second), ghltest.WithDailyLimit(1<<30))
	t.Cleanup(srv.Close)
	srv.RegisterApp(ghltest.App{ClientID: e2eClientID, ClientSecret: e2eSecret})
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store, err := auth.NewFileStore(t.TempDir() + "/tokens")
	require.NoError(t, err)
	return &e2e{
		srv: srv, clk: clk, store: store, logs: logs, log: log,
		contact: srv.AddContact(ghltest.Contact{LocationID: "loc1", FirstName: "Ada"}),
		app: &auth.App{ClientID: e2eClientID, ClientSecret: e2eSecret, BaseURL: srv.URL, HTTPClient: srv.Client(),
			Now: clk.Now, Logger: log},
	}
}

// connect stores a fresh pair of locationID ("" for the agency) as an authorization would, and returns its
// Source.
func (e *e2e) connect(t *testing.T, locationID string, scopes ...string) *auth.Source {
	t.Helper()
	p := e.srv.IssueOAuthPair(locationID, scopes...)
	tok := &auth.Token{AccessToken: p.AccessToken, RefreshToken: p.RefreshToken, TokenType: "Bearer",
		IssuedAt: e.clk.Now(), Expiry: e.clk.Now().Add(p.ExpiresIn), Scopes: p.Scopes,
		UserType: auth.Location, LocationID: locationID, CompanyID: e.srv.CompanyID()}
	if locationID == "" {
		tok.UserType = auth.Company
	}
	src, err := e.app.Connect(context.Background(), e.store, tok)
	require.NoError(t, err)
	return src
}

func (e *e2e) client(t *testing.T, src auth.TokenSource, locationID string) *ghl.Client {
	t.Helper()
	c, err := ghl.NewClient(ghl.WithBaseURL(e.srv.URL), ghl.WithHTTPClient(e.srv.Client()), ghl.WithTokenSource(src),
		ghl.WithLocationID(locationID), ghl.WithoutRateLimit(), ghl.WithLogger(e.log))
	require.NoError(t, err)
	return c
}

// secrets lists every credential that went over the wire: bearer tokens, refresh tokens, codes, the client
// secret, plus the tokens the store holds now.
func (e *e2e) secrets(t *testing.T, keys ...auth.Key) []string {
	t.Helper()
	set := map[string]bool{e2eSecret: true}
	for _, r := range e.srv.Requests() {
		if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			set[v] = true
		}
		if form, err := url.ParseQuery(string(r.Body)); err == nil {
			for _, f := range []string{"refresh_token", "client_secret", "code"} {
				if v := form.Get(f); v != "" {
					set[v] = true
				}
			}
		}
	}
	for _, k := range keys {
		if tok, err := e.store.Load(context.Background(), k); err == nil {
			set[tok.AccessToken], set[tok.RefreshToken] = true, true
		}
	}
	delete(set, "")
	list := make([]string, 0, len(set))
	for s := range set {
		list = append(list, s)
	}
	return list
}

// syncBuffer is a bytes.Buffer for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
