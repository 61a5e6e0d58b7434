package ghltest

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter keeps HighLevel's two budgets per location: a burst of max requests in any window (a sliding window
// over the times of accepted requests) and a daily budget (calendar days in UTC on the server's clock).
//
// A refused request consumes neither budget: HighLevel does not charge a 429 against the budget, so a client
// that backs off as told by the headers gets through as soon as the window has slid.
type limiter struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	daily   int
	buckets map[string]*bucket
}

type bucket struct {
	hits []time.Time // accepted requests still inside the window, oldest first
	day  string      // the UTC day that used counts
	used int
}

// verdict is the limiter's answer for one request.
type verdict struct {
	burstRefused   bool
	dailyRefused   bool
	remaining      int
	dailyRemaining int
}

func (v verdict) allowed() bool { return !v.burstRefused && !v.dailyRefused }

func newLimiter(max int, window time.Duration, daily int) *limiter {
	return &limiter{max: max, window: window, daily: daily, buckets: map[string]*bucket{}}
}

// slide drops what the clock has moved past. A hit at t counts during [t, t+window).
func (l *limiter) slide(location string, now time.Time) *bucket {
	b := l.buckets[location]
	if b == nil {
		b = &bucket{}
		l.buckets[location] = b
	}
	cut := 0
	for cut < len(b.hits) && !now.Before(b.hits[cut].Add(l.window)) {
		cut++
	}
	b.hits = b.hits[cut:]
	if day := now.UTC().Format(time.DateOnly); day != b.day {
		b.day, b.used = day, 0
	}
	return b
}

// take charges one request to location if both budgets allow it.
func (l *limiter) take(location string, now time.Time) verdict {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.slide(location, now)
	v := verdict{dailyRefused: b.used >= l.daily, burstRefused: len(b.hits) >= l.max}
	if v.allowed() {
		b.hits = append(b.hits, now)
		b.used++
	}
	v.remaining, v.dailyRemaining = l.max-len(b.hits), l.daily-b.used
	return v
}

// peek tells the budgets of location without charging anything.
func (l *limiter) peek(location string, now time.Time) verdict {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.slide(location, now)
	return verdict{remaining: l.max - len(b.hits), dailyRemaining: l.daily - b.used}
}

// setHeaders writes HighLevel's five rate-limit headers.
func (l *limiter) setHeaders(h http.Header, v verdict) {
	h.Set("X-RateLimit-Limit-Daily", strconv.Itoa(l.daily))
	h.Set("X-RateLimit-Daily-Remaining", strconv.Itoa(max(v.dailyRemaining, 0)))
	h.Set("X-RateLimit-Interval-Milliseconds", strconv.FormatInt(l.window.Milliseconds(), 10))
	h.Set("X-RateLimit-Max", strconv.Itoa(l.max))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(v.remaining, 0)))
}

// rateLimitHeaders lists the headers every answer carries unless a Fault says otherwise.
var rateLimitHeaders = []string{
	"X-RateLimit-Limit-Daily", "X-RateLimit-Daily-Remaining", "X-RateLimit-Interval-Milliseconds",
	"X-RateLimit-Max", "X-RateLimit-Remaining",
}
