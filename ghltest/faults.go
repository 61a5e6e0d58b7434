package ghltest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// Fault makes the server misbehave on the next requests to one route (see Server.InjectFault).
//
// A Fault answers Status with Body instead of the normal answer. Reset closes the connection before any
// answer (the handler does not run). Truncate, CutShort, ChunkedHalf and Stall break the answer instead;
// without a Status they break the normal answer, so the handler runs and its effect (a created contact) stays. AfterHandler runs the handler first in every case, so that the record is
// created and the client still sees the fault: HighLevel can answer 422 or 5xx, or time out, and still
// create. For example, "422 but created" on a contact create:
//
//	srv.InjectFault("POST", "/contacts/", ghltest.Fault{Status: 422, AfterHandler: true})
//
// The three ways a body can be cut short look different to a client: Truncate breaks the connection short of
// the Content-Length (a read error), CutShort sends half the body behind a Content-Length that matches it (the
// read succeeds, the JSON is incomplete), and ChunkedHalf sends half the body chunked and ends the stream
// cleanly (no Content-Length to check at all).
type Fault struct {
	// Status is the status to answer. Zero means 500, unless Reset, Truncate or Stall is set.
	Status int
	// Body is the body to answer; empty means HighLevel's error shape for Status.
	Body string
	// Headers are set on the answer, over the usual ones.
	Headers map[string]string
	// NoRateLimitHeaders leaves out the X-RateLimit-* headers, to test a 429 without them.
	NoRateLimitHeaders bool
	// Reset closes the connection with a TCP reset before anything is answered.
	Reset bool
	// Truncate sends the headers with the full Content-Length, then half the body, then closes the connection.
	Truncate bool
	// CutShort sends half the body with a Content-Length of that half: a well-formed answer whose JSON ends
	// early.
	CutShort bool
	// ChunkedHalf sends half the body with chunked transfer encoding and ends the chunked stream cleanly.
	ChunkedHalf bool
	// Stall sends the headers and half the body, then waits until the client goes away or the server is
	// closed: a slow body that runs past the client's deadline.
	Stall bool
	// AfterHandler runs the normal handler before the fault is answered.
	AfterHandler bool
	// Echo answers Status (500 if zero) with the request written into HighLevel's error shape: its
	// headers, the Authorization header included, in "message" and "error", and its body in "message", as a
	// misconfigured server or proxy might. It lets a test check that no credential the client sent reaches
	// an error string or a log line.
	Echo bool
	// Times is how many matching requests get the fault; zero means 1.
	Times int
}

type faultBook struct {
	mu      sync.Mutex
	pending []*pendingFault
}

type pendingFault struct {
	method, template string
	fault            Fault
	left             int
}

// InjectFault makes the next f.Times requests to the route of method and template (as in
// InjectFault("POST", "/contacts/", f)) get the fault. Faults are consumed in the order they were injected.
// Only requests that pass the token, scope, location, Version and rate-limit checks meet a fault; such a
// request is recorded and charged to the rate limit like any other.
//
// Go's http.Transport silently resends a GET (or another idempotent request) once when a reused connection
// fails; to see a Reset on a GET from a keep-alive client, inject it with Times: 2.
func (s *Server) InjectFault(method, template string, f Fault) {
	n := f.Times
	if n < 1 {
		n = 1
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.pending = append(s.faults.pending, &pendingFault{method: method, template: template, fault: f, left: n})
}

// ClearFaults drops every fault not consumed yet.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.pending = nil
}

// next consumes the first pending fault for the route, if any.
func (b *faultBook) next(method, template string) (Fault, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, p := range b.pending {
		if p.method != method || !sameTemplate(p.template, template) {
			continue
		}
		if p.left--; p.left == 0 {
			b.pending = append(b.pending[:i], b.pending[i+1:]...)
		}
		return p.fault, true
	}
	return Fault{}, false
}

// serveFault answers c with f.
func (s *Server) serveFault(c *call, f Fault) {
	breaks := f.Reset || f.Truncate || f.CutShort || f.ChunkedHalf || f.Stall
	if f.Status == 0 && !breaks {
		f.Status = http.StatusInternalServerError
	}
	status, header, body := 0, http.Header{}, []byte(nil)
	if f.AfterHandler || (f.Status == 0 && breaks && !f.Reset) {
		rec := httptest.NewRecorder()
		hc := *c
		hc.w = rec
		c.route.handler(&hc)
		status, header, body = rec.Code, rec.Header(), rec.Body.Bytes()
	}
	if f.Status != 0 {
		status, body = f.Status, []byte(f.Body)
		header = http.Header{"Content-Type": {"application/json; charset=utf-8"}}
		switch {
		case f.Echo:
			body = echoBody(f.Status, c.r, c.body)
		case f.Body == "":
			body = defaultFaultBody(f.Status)
		}
	}
	rc := http.NewResponseController(c.w)
	if f.Reset {
		c.sw.settle(0)
		resetConn(rc)
		return
	}
	h := c.w.Header()
	if f.NoRateLimitHeaders {
		for _, k := range rateLimitHeaders {
			h.Del(k)
		}
	}
	for k, v := range header {
		h[k] = v
	}
	for k, v := range f.Headers {
		h.Set(k, v)
	}
	switch {
	case f.CutShort:
		body = body[:len(body)/2]
	case f.ChunkedHalf:
		h.Del("Content-Length")
		c.w.WriteHeader(status)
		_, _ = c.w.Write(body[:len(body)/2])
		_ = rc.Flush() // from here on the answer is chunked; returning ends it with the last chunk
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(status)
	if !f.Truncate && !f.Stall {
		_, _ = c.w.Write(body)
		return
	}
	_, _ = c.w.Write(body[:len(body)/2])
	_ = rc.Flush()
	if f.Truncate {
		if conn, _, err := rc.Hijack(); err == nil {
			_ = conn.Close()
		}
		return
	}
	// Returning short of Content-Length makes net/http close the connection.
	reason := "client"
	select {
	case <-c.r.Context().Done():
	case <-s.done:
		reason = "close"
	}
	if s.stallEnded != nil {
		s.stallEnded(reason)
	}
}

// resetConn closes the connection with SO_LINGER 0, so the client reads a TCP reset.
func resetConn(rc *http.ResponseController) {
	conn, _, err := rc.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
