package ghltest

import "sync"

// Stats counts the requests one location's tokens made.
type Stats struct {
	// Requests counts every request made with a known token of the location, whatever the answer.
	Requests int
	// Succeeded counts 2xx answers.
	Succeeded int
	// RateLimited counts requests the burst limit refused (429).
	RateLimited int
	// DailyLimited counts requests the daily limit refused (429).
	DailyLimited int
	// Statuses counts answers by status code, injected faults included. A reset connection has no status and
	// is counted under 0.
	Statuses map[int]int
}

type statsBook struct {
	mu  sync.Mutex
	per map[string]*Stats
}

func newStatsBook() *statsBook { return &statsBook{per: map[string]*Stats{}} }

func (b *statsBook) count(location string, status int, v verdict) {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.per[location]
	if st == nil {
		st = &Stats{Statuses: map[int]int{}}
		b.per[location] = st
	}
	st.Requests++
	st.Statuses[status]++
	if status >= 200 && status < 300 {
		st.Succeeded++
	}
	if v.dailyRefused {
		st.DailyLimited++
	} else if v.burstRefused {
		st.RateLimited++
	}
}

// Stats returns the counters of locationID's requests so far.
func (s *Server) Stats(locationID string) Stats {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	st := Stats{Statuses: map[int]int{}}
	if p := s.stats.per[locationID]; p != nil {
		st = *p
		st.Statuses = make(map[int]int, len(p.Statuses))
		for k, v := range p.Statuses {
			st.Statuses[k] = v
		}
	}
	return st
}
