package transport

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fullContact = `{"contact":{"id":"c1","email":"ada@example.com","firstName":"Ada"}}`

// The three ways a 2xx body can stop before its JSON does.
var cutShapes = []struct {
	name string
	step step
}{
	{"broken off against its Content-Length", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(fullContact)))
		w.WriteHeader(200)
		_, _ = w.Write([]byte(fullContact[:len(fullContact)/2]))
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}},
	{"cut short behind a matching Content-Length", func(w http.ResponseWriter, _ *http.Request) {
		half := fullContact[:len(fullContact)/2]
		w.Header().Set("Content-Length", strconv.Itoa(len(half)))
		w.WriteHeader(200)
		_, _ = w.Write([]byte(half))
	}},
	{"chunked and ended cleanly halfway", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(200)
		_, _ = w.Write([]byte(fullContact[:len(fullContact)/2]))
		w.(http.Flusher).Flush()
	}},
}

func TestBodiesCutShortAreRetriedForReadsAndIdempotentWrites(t *testing.T) {
	for _, shape := range cutShapes {
		for _, kind := range []Kind{Read, Idempotent, Create} {
			t.Run(shape.name+"/"+kind.String(), func(t *testing.T) {
				f := setup(t, []step{shape.step, okContact})
				var out map[string]any
				_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPut, Path: Path("contacts", "c1"), Body: map[string]string{}, Kind: kind}, &out)
				if kind == Create {
					require.Error(t, err)
					assert.Equal(t, 1, f.script.count(), "a create is never resent once HighLevel answered it")
					var be *BodyError
					require.ErrorAs(t, err, &be)
					assert.True(t, be.Create)
					assert.Equal(t, 200, be.StatusCode)
					assert.ErrorIs(t, err, ErrOutcomeUnknown, "HighLevel answered success: the record exists")
					assert.NotErrorIs(t, err, ErrTemporary)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, 2, f.script.count())
				assert.Equal(t, "c1", out["contact"].(map[string]any)["id"])
			})
		}
	}
}

func TestBodiesCutShortEveryTimeEndTemporary(t *testing.T) {
	for _, shape := range cutShapes {
		t.Run(shape.name, func(t *testing.T) {
			f := setup(t, []step{shape.step})
			_, _, err := getContact(f, t.Context())
			var be *BodyError
			require.ErrorAs(t, err, &be)
			assert.ErrorIs(t, err, ErrTemporary)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, DefaultMaxAttempts, f.script.count())
			assert.Equal(t, DefaultMaxAttempts, be.Attempts)
		})
	}
}

// The refresh after a 401 is one of the call's attempts: no call ever sends more than MaxAttempts requests.
func TestARefreshCountsAgainstTheAttempts(t *testing.T) {
	expired := jsonStep(401, `{"statusCode":401,"message":"Invalid JWT"}`)
	gateway := jsonStep(503, `{"statusCode":503,"message":"unavailable"}`)
	tests := []struct {
		name          string
		steps         []step
		wantErr       error
		wantSends     int
		wantRefreshes int
	}{
		{"401 first, then failures until the attempts run out", []step{expired, gateway, gateway, gateway, gateway, okContact}, ErrServer, 4, 1},
		{"failures, then a 401 on the last attempt", []step{gateway, gateway, gateway, expired, okContact}, ErrUnauthorized, 4, 0},
		{"failures, a 401, and success on the last attempt", []step{gateway, gateway, expired, okContact}, nil, 4, 1},
		{"a second 401 is not refreshed again", []step{expired, expired, okContact}, ErrUnauthorized, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, tt.steps)
			resp, _, err := getContact(f, t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.wantErr)
			}
			assert.Equal(t, tt.wantSends, f.script.count(), "sends")
			assert.Equal(t, tt.wantSends, resp.Attempts)
			assert.Equal(t, tt.wantRefreshes, f.tokens.refreshes)
		})
	}
}

// One absurd header must not stall a location: the interval is capped at the configured window, Retry-After at
// the retry policy's MaxDelay.
func TestAbsurdWaitHeadersAreCapped(t *testing.T) {
	const thousandDays = "86400000000" // ms
	tests := []struct {
		name  string
		first step
	}{
		{"200 with nothing remaining", jsonStep(200, fullContact, "X-RateLimit-Max", "100", "X-RateLimit-Remaining", "0", "X-RateLimit-Interval-Milliseconds", thousandDays)},
		{"429 with a 1000-day interval", jsonStep(429, `{}`, "X-RateLimit-Max", "100", "X-RateLimit-Remaining", "0", "X-RateLimit-Interval-Milliseconds", thousandDays)},
		{"429 with a 1000-day Retry-After", jsonStep(429, `{}`, "Retry-After", "86400000", "X-RateLimit-Remaining", "0", "X-RateLimit-Interval-Milliseconds", thousandDays)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, []step{tt.first, okContact})
			start := f.clk.Now()
			_, _, err := getContact(f, t.Context())
			require.NoError(t, err)
			assert.LessOrEqual(t, f.clk.Now().Sub(start), DefaultMaxDelay)
			assert.LessOrEqual(t, f.c.RateLimit().Interval, DefaultInterval)

			ctx, cancel := context.WithDeadline(t.Context(), f.clk.Now().Add(3*time.Second))
			defer cancel()
			_, _, err = getContact(f, ctx)
			require.NoError(t, err, "a call with a 3 s deadline right after")
		})
	}
}

