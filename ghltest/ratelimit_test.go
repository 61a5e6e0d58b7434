package ghltest

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var searchOne = map[string]any{"locationId": "loc1", "pageLimit": 1}

func TestBurstLimitAtTheBoundary(t *testing.T) {
	f := newFixture(t)
	for i := range DefaultBurstMax {
		r := f.do(t, "POST", "/contacts/search", searchOne)
		require.Equal(t, http.StatusOK, r.status, "request %d", i+1)
		require.Equal(t, strconv.Itoa(DefaultBurstMax-i-1), r.header.Get("X-RateLimit-Remaining"))
	}
	r := f.do(t, "POST", "/contacts/search", searchOne)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, msgTooMany, r.json(t)["message"])
	assert.Equal(t, "0", r.header.Get("X-RateLimit-Remaining"))
	assert.Equal(t, strconv.Itoa(DefaultDailyLimit-DefaultBurstMax), r.header.Get("X-RateLimit-Daily-Remaining"),
		"a refused request is not charged")

	f.clock.Advance(DefaultBurstWindow - time.Millisecond)
	assert.Equal(t, http.StatusTooManyRequests, f.do(t, "POST", "/contacts/search", searchOne).status)
	f.clock.Advance(time.Millisecond)
	r = f.do(t, "POST", "/contacts/search", searchOne)
	assert.Equal(t, http.StatusOK, r.status, "the window has slid past the first requests")
	assert.Equal(t, strconv.Itoa(DefaultBurstMax-1), r.header.Get("X-RateLimit-Remaining"))

	st := f.srv.Stats(f.loc)
	assert.Equal(t, DefaultBurstMax+3, st.Requests)
	assert.Equal(t, DefaultBurstMax+1, st.Succeeded)
	assert.Equal(t, 2, st.RateLimited)
	assert.Equal(t, 0, st.DailyLimited)
	assert.Equal(t, map[int]int{200: DefaultBurstMax + 1, 429: 2}, st.Statuses)
}

func TestSlidingWindow(t *testing.T) {
	f := newFixture(t, WithRateLimit(3, time.Second))
	steps := []struct {
		advance time.Duration
		status  int
	}{
		{0, 200},                      // t=0
		{400 * time.Millisecond, 200}, // t=0.4
		{400 * time.Millisecond, 200}, // t=0.8
		{100 * time.Millisecond, 429}, // t=0.9: three in the last second
		{100 * time.Millisecond, 200}, // t=1.0: the one at 0 has left the window
		{100 * time.Millisecond, 429}, // t=1.1
		{300 * time.Millisecond, 200}, // t=1.4: the one at 0.4 has left
	}
	for i, s := range steps {
		f.clock.Advance(s.advance)
		r := f.do(t, "POST", "/contacts/search", searchOne)
		require.Equal(t, s.status, r.status, "step %d", i)
		assert.Equal(t, "1000", r.header.Get("X-RateLimit-Interval-Milliseconds"))
		assert.Equal(t, "3", r.header.Get("X-RateLimit-Max"))
	}
}

func TestBudgetsArePerLocation(t *testing.T) {
	f := newFixture(t, WithRateLimit(1, time.Second), WithLocation("loc2"))
	other := f.srv.IssueToken("loc2")
	assert.Equal(t, http.StatusOK, f.do(t, "POST", "/contacts/search", searchOne).status)
	assert.Equal(t, http.StatusTooManyRequests, f.do(t, "POST", "/contacts/search", searchOne).status)
	r := f.send(t, "POST", "/contacts/search", other, map[string]any{"locationId": "loc2", "pageLimit": 1})
	assert.Equal(t, http.StatusOK, r.status)
}

func TestDailyLimit(t *testing.T) {
	f := newFixture(t, WithDailyLimit(3))
	for range 3 {
		require.Equal(t, http.StatusOK, f.do(t, "POST", "/contacts/search", searchOne).status)
	}
	r := f.do(t, "POST", "/contacts/search", searchOne)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "0", r.header.Get("X-RateLimit-Daily-Remaining"))
	assert.Equal(t, "3", r.header.Get("X-RateLimit-Limit-Daily"))

	f.clock.Advance(time.Hour) // 10:00, same day: waiting does not help
	assert.Equal(t, http.StatusTooManyRequests, f.do(t, "POST", "/contacts/search", searchOne).status)
	st := f.srv.Stats(f.loc)
	assert.Equal(t, 2, st.DailyLimited)
	assert.Equal(t, 0, st.RateLimited)

	f.clock.Advance(14 * time.Hour) // past midnight UTC
	r = f.do(t, "POST", "/contacts/search", searchOne)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "2", r.header.Get("X-RateLimit-Daily-Remaining"))
}

func TestRateLimitHeadersOnEveryResponse(t *testing.T) {
	f := newFixture(t, WithRateLimit(2, time.Minute))
	f.srv.InjectFault("GET", "/contacts/{contactId}", Fault{Status: 503})
	ct := f.srv.AddContact(Contact{FirstName: "Ada"})
	tests := []struct {
		name   string
		method string
		path   string
		token  string
		body   any
		status int
	}{
		{"unknown route", "GET", "/nowhere", f.token, nil, 404},
		{"no token", "GET", "/contacts/" + ct.ID, "", nil, 401},
		{"validation", "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc, "email": "x"}, 422},
		{"fault", "GET", "/contacts/" + ct.ID, f.token, nil, 503},
		{"burst refused", "GET", "/contacts/" + ct.ID, f.token, nil, 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.send(t, tt.method, tt.path, tt.token, tt.body)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
			for _, h := range rateLimitHeaders {
				assert.NotEmpty(t, r.header.Get(h), h)
			}
		})
	}
}

func TestNoTokenDoesNotSpendBudget(t *testing.T) {
	f := newFixture(t, WithRateLimit(1, time.Minute))
	for range 3 {
		require.Equal(t, http.StatusUnauthorized, f.send(t, "POST", "/contacts/search", "pit-unknown", searchOne).status)
	}
	r := f.do(t, "POST", "/contacts/search", searchOne)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, 1, f.srv.Stats(f.loc).Requests)
}

func TestInvalidLimitOptionsPanic(t *testing.T) {
	assert.Panics(t, func() { NewServer(WithRateLimit(0, time.Second)).Close() })
	assert.Panics(t, func() { NewServer(WithRateLimit(1, 0)).Close() })
	assert.Panics(t, func() { NewServer(WithDailyLimit(0)).Close() })
}
