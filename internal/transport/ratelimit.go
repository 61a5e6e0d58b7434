package transport

import (
	"net/http"
	"strconv"
	"time"
)

// HighLevel's header names in canonical form, so that reading them on every response allocates nothing.
var (
	hdrMax            = http.CanonicalHeaderKey("X-RateLimit-Max")
	hdrRemaining      = http.CanonicalHeaderKey("X-RateLimit-Remaining")
	hdrInterval       = http.CanonicalHeaderKey("X-RateLimit-Interval-Milliseconds")
	hdrDailyLimit     = http.CanonicalHeaderKey("X-RateLimit-Limit-Daily")
	hdrDailyRemaining = http.CanonicalHeaderKey("X-RateLimit-Daily-Remaining")
	hdrDailyReset     = http.CanonicalHeaderKey("X-RateLimit-Daily-Reset")
)

// parseRateLimit reads HighLevel's headers; absent or malformed values are left unknown. The interval is capped
// at maxInterval.
func parseRateLimit(h http.Header, now time.Time, maxInterval time.Duration) RateLimit {
	rl := RateLimit{At: now}
	max, okMax := headerInt(h, hdrMax)
	rem, okRem := headerInt(h, hdrRemaining)
	if okRem {
		rl.Known = true
		rl.Remaining = rem
		rl.Max = max
		if ms, ok := headerInt(h, hdrInterval); ok {
			rl.Interval = maxInterval
			if int64(ms) < maxInterval.Milliseconds() {
				rl.Interval = time.Duration(ms) * time.Millisecond
			}
		}
	} else if okMax {
		rl.Max = max
	}
	if dr, ok := headerInt(h, hdrDailyRemaining); ok {
		rl.DailyKnown = true
		rl.DailyRemaining = dr
		rl.DailyLimit, _ = headerInt(h, hdrDailyLimit)
	}
	if v := headerValue(h, hdrDailyReset); v != "" {
		if sec, err := strconv.ParseInt(v, 10, 64); err == nil && sec > 0 {
			if sec > 1e9 { // an epoch time rather than seconds from now
				rl.DailyReset = time.Unix(sec, 0)
			} else {
				rl.DailyReset = now.Add(time.Duration(sec) * time.Second)
			}
		}
	}
	return rl
}

// headerValue reads a header by its canonical key without canonicalizing it again.
func headerValue(h http.Header, canonicalKey string) string {
	if v := h[canonicalKey]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func headerInt(h http.Header, canonicalKey string) (int, bool) {
	v := headerValue(h, canonicalKey)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