func TestErrorClasses(t *testing.T) {
	gateway := jsonStep(502, `{"statusCode":502,"message":"bad gateway"}`)
	burst := jsonStep(429, `{"message":"Too many requests"}`, rateHeaders(0, 5000)...)
	daily := jsonStep(429, `{"message":"daily"}`, rateHeaders(0, 0)...)
	tests := []struct {
		name   string
		steps  []step
		kind   Kind
		closed bool // nothing listens
		is     []error
		isNot  []error
	}{
		{"burst 429 until the attempts run out", []step{burst}, Read, false, []error{ErrRateLimited, ErrTemporary}, []error{ErrDailyLimit, ErrWaitPastDeadline}},
		{"burst 429 on a create", []step{burst}, Create, false, []error{ErrRateLimited, ErrTemporary}, []error{ErrOutcomeUnknown}},
		{"daily 429", []step{daily}, Read, false, []error{ErrRateLimited, ErrDailyLimit}, []error{ErrTemporary}},
		{"502 on a read", []step{gateway}, Read, false, []error{ErrServer, ErrTemporary}, []error{ErrOutcomeUnknown}},
		{"502 on a create", []step{gateway}, Create, false, []error{ErrServer, ErrOutcomeUnknown}, []error{ErrTemporary}},
		{"connection reset on a read", []step{resetStep}, Read, false, []error{ErrTemporary}, []error{ErrOutcomeUnknown}},
		{"connection reset on a create", []step{resetStep}, Create, false, []error{ErrOutcomeUnknown}, []error{ErrTemporary}},
		{"refused connection on a create", nil, Create, true, []error{ErrTemporary}, []error{ErrOutcomeUnknown}},
		{"404", []step{jsonStep(404, `{"message":"nope"}`)}, Read, false, []error{ErrNotFound}, []error{ErrTemporary, ErrOutcomeUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := tt.steps
			if steps == nil {
				steps = []step{okContact}
			}
			f := setup(t, steps)
			if tt.closed {
				f.srv.Close()
			}
			_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPost, Path: Path("contacts", ""), Body: map[string]string{}, Kind: tt.kind}, nil)
			require.Error(t, err)
			for _, want := range tt.is {
				assert.ErrorIs(t, err, want)
			}
			for _, not := range tt.isNot {
				assert.NotErrorIs(t, err, not)
			}
		})
	}

	t.Run("the local refusal of a wait past the deadline", func(t *testing.T) {
		f := setup(t, []step{okContact})
		f.c.limiter.hold(f.clk.Now().Add(time.Minute))
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		_, _, err := getContact(f, ctx)
		assert.ErrorIs(t, err, ErrWaitPastDeadline)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.NotErrorIs(t, err, ErrRateLimited)
		assert.NotErrorIs(t, err, ErrTemporary)
		assert.Zero(t, f.script.count())
	})
}

// After a burst 429 in a busy run, the location waits only until the oldest send of its log leaves the window.
// Each answer takes 50 ms of simulated time, so the sends spread over the window as they do against HighLevel.
func TestOne429CostsLessThanFivePercentOfAWindow(t *testing.T) {
	run := func(t *testing.T, with429 bool) time.Duration {
		const requests = 1000
		steps := make([]step, requests+1)
		for i := range steps {
			steps[i] = okContact
		}
		if with429 {
			steps[500] = jsonStep(429, `{"message":"Too many requests"}`, rateHeaders(0, 5000)...)
		}
		var clk atomic.Pointer[clock.Fake]
		for i, st := range steps {
			steps[i] = func(w http.ResponseWriter, r *http.Request) {
				clk.Load().Advance(50 * time.Millisecond)
				st(w, r)
			}
		}
		f := setup(t, steps)
		clk.Store(f.clk)
		start := f.clk.Now()
		for i := range requests {
			_, _, err := getContact(f, t.Context())
			require.NoError(t, err, "request %d", i)
		}
		return f.clk.Now().Sub(start)
	}
	plain, hit := run(t, false), run(t, true)
	cost := float64(hit-plain) / float64(DefaultInterval) * DefaultRequests
	t.Logf("1000 reads: %s without a 429, %s with one; the 429 cost %.1f sends of a window's 100", plain, hit, cost)
	assert.Less(t, cost, 5.0)
}

