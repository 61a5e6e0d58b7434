package appointments

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/clock"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/require"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// env is a Service against a ghltest server that holds one contact.
type env struct {
	srv       *ghltest.Server
	svc       *Service
	contactID string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	t.Cleanup(srv.Close)
	tc, err := transport.New(transport.Config{
		BaseURL: srv.URL, HTTPClient: srv.Client(), Tokens: auth.PrivateToken(srv.IssueToken("loc1")),
		LocationID: "loc1", Clock: clock.NewFake(start),
	})
	require.NoError(t, err)
	c := srv.AddContact(ghltest.Contact{FirstName: "Ada"})
	return &env{srv: srv, svc: NewService(tc), contactID: c.ID}
}

// scripted is a Service against a server that answers every request with status and body, and the
// requests it received.
func scripted(t *testing.T, status int, body string) (*Service, func() []*http.Request) {
	t.Helper()
	var mu sync.Mutex
	var seen []*http.Request
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Clone(context.Background()))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	tc, err := transport.New(transport.Config{
		BaseURL: ts.URL, Tokens: auth.PrivateToken("pit-test"), Clock: clock.NewFake(start),
	})
	require.NoError(t, err)
	return NewService(tc), func() []*http.Request {
		mu.Lock()
		defer mu.Unlock()
		return append([]*http.Request(nil), seen...)
	}
}
