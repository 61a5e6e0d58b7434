package api

import "time"

// RateLimit is what HighLevel's X-RateLimit-* headers said on one response. A field is zero (and its Known flag
// false) when the header was absent.
type RateLimit struct {
	// Max is the burst budget per Interval (X-RateLimit-Max).
	Max int
	// Remaining is what is left of the burst budget (X-RateLimit-Remaining).
	Remaining int
	// Interval is the burst window (X-RateLimit-Interval-Milliseconds), capped at the client's configured
	// rate-limit window (10 s by default) so that one absurd header cannot hold a location for hours.
	Interval time.Duration
	// DailyLimit is the daily budget (X-RateLimit-Limit-Daily).
	DailyLimit int
	// DailyRemaining is what is left of the daily budget (X-RateLimit-Daily-Remaining).
	DailyRemaining int
	// DailyReset is when the daily budget resets, when the server said (X-RateLimit-Daily-Reset or Retry-After on a
	// daily 429); zero otherwise.
	DailyReset time.Time
	// At is when the response was received.
	At time.Time

	// Known reports whether the burst headers were present.
	Known bool
	// DailyKnown reports whether the daily headers were present.
	DailyKnown bool
}

// DailyExhausted reports that the daily budget is known to be spent: a 429 then will not pass by waiting.
func (rl RateLimit) DailyExhausted() bool { return rl.DailyKnown && rl.DailyRemaining == 0 }
