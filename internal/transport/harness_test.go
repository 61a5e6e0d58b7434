package transport

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/require"
)

const testToken = "pit-secret-0000-token"

// step is one scripted answer of a test server.
type step func(w http.ResponseWriter, r *http.Request)

// script answers the n-th request with steps[n], repeating the last step after that, and counts requests.
type script struct {
	mu    sync.Mutex
	steps []step
	seen  []*http.Request
	n     atomic.Int32
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(s.n.Add(1)) - 1
	s.mu.Lock()
	s.seen = append(s.seen, r.Clone(context.Background()))
	st := s.steps[min(i, len(s.steps)-1)]
	s.mu.Unlock()
	st(w, r)
}

func (s *script) count() int { return int(s.n.Load()) }

func (s *script) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.seen...)
}

// fixture is a transport client against a scripted server, on a fake clock, logging to a buffer.
type fixture struct {
	c      *Client
	clk    *clock.Fake
	srv    *httptest.Server
	script *script
	logs   *syncBuffer
	tokens *countingTokens
}

type fixtureOpt func(*Config)

func setup(t *testing.T, steps []step, opts ...fixtureOpt) *fixture {
	t.Helper()
	sc := &script{steps: steps}
	// Mount under a non-root path so that a request built without the base path fails loudly.
	mux := http.NewServeMux()
	mux.Handle("/base/", http.StripPrefix("/base", sc))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	logs := &syncBuffer{}
	f := &fixture{
		// Start at the wall clock's time: context deadlines are wall-clock times the transport compares with it.
		clk:    clock.NewFake(time.Now().UTC().Truncate(time.Second)),
		srv:    srv,
		script: sc,
		logs:   logs,
		tokens: &countingTokens{current: testToken},
	}
	cfg := Config{
		BaseURL:    srv.URL + "/base",
		Tokens:     f.tokens,
		LocationID: "loc-1",
		Clock:      f.clk,
		Logger:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := New(cfg)
	require.NoError(t, err)
	f.c = c
	return f
}

// countingTokens is a refreshable token source that counts refreshes.
type countingTokens struct {
	mu        sync.Mutex
	current   string
	refreshes int
	fail      error
}

func (s *countingTokens) Token(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current, nil
}

func (s *countingTokens) Refresh(_ context.Context, rejected string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return "", s.fail
	}
	if s.current == rejected {
		s.refreshes++
		s.current = "pit-secret-refreshed-" + strings.Repeat("x", s.refreshes)
	}
	return s.current, nil
}

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

// Answers the scripted server can give.

func jsonStep(status int, body string, headers ...string) step {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

var okContact = jsonStep(200, `{"contact":{"id":"c1","email":"ada@example.com"}}`)

func rateHeaders(remaining, dailyRemaining int) []string {
	return []string{
		"X-RateLimit-Max", "100",
		"X-RateLimit-Remaining", itoa(remaining),
		"X-RateLimit-Interval-Milliseconds", "10000",
		"X-RateLimit-Limit-Daily", "200000",
		"X-RateLimit-Daily-Remaining", itoa(dailyRemaining),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// resetStep closes the connection abruptly (RST) before any response.
func resetStep(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// truncatedStep promises a body it does not deliver.
func truncatedStep(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "200")
	w.WriteHeader(200)
	_, _ = w.Write([]byte(`{"contact":{"id":"c1","ema`))
	panic(http.ErrAbortHandler)
}
