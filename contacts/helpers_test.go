package contacts_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/require"
)

const testLocation = "loc1"

// seen is a request a test handler received.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// stub is a test server whose handler a test writes; it records every request.
type stub struct {
	mu   sync.Mutex
	reqs []seen
	h    http.HandlerFunc
}

func (s *stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	s.reqs = append(s.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
	s.mu.Unlock()
	s.h(w, r)
}

func (s *stub) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// newService returns a Service on a transport client against h, mounted under /base so that a path built
// without the base fails loudly; waits run on a fake clock.
func newService(t *testing.T, h http.HandlerFunc, opts ...func(*transport.Config)) (*contacts.Service, *stub) {
	t.Helper()
	st := &stub{h: h}
	mux := http.NewServeMux()
	mux.Handle("/base/", http.StripPrefix("/base", st))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := transport.Config{
		BaseURL:    srv.URL + "/base",
		Tokens:     auth.PrivateToken("pit-test"),
		LocationID: testLocation,
		Clock:      clock.NewFake(time.Now()),
	}
	for _, o := range opts {
		o(&cfg)
	}
	tc, err := transport.New(cfg)
	require.NoError(t, err)
	return registry.New[*contacts.Service](tc), st
}

func noLocation(c *transport.Config) { c.LocationID = "" }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// never fails the test if a request arrives.
func never(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
	}
}

func decodeBody(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), "body %s", b)
	return m
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
