package ghl_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dialCounter is a loopback server that counts the connections opened to it, so that a test can tell a reused
// connection from a new one.
func dialCounter(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var dials atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			dials.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &dials
}

func get(t *testing.T, hc *http.Client, url string) {
	t.Helper()
	resp, err := hc.Get(url)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())
}

func TestCloseReleasesOnlyTheSDKsOwnPool(t *testing.T) {
	srv, dials := dialCounter(t)
	ctx := context.Background()
	client, err := ghl.NewClient(ghl.WithBaseURL(srv.URL), ghl.WithTokenSource(auth.PrivateToken("pit-x")))
	require.NoError(t, err)
	mine := &http.Client{Transport: &http.Transport{}}
	defaultClient := &http.Client{Transport: http.DefaultTransport}

	require.NoError(t, client.Do(ctx, http.MethodGet, "/x", nil, nil))
	get(t, mine, srv.URL)
	get(t, defaultClient, srv.URL)
	require.EqualValues(t, 3, dials.Load())

	require.NoError(t, client.Close())

	get(t, mine, srv.URL)
	get(t, defaultClient, srv.URL)
	assert.EqualValues(t, 3, dials.Load(), "a user's pool and http.DefaultTransport keep their connections")
	require.NoError(t, client.Do(ctx, http.MethodGet, "/x", nil, nil))
	assert.EqualValues(t, 4, dials.Load(), "the SDK's idle connection was closed; the client dials again")
	require.NoError(t, client.ForLocation("loc-2").Do(ctx, http.MethodGet, "/x", nil, nil))
	assert.EqualValues(t, 4, dials.Load(), "the client stays usable and its views share the new connection")
}

func TestCloseLeavesAClientGivenWithWithHTTPClient(t *testing.T) {
	srv, dials := dialCounter(t)
	ctx := context.Background()
	hc := &http.Client{Transport: &http.Transport{}}
	client, err := ghl.NewClient(ghl.WithBaseURL(srv.URL), ghl.WithTokenSource(auth.PrivateToken("pit-x")),
		ghl.WithHTTPClient(hc))
	require.NoError(t, err)

	require.NoError(t, client.Do(ctx, http.MethodGet, "/x", nil, nil))
	require.NoError(t, client.Close())
	require.NoError(t, client.Do(ctx, http.MethodGet, "/x", nil, nil))
	assert.EqualValues(t, 1, dials.Load(), "the user's pool is the user's to close")
}
