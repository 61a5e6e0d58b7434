package ghltest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeClock is a Clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a server, a clock and a token of the server's default location.
type fixture struct {
	srv   *Server
	clock *fakeClock
	token string
	loc   string
}

func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	clk := newFakeClock()
	srv := NewServer(append([]Option{WithClock(clk), WithLocation("loc1")}, opts...)...)
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, clock: clk, token: srv.IssueToken("loc1"), loc: "loc1"}
}

// reply is a response with its body read.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value for assertions.
func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body: %s", r.body)
	return m
}

// send makes a request with the token (none when empty) and the Version header, plus any extra headers
// ("Version" set to "" removes it). body may be nil, a string (sent as is) or a value sent as JSON.
func (f *fixture) send(t *testing.T, method, path, token string, body any, headers ...string) reply {
	t.Helper()
	req := f.request(t, method, path, token, body, headers...)
	resp, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

func (f *fixture) request(t *testing.T, method, path, token string, body any, headers ...string) *http.Request {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		j, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Version", APIVersion)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return req
}

// do is send with the fixture's token.
func (f *fixture) do(t *testing.T, method, path string, body any) reply {
	t.Helper()
	return f.send(t, method, path, f.token, body)
}

// create makes a contact through the API and returns its ID.
func (f *fixture) create(t *testing.T, body map[string]any) string {
	t.Helper()
	if _, ok := body["locationId"]; !ok {
		body["locationId"] = f.loc
	}
	r := f.do(t, http.MethodPost, "/contacts/", body)
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	id, _ := r.json(t)["contact"].(map[string]any)["id"].(string)
	require.NotEmpty(t, id)
	return id
}
