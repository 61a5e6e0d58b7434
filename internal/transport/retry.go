package transport

import (
	"context"
	"errors"
	"math"
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

// verdict is a retry decision and the reason for it, logged with every attempt.
type verdict struct {
	retry   bool
	refresh bool // the retry is the one after a token refresh, not a failure that may pass
	reason  string
}

// classifyError decides about a request that got no usable answer: a network failure, or a 2xx body that
// could not be read to its end.
func classifyError(kind Kind, err error) verdict {
	var tooLarge *TooLargeError
	var decodeErr *DecodeError
	switch {
	case errors.As(err, &tooLarge):
		return verdict{reason: "response body over the size cap"}
	case errors.As(err, &decodeErr):
		return verdict{reason: "response body is not the expected JSON"}
	case isCutShort(err) && kind == Create:
		return verdict{reason: "body of a create's success answer was cut short; not resending"}
	case isCutShort(err):
		return verdict{retry: true, reason: "response body cut short"}
	}
	if ok, _ := retryablehttp.ErrorPropagatedRetryPolicy(context.Background(), nil, err); !ok {
		return verdict{reason: "error is not transient"}
	}
	if kind == Create && !neverSent(err) {
		return verdict{reason: "a create may have reached the server; not resending"}
	}
	return verdict{retry: true, reason: "network error"}
}

// isCutShort reports a 2xx body that broke off while it was read or ended before its JSON did.
func isCutShort(err error) bool {
	var re *readError
	return errors.As(err, &re) || errors.Is(err, errIncompleteJSON)
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

// classifyStatus decides about a non-2xx answer by its status and rate-limit headers.
func classifyStatus(kind Kind, status int, rl RateLimit) verdict {
	switch {
	case status == http.StatusTooManyRequests && rl.DailyExhausted():
		return verdict{reason: "daily limit reached; waiting will not help"}
	case status == http.StatusTooManyRequests:
		// A burst 429 is refused before it is processed, so even a create is safe to send again.
		return verdict{retry: true, reason: "burst rate limit"}
	case status == http.StatusBadGateway, status == http.StatusServiceUnavailable, status == http.StatusGatewayTimeout:
		if kind == Create {
			return verdict{reason: "a create may have been processed; not resending"}
		}
		return verdict{retry: true, reason: "gateway error"}
	}
	return verdict{}
}

// retryWait returns how long to wait before retry number n (0 for the first retry). The server's word wins
// when it gave one, capped: a Retry-After never holds a call longer than the policy's MaxDelay. A burst 429
// without Retry-After waits until the location's next slot frees, as far as this client's own record of sends
// tells (slotFree: when its oldest send leaves the window if it filled the window itself; otherwise other clients
// share the location and it waits one window and a jitter): HighLevel's window slides, so the budget comes back
// one send at a time, and a client that kept the window full waits only a moment.
// Otherwise: capped exponential backoff with full jitter.
func (sh *shared) retryWait(p *RetryPolicy, n int, resp *http.Response, now time.Time, slotFree time.Duration) time.Duration {
	ceiling := p.BaseDelay << min(n, 30)
	if ceiling <= 0 || ceiling > p.MaxDelay {
		ceiling = p.MaxDelay
	}
	backoff := sh.jitter(ceiling)
	if resp == nil {
		return backoff
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
		return min(d, p.MaxDelay)
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return slotFree
	}
	return backoff
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
		switch {
		case sec < 0 || math.IsNaN(sec):
			return 0, false
		case sec >= float64(math.MaxInt64/time.Second):
			return math.MaxInt64, true // absurd, and capped by the caller
		}
		return time.Duration(sec * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
