package ghltest

import (
	"net/http"
	"sync"
	"time"
)

// Request is one request the server received, as recorded before it was answered.
type Request struct {
	Method string
	// Path is the unescaped path; RawPath is the path as sent, escapes kept.
	Path    string
	RawPath string
	// RawQuery is the query string without "?".
	RawQuery string
	// Route is the template of the route that matched, like "/contacts/{contactId}"; "" when none did.
	Route  string
	Header http.Header
	Body   []byte
	// At is the time on the server's clock when the request arrived.
	At time.Time
	// Status is the status answered; 0 while the request is being answered or when the connection was reset.
	Status int
}

type recorder struct {
	mu   sync.Mutex
	reqs []Request
	gen  int // counts resets, so that a late status does not land on another request
}

// entry names one recorded request for setStatus.
type entry struct{ gen, index int }

func (rec *recorder) add(r Request) entry {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.reqs = append(rec.reqs, r)
	return entry{gen: rec.gen, index: len(rec.reqs) - 1}
}

// setStatus fills in the answer of a request, unless the log was reset since.
func (rec *recorder) setStatus(e entry, status int) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if e.gen == rec.gen && e.index < len(rec.reqs) {
		rec.reqs[e.index].Status = status
	}
}

// Requests returns a copy of every request received since the start or the last ResetRequests, in arrival order.
func (s *Server) Requests() []Request {
	return s.requestsWhere(func(Request) bool { return true })
}

// RequestsTo returns the recorded requests that matched the route of method and template, like
// RequestsTo("PUT", "/contacts/{contactId}").
func (s *Server) RequestsTo(method, template string) []Request {
	return s.requestsWhere(func(r Request) bool {
		return r.Method == method && r.Route != "" && sameTemplate(r.Route, template)
	})
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.reqs = nil
	s.log.gen++
}

func (s *Server) requestsWhere(keep func(Request) bool) []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	var out []Request
	for _, r := range s.log.reqs {
		if keep(r) {
			r.Header = r.Header.Clone()
			r.Body = append([]byte(nil), r.Body...)
			out = append(out, r)
		}
	}
	return out
}