func TestPerCallOverridesAndCapturedResponse(t *testing.T) {
	t.Run("extra headers, but never Authorization", func(t *testing.T) {
		f := setup(t, []step{okContact})
		_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read,
			Header: http.Header{"X-Extra": {"1"}, "Authorization": {"Bearer other"}}}, nil)
		require.NoError(t, err)
		got := f.script.requests()[0].Header
		assert.Equal(t, "1", got.Get("X-Extra"))
		assert.Equal(t, "Bearer "+testToken, got.Get("Authorization"))
	})
	t.Run("a retry policy of its own", func(t *testing.T) {
		f := setup(t, []step{jsonStep(503, `{}`), okContact})
		_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read, Retry: &RetryPolicy{MaxAttempts: 1}}, nil)
		require.ErrorIs(t, err, ErrServer)
		assert.Equal(t, 1, f.script.count())
	})
	t.Run("a body cap of its own", func(t *testing.T) {
		f := setup(t, []step{okContact})
		_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read, MaxResponseBytes: 10}, new(map[string]any))
		var tl *TooLargeError
		require.ErrorAs(t, err, &tl)
		assert.EqualValues(t, 10, tl.Limit)
	})
	t.Run("metadata of a failure", func(t *testing.T) {
		f := setup(t, []step{jsonStep(404, `{"message":"Contact not found","traceId":"tr-1"}`, rateHeaders(7, 100)...)})
		meta := new(Response)
		_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read, Response: meta}, nil)
		require.ErrorIs(t, err, ErrNotFound)
		assert.Equal(t, 404, meta.StatusCode)
		assert.Equal(t, "tr-1", meta.TraceID)
		assert.Equal(t, 1, meta.Attempts)
		assert.Equal(t, 7, meta.RateLimit.Remaining)
	})
	t.Run("metadata of a success, with the wait for the budget", func(t *testing.T) {
		f := setup(t, []step{jsonStep(200, fullContact, "X-Trace-Id", "tr-2")})
		f.c.limiter.hold(f.clk.Now().Add(2 * time.Second))
		meta := new(Response)
		got, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read, Response: meta}, nil)
		require.NoError(t, err)
		assert.Same(t, meta, got)
		assert.Equal(t, 200, meta.StatusCode)
		assert.Equal(t, "tr-2", meta.TraceID)
		assert.Equal(t, 2*time.Second, meta.RateLimitWait)
	})
	t.Run("nothing built when nobody asked", func(t *testing.T) {
		f := setup(t, []step{okContact})
		got, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, nil)
		require.NoError(t, err)
		assert.Nil(t, got)
	})
}

// countingListener counts the connections a server accepts.
type countingListener struct {
	net.Listener
	n atomic.Int32
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// net/http's own default keeps 2 idle connections per host, so 16 concurrent callers open and drop
// connections all the time; the SDK's default keeps one per caller. (net/http may dial once more when a
// connection comes back to the pool after its caller already asked for the next one, hence the margin.)
func TestTheDefaultPoolKeepsAConnectionPerConcurrentCall(t *testing.T) {
	const concurrency = 16
	sdk := connectionsAt(t, concurrency, nil)
	stock := connectionsAt(t, concurrency, &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()})
	t.Logf("%d concurrent callers, 50 calls each: %d connections with the SDK's default pool, %d with net/http's", concurrency, sdk, stock)
	assert.LessOrEqual(t, sdk, concurrency*3/2)
	// How many more the stock pool opens depends on scheduling (a loaded machine serialises the callers), so
	// the baseline is only required to be no better.
	assert.GreaterOrEqual(t, stock, sdk, "the baseline shows the difference")
}

// connectionsAt counts the connections concurrency callers open with hc (nil: the SDK's default).
func connectionsAt(t *testing.T, concurrency int, hc *http.Client) int {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(fullContact))
	}))
	ln := &countingListener{Listener: srv.Listener}
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, HTTPClient: hc, Tokens: &countingTokens{current: testToken}, RateLimit: RateLimitPolicy{Disabled: true}})
	require.NoError(t, err)
	t.Cleanup(c.HTTPClient().CloseIdleConnections)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				_, err := c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, new(map[string]any))
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	assert.NotSame(t, http.DefaultTransport, c.HTTPClient().Transport, "the default transport is cloned, not changed")
	return int(ln.n.Load())
}
