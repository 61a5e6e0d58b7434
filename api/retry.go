package api

import "time"

// RetryPolicy says how often and how patiently a request is retried. Zero fields take the defaults: 4 attempts,
// backoff from 500ms doubling up to 30s. No policy makes the SDK resend a create that may have reached
// HighLevel: the policy bounds the retries the request's kind allows, it never widens them.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt: 1 means no retries. It bounds every request a call sends, the one
	// after a token refresh included.
	MaxAttempts int
	// BaseDelay is the backoff cap of the first retry; it doubles per retry up to MaxDelay. The wait is drawn
	// uniformly below the cap (full jitter) unless the server said how long to wait.
	BaseDelay time.Duration
	// MaxDelay caps every wait between attempts, a server's Retry-After included.
	MaxDelay time.Duration
}
