package transport

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// FuzzErrorBody feeds arbitrary error bodies and headers to the error decoder: it must never panic, always keep
// the status, and never let a body claim a kind its status does not allow.
func FuzzErrorBody(f *testing.F) {
	f.Add(422, `{"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}`, "")
	f.Add(400, `{"statusCode":400,"message":"Contact not found"}`, "")
	f.Add(401, `{"message":"The token is not authorized for this scope."}`, "")
	f.Add(429, `{"message":"Too many requests"}`, "0")
	f.Add(503, `<html>`, "")
	f.Add(500, `{"message":{"nested":[1,2]},"traceId":7}`, "x")
	f.Fuzz(func(t *testing.T, status int, body, dailyRemaining string) {
		if status < 400 || status > 599 {
			return
		}
		h := http.Header{}
		h.Set("X-RateLimit-Daily-Remaining", dailyRemaining)
		h.Set("Retry-After", dailyRemaining)
		resp := &http.Response{StatusCode: status, Header: h}
		rl := parseRateLimit(h, time.Unix(0, 0), DefaultInterval)
		e := newError(http.MethodGet, "/contacts/x", Read, resp, []byte(body), rl)
		if e.StatusCode != status {
			t.Fatalf("status %d became %d", status, e.StatusCode)
		}
		if e.Is(ErrScope) && status != http.StatusUnauthorized {
			t.Fatalf("scope error from status %d", status)
		}
		if e.Is(ErrDailyLimit) && status != http.StatusTooManyRequests {
			t.Fatalf("daily limit from status %d", status)
		}
		if e.Is(ErrOutcomeUnknown) {
			t.Fatalf("a read is never in doubt")
		}
		msg := e.Error()
		if !strings.HasPrefix(msg, "ghl: GET /contacts/x: ") {
			t.Fatalf("unexpected message %q", msg)
		}
	})
}
