package ghltest

import (
	"net"
	"net/http"
	"net/http/httptest"
)

// WithListener makes NewServer serve on l instead of a fresh loopback port: a fixed address such as
// 127.0.0.1:8080, for a fake that programs in other languages, or a person, reach (cmd/ghltest does). The
// server takes l over; Close closes it, after the requests under way have been answered.
func WithListener(l net.Listener) Option {
	return func(cfg *config) { cfg.listener = l }
}

// startListening serves h on l, or on a loopback port of its own when l is nil. httptest's server is used in
// both cases: its Close waits for the answers under way, which is the graceful stop a standalone fake needs.
func startListening(l net.Listener, h http.Handler) *httptest.Server {
	if l == nil {
		return httptest.NewServer(h)
	}
	ts := httptest.NewUnstartedServer(h)
	_ = ts.Listener.Close() // the loopback port it opened; l replaces it
	ts.Listener = l
	ts.Start()
	return ts
}
