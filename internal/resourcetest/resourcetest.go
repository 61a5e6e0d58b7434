// Package resourcetest builds the transport clients that the resource packages' tests send through: one against
// a ghltest server, one against a server that gives the same scripted answer to every request.
package resourcetest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/require"
)

// Start is the simulated time the clients' clocks start at.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Location is the location of the fake's token and contact.
const Location = "loc1"

// Fake starts a ghltest server with one contact in Location and returns a client with a token of that location.
func Fake(t *testing.T) (srv *ghltest.Server, c *transport.Client, contactID string) {
	t.Helper()
	clk := clock.NewFake(Start)
	srv = ghltest.NewServer(ghltest.WithLocation(Location), ghltest.WithClock(clk))
	t.Cleanup(srv.Close)
	c, err := transport.New(transport.Config{
		BaseURL: srv.URL, HTTPClient: srv.Client(), Tokens: auth.PrivateToken(srv.IssueToken(Location)),
		LocationID: Location, Clock: clk,
	})
	require.NoError(t, err)
	return srv, c, srv.AddContact(ghltest.Contact{FirstName: "Ada"}).ID
}

// Scripted returns a client against a server that answers every request with status and body, and a function
// that returns the requests it received.
func Scripted(t *testing.T, status int, body string) (*transport.Client, func() []*http.Request) {
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
	c, err := transport.New(transport.Config{BaseURL: ts.URL, Tokens: auth.PrivateToken("pit-test"), Clock: clock.NewFake(Start)})
	require.NoError(t, err)
	return c, func() []*http.Request {
		mu.Lock()
		defer mu.Unlock()
		return append([]*http.Request(nil), seen...)
	}
}
