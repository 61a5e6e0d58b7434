package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Kind says how a request may be retried. Retries follow the operation, not the HTTP method: HighLevel has no
// idempotency keys, so a create that may have reached the server is never sent again.
type Kind int

const (
	// Read is a request that changes nothing (GET, POST /contacts/search).
	Read Kind = iota
	// Idempotent is a write that gives the same result when repeated (PUT, DELETE, tag add/remove, upsert).
	Idempotent
	// Create makes a record. It is resent only when it surely never reached the server (a failed dial) or the
	// server refused it unread (a burst 429).
	Create
)

// String names the kind in log lines.
func (k Kind) String() string {
	switch k {
	case Read:
		return "read"
	case Idempotent:
		return "idempotent"
	default:
		return "create"
	}
}

// verdict is a retry decision and the reason for it, logged when a request is not retried.
type verdict struct {
	retry  bool
	reason string
}

// classifyError decides about a request that got no usable response.
func classifyError(kind Kind, err error) verdict {
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return verdict{false, "response body over the size cap"}
	}
	var be *bodyError
	if errors.As(err, &be) {
		if kind == Create {
			return verdict{false, "body of a create's response broke off; not resending"}
		}
		return verdict{true, "response body broke off"}
	}
	if ok, _ := retryablehttp.ErrorPropagatedRetryPolicy(context.Background(), nil, err); !ok {
		return verdict{false, "error is not transient"}
	}
	if kind == Create && !neverSent(err) {
		return verdict{false, "a create may have reached the server; not resending"}
	}
	return verdict{true, "network error"}
}

// neverSent reports errors that happen before a single byte reaches the server: the connection could not be made.
func neverSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// classifyStatus decides about a response by its status and rate-limit headers.
func classifyStatus(kind Kind, status int, rl RateLimit) verdict {
	switch {
	case status == http.StatusTooManyRequests && rl.dailyExhausted():
		return verdict{false, "daily limit reached; waiting will not help"}
	case status == http.StatusTooManyRequests:
		// A burst 429 is refused before it is processed, so even a create is safe to send again.
		return verdict{true, "burst rate limit"}
	case status == http.StatusBadGateway, status == http.StatusServiceUnavailable, status == http.StatusGatewayTimeout:
		if kind == Create {
			return verdict{false, "a create may have been processed; not resending"}
		}
		return verdict{true, "gateway error"}
	}
	return verdict{false, ""}
}

// backoff returns how long to wait before retry number n (0 for the first retry). The server's word wins: a
// Retry-After header, or for a 429 the rate-limit window; otherwise capped exponential backoff with full jitter.
func (sh *shared) backoff(n int, resp *http.Response, rl RateLimit, now time.Time) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			return min(d, sh.retry.MaxDelay*4)
		}
		if resp.StatusCode == http.StatusTooManyRequests && rl.Interval > 0 {
			// A sliding window frees its budget within one interval; the jitter keeps clients that were refused
			// together from coming back together.
			return rl.Interval + sh.jitter(rl.Interval/10)
		}
	}
	ceiling := sh.retry.BaseDelay << min(n, 30)
	if ceiling <= 0 || ceiling > sh.retry.MaxDelay {
		ceiling = sh.retry.MaxDelay
	}
	return sh.jitter(ceiling)
}

func fullJitter(ceiling time.Duration) time.Duration {
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1)
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if sec, err := strconv.ParseFloat(v, 64); err == nil {
		if sec < 0 {
			return 0, false
		}
		return time.Duration(sec * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
