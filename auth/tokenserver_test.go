package auth_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
)

const (
	testClientID     = "client-1.app"
	testClientSecret = "secret-of-the-client-3c9f"
	testRedirect     = "http://127.0.0.1/callback"
)

// tokenServer is a small HighLevel token endpoint: codes, rotating refresh tokens, location tokens.
type tokenServer struct {
	*httptest.Server
	t *testing.T

	mu        sync.Mutex
	seq       int
	refresh   map[string]grant // live refresh tokens
	access    map[string]grant // live access tokens
	refreshes int              // refresh requests received
	rejected  int              // refresh requests answered invalid_grant
	mints     int
	exchanges int
	forms     []url.Values
	ttl       int // expires_in, seconds
	// fail, when set, answers a request instead of the normal handler (status 0: drop the connection).
	fail func(r *http.Request) (status int, body string, ok bool)
	// gate, when set, is waited on before a refresh is answered.
	gate chan struct{}
}

type grant struct {
	userType, locationID, companyID string
}

func newTokenServer(t *testing.T) *tokenServer {
	ts := &tokenServer{t: t, refresh: map[string]grant{}, access: map[string]grant{}, ttl: 86399}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", ts.token)
	mux.HandleFunc("POST /oauth/locationToken", ts.locationToken)
	ts.Server = httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func (ts *tokenServer) app(now func() time.Time) *auth.App {
	return &auth.App{
		ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: testRedirect,
		BaseURL: ts.URL, HTTPClient: ts.Client(), Now: now,
	}
}

// issue makes a live pair for g, as a completed authorization would.
func (ts *tokenServer) issue(g grant) (access, refresh string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.issueLocked(g)
}

func (ts *tokenServer) issueLocked(g grant) (access, refresh string) {
	ts.seq++
	access, refresh = fmt.Sprintf("at-%d-%s", ts.seq, g.userType), fmt.Sprintf("rt-%d-%s", ts.seq, g.userType)
	ts.access[access], ts.refresh[refresh] = g, g
	return access, refresh
}

func (ts *tokenServer) stored(g grant, now time.Time, expiresIn time.Duration) *auth.Token {
	at, rt := ts.issue(g)
	return &auth.Token{AccessToken: at, RefreshToken: rt, TokenType: "Bearer", IssuedAt: now.Add(expiresIn - 24*time.Hour),
		Expiry: now.Add(expiresIn), UserType: auth.UserType(g.userType), LocationID: g.locationID, CompanyID: g.companyID,
		Scopes: []string{"contacts.readonly", "contacts.write"}}
}

func (ts *tokenServer) counts() (refreshes, rejected, mints int) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.refreshes, ts.rejected, ts.mints
}

func (ts *tokenServer) answerFault(w http.ResponseWriter, r *http.Request) bool {
	ts.mu.Lock()
	fail := ts.fail
	ts.mu.Unlock()
	if fail == nil {
		return false
	}
	status, body, ok := fail(r)
	if !ok {
		return false
	}
	if status == 0 {
		hj, _ := w.(http.Hijacker)
		conn, _, err := hj.Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return true
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
	return true
}

func (ts *tokenServer) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	ts.mu.Lock()
	ts.forms = append(ts.forms, r.PostForm)
	if r.PostForm.Get("grant_type") == "refresh_token" {
		ts.refreshes++
	}
	gate := ts.gate
	ts.mu.Unlock()
	if r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testClientSecret {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"error": "invalid_client", "error_description": "bad client credentials"})
		return
	}
	if ts.answerFault(w, r) {
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		if r.PostForm.Get("code") != "good-code" {
			writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant", "error_description": "code good-code expected"})
			return
		}
		ut := r.PostForm.Get("user_type")
		g := grant{userType: ut, locationID: "loc-1", companyID: "co-1"}
		if ut == "Company" {
			g.locationID = ""
		}
		ts.mu.Lock()
		ts.exchanges++
		at, rt := ts.issueLocked(g)
		ts.mu.Unlock()
		ts.answerToken(w, g, at, rt)
	case "refresh_token":
		if gate != nil {
			<-gate
		}
		rt := r.PostForm.Get("refresh_token")
		ts.mu.Lock()
		g, ok := ts.refresh[rt]
		if !ok {
			ts.rejected++
			ts.mu.Unlock()
			writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant", "error_description": "Invalid grant: refresh token " + rt + " is invalid"})
			return
		}
		delete(ts.refresh, rt)
		at, nrt := ts.issueLocked(g)
		ts.mu.Unlock()
		ts.answerToken(w, g, at, nrt)
	default:
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type"})
	}
}

func (ts *tokenServer) locationToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	ts.mu.Lock()
	ts.mints++
	ts.forms = append(ts.forms, r.PostForm)
	g, ok := ts.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	ts.mu.Unlock()
	if ts.answerFault(w, r) {
		return
	}
	if !ok || g.userType != "Company" || r.Header.Get("Version") != "2021-07-28" {
		writeJSONBody(w, http.StatusUnauthorized, map[string]any{"statusCode": 401, "message": "Invalid JWT"})
		return
	}
	if r.PostForm.Get("companyId") != g.companyID {
		writeJSONBody(w, http.StatusBadRequest, map[string]any{"statusCode": 400, "message": "companyId does not match"})
		return
	}
	lg := grant{userType: "Location", locationID: r.PostForm.Get("locationId"), companyID: g.companyID}
	at, rt := ts.issue(lg)
	ts.answerToken(w, lg, at, rt)
}

// expire makes every access token unknown (as if they expired on the server).
func (ts *tokenServer) expireAll() {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.access = map[string]grant{}
}

func (ts *tokenServer) answerToken(w http.ResponseWriter, g grant, at, rt string) {
	ts.mu.Lock()
	ttl := ts.ttl
	ts.mu.Unlock()
	body := map[string]any{
		"access_token": at, "token_type": "Bearer", "expires_in": ttl, "refresh_token": rt,
		"scope": "contacts.readonly contacts.write", "userType": g.userType, "companyId": g.companyID, "userId": "user-1",
	}
	if g.locationID != "" {
		body["locationId"] = g.locationID
	}
	writeJSONBody(w, http.StatusOK, body)
}

func writeJSONBody(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fakeClock is a settable clock for App.Now.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
