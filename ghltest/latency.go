package ghltest

import (
	"net/http"
	"sync"
	"time"
)

// Sleeper is a Clock that can also wait. A server whose clock is a Sleeper spends the latency SetLatency adds
// on that clock; otherwise it waits with time.Sleep, which takes no real time in a testing/synctest bubble.
type Sleeper interface {
	Clock
	Sleep(d time.Duration)
}

// latencyBook holds the latency added per route.
type latencyBook struct {
	mu  sync.Mutex
	per map[string]time.Duration // method + " " + template
}

// SetLatency makes every request to the route of method and template (as InjectFault names routes, for
// example "POST", "/contacts/search") wait d before the server reads its time and handles it, as a slow
// HighLevel would; d <= 0 removes the latency. The wait is on the server's clock (see Sleeper), so a test
// that runs the SDK in a testing/synctest bubble, serving through Handler, measures minutes of latency in
// milliseconds. A request whose context ends while it waits is answered at once.
func (s *Server) SetLatency(method, template string, d time.Duration) {
	s.latency.mu.Lock()
	defer s.latency.mu.Unlock()
	if s.latency.per == nil {
		s.latency.per = map[string]time.Duration{}
	}
	if d <= 0 {
		delete(s.latency.per, method+" "+template)
		return
	}
	s.latency.per[method+" "+template] = d
}

// Handler returns the server's handler, for serving requests in process: from an http.RoundTripper inside a
// testing/synctest bubble, for example, where time moves only while no goroutine waits on a real network.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// wait spends the latency set for r's route, if any.
func (s *Server) wait(r *http.Request) {
	s.latency.mu.Lock()
	n := len(s.latency.per)
	s.latency.mu.Unlock()
	if n == 0 {
		return
	}
	rt, _, found := s.router.match(r.Method, r.URL.EscapedPath())
	if !found {
		return
	}
	s.latency.mu.Lock()
	d := s.latency.per[r.Method+" "+rt.template]
	s.latency.mu.Unlock()
	if d <= 0 {
		return
	}
	if sl, ok := s.clock.(Sleeper); ok {
		sl.Sleep(d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
