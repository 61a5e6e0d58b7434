package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func getContact(f *fixture, ctx context.Context) (*Response, map[string]any, error) {
	var out map[string]any
	resp := new(Response)
	_, err := f.c.Do(ctx, &Request{Method: http.MethodGet, Path: Path("contacts", "c1"), Kind: Read, Response: resp}, &out)
	return resp, out, err
}

func TestRetriesRecoverFromTransientFailures(t *testing.T) {
	gateway := func(code int) step { return jsonStep(code, `{"statusCode":`+itoa(code)+`,"message":"bad gateway"}`) }
	tests := []struct {
		name      string
		steps     []step
		wantCalls int
		// minWait is the least total simulated wait the retries must have taken.
		minWait time.Duration
	}{
		{"502 503 504 then success", []step{gateway(502), gateway(503), gateway(504), okContact}, 4, 0},
		{"429 with rate-limit headers backs off, not a whole window", []step{jsonStep(429, `{"message":"Too many requests"}`, rateHeaders(0, 5000)...), okContact}, 2, 0},
		{"429 with Retry-After waits what it says", []step{jsonStep(429, `{}`, "Retry-After", "7"), okContact}, 2, 7 * time.Second},
		{"429 without any header backs off", []step{jsonStep(429, ``), okContact}, 2, 0},
		{"connection reset", []step{resetStep, okContact}, 2, 0},
		{"truncated body", []step{truncatedStep, okContact}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, tt.steps)
			resp, out, err := getContact(f, t.Context())
			require.NoError(t, err)
			assert.Equal(t, tt.wantCalls, f.script.count())
			assert.Equal(t, tt.wantCalls, resp.Attempts)
			assert.Equal(t, "c1", out["contact"].(map[string]any)["id"])
			waited, _ := f.clk.Waited()
			assert.GreaterOrEqual(t, waited, tt.minWait)
		})
	}
}

func TestRetriesExhaustedReturnTheLastAnswer(t *testing.T) {
	f := setup(t, []step{jsonStep(503, `{"statusCode":503,"message":"Service Unavailable"}`)})
	_, _, err := getContact(f, t.Context())
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, DefaultMaxAttempts, apiErr.Attempts)
	assert.Equal(t, DefaultMaxAttempts, f.script.count())
	assert.ErrorIs(t, err, ErrServer)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a read's outcome is never in doubt")
	assert.Contains(t, err.Error(), "after 4 attempts")
}

func TestBackoffGrowsWithFullJitterUnderTheCap(t *testing.T) {
	f := setup(t, []step{jsonStep(503, `{}`)}, func(c *Config) {
		c.Retry = RetryPolicy{MaxAttempts: 6, BaseDelay: time.Second, MaxDelay: 4 * time.Second}
	})
	var ceilings []time.Duration
	f.c.sh.jitter = func(ceiling time.Duration) time.Duration { ceilings = append(ceilings, ceiling); return ceiling / 2 }
	_, _, err := getContact(f, t.Context())
	require.Error(t, err)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second}, ceilings)
	waited, sleeps := f.clk.Waited()
	assert.Equal(t, 5, sleeps)
	assert.Equal(t, (1+2+4+4+4)*time.Second/2, waited)
}

func TestDailyLimitIsNotRetried(t *testing.T) {
	f := setup(t, []step{jsonStep(429, `{"statusCode":429,"message":"Daily limit reached"}`,
		append(rateHeaders(50, 0), "X-RateLimit-Daily-Reset", "3600")...)})
	_, _, err := getContact(f, t.Context())
	require.Error(t, err)
	assert.Equal(t, 1, f.script.count())
	assert.ErrorIs(t, err, ErrDailyLimit)
	assert.ErrorIs(t, err, ErrRateLimited)
	reset := f.clk.Now().Add(time.Hour).Format(time.RFC3339)
	assert.Contains(t, err.Error(), "daily limit reached; resets at "+reset)
}

func TestCreatesAreNotResentOnceTheyMayHaveArrived(t *testing.T) {
	tests := []struct {
		name        string
		first       step
		wantUnknown bool
		wantCalls   int
	}{
		{"502", jsonStep(502, `{"message":"Bad Gateway"}`), true, 1},
		{"504", jsonStep(504, ``), true, 1},
		{"connection reset", resetStep, true, 1},
		{"truncated success body", truncatedStep, true, 1},
		{"422", jsonStep(422, `{"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}`), false, 1},
		{"burst 429 is refused unread, so it is resent", jsonStep(429, `{}`, rateHeaders(0, 100)...), false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, []step{tt.first, jsonStep(201, `{"contact":{"id":"c2"}}`)})
			_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{"firstName": "Ada"}, Kind: Create}, nil)
			assert.Equal(t, tt.wantCalls, f.script.count())
			if tt.wantCalls == 2 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.wantUnknown, errors.Is(err, ErrOutcomeUnknown), "%v", err)
		})
	}
}

func TestCreateTimingOutInFlightIsInDoubt(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	hang := func(w http.ResponseWriter, r *http.Request) {
		// Reading the body lets the server notice when the client hangs up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
	f := setup(t, []step{hang})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	_, err := f.c.Do(ctx, &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{}, Kind: Create}, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "the request went out; HighLevel may have made the contact")
	assert.Equal(t, 1, f.script.count())
}

func TestCreateCancelledBeforeSendingIsNotInDoubt(t *testing.T) {
	f := setup(t, []step{okContact})
	f.c.limiter.hold(f.clk.Now().Add(time.Hour))
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, err := f.c.Do(ctx, &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{}, Kind: Create}, nil)
	require.ErrorIs(t, err, ErrWaitPastDeadline)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, ErrRateLimited, "HighLevel refused nothing")
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 0, f.script.count())
}

func TestCreateIsResentWhenTheServerWasNeverReached(t *testing.T) {
	f := setup(t, []step{okContact})
	f.srv.Close() // nothing listens: the dial fails
	_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{}, Kind: Create}, nil)
	require.Error(t, err)
	var reqErr *RequestError
	require.ErrorAs(t, err, &reqErr)
	assert.Equal(t, DefaultMaxAttempts, reqErr.Attempts, "a refused dial is safe to retry")
	assert.False(t, reqErr.MayHaveReachedServer)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

func TestSlowBodyStopsAtTheContextDeadline(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	stall := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"contact":`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
	f := setup(t, []step{stall})
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	_, _, err := getContact(f, ctx)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, f.script.count(), "no retry once the context is done")
}

func TestRetryWaitThatWouldPassTheDeadlineIsNotStarted(t *testing.T) {
	f := setup(t, []step{jsonStep(429, `{"message":"Too many requests"}`, "Retry-After", "30"), okContact})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, _, err := getContact(f, ctx)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, 1, f.script.count())
	waited, _ := f.clk.Waited()
	assert.Zero(t, waited)
}

func TestContextCancelledBeforeSendingSendsNothing(t *testing.T) {
	f := setup(t, []step{okContact})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err := getContact(f, ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, f.script.count())
}
