package contacts_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/require"
)

// fake is a ghltest server with a contacts Service that talks to it.
type fake struct {
	srv *ghltest.Server
	svc *contacts.Service
	loc string
}

// newFake starts a ghltest server whose rate limit stays out of the way (these tests are about contacts,
// not about waiting), and a Service on a fake clock for it.
func newFake(t *testing.T, opts ...func(*transport.Config)) *fake {
	t.Helper()
	srv := ghltest.NewServer(ghltest.WithLocation(testLocation), ghltest.WithRateLimit(1_000_000, time.Second))
	t.Cleanup(srv.Close)
	cfg := transport.Config{
		BaseURL:    srv.URL,
		Tokens:     auth.PrivateToken(srv.IssueToken(testLocation)),
		LocationID: testLocation,
		Clock:      clock.NewFake(time.Now()),
		RateLimit:  transport.RateLimitPolicy{Disabled: true},
	}
	for _, o := range opts {
		o(&cfg)
	}
	tc, err := transport.New(cfg)
	require.NoError(t, err)
	return &fake{srv: srv, svc: registry.New[*contacts.Service](tc), loc: testLocation}
}

func withTimeout(d time.Duration) func(*transport.Config) {
	return func(c *transport.Config) { c.HTTPClient = &http.Client{Timeout: d} }
}

var errNotFound = transport.ErrNotFound
