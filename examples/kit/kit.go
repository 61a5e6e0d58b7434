// Package kit holds what the example programs share: connecting to HighLevel or to the in-memory fake, serving
// a webhook receiver until the context ends, and output that reads the same on every run. It is public so that
// the recipes in a module of their own (examples/mirror) use it as the others do; it is not part of the SDK's
// API, and its names may change in any release.
package kit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
)

// Connect builds a client for HighLevel from GHL_TOKEN and GHL_LOCATION_ID (and GHL_BASE_URL, to reach another
// server, such as cmd/ghltest's) or, with neither set, for a fresh in-memory fake, returned so that the caller
// can seed it and must close it. opts come last, so that tests can
// point the client elsewhere or give it a simulated clock.
func Connect(getenv func(string) string, out io.Writer, opts ...ghl.Option) (*ghl.Client, *ghltest.Server, error) {
	token, locationID := getenv("GHL_TOKEN"), getenv("GHL_LOCATION_ID")
	var fake *ghltest.Server
	switch {
	case token != "" && locationID != "":
		if base := getenv("GHL_BASE_URL"); base != "" {
			opts = append([]ghl.Option{ghl.WithBaseURL(base)}, opts...)
		}
	case token != "" || locationID != "":
		return nil, nil, errors.New("set both GHL_TOKEN and GHL_LOCATION_ID to use the real API, or neither to use the fake")
	default:
		fake = ghltest.NewServer()
		locationID = fake.LocationID()
		token = fake.IssueToken(locationID)
		opts = append([]ghl.Option{ghl.WithBaseURL(fake.URL)}, opts...)
		fmt.Fprintf(out, "No GHL_TOKEN set: using the in-memory fake HighLevel (ghltest) at %s.\n", fake.URL)
	}
	client, err := ghl.NewClient(append([]ghl.Option{
		ghl.WithTokenSource(auth.PrivateToken(token)),
		ghl.WithLocationID(locationID),
	}, opts...)...)
	if err != nil {
		if fake != nil {
			fake.Close()
		}
		return nil, nil, err
	}
	if fake == nil {
		fmt.Fprintf(out, "Using the API at %s for location %s.\n", client.BaseURL(), locationID)
	}
	return client, fake, nil
}

// Serve serves h on ln until ctx ends, then shuts the server down gracefully.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LockedWriter serialises writes from a server's goroutines and the caller's.
type LockedWriter struct {
	mu sync.Mutex
	W  io.Writer
}

// Write writes p to W under the lock.
func (l *LockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.W.Write(p)
}

// DropTime is a slog ReplaceAttr that leaves the time out of log lines, so that a run reads the same every time.
func DropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
