package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fake is a ghltest server the program reaches as if it were HighLevel, on a simulated clock shared with the
// client so that the rate limiter never waits for real.
type fake struct {
	srv   *ghltest.Server
	clk   *clock.Fake
	loc   string
	token string
}

func newFake(t *testing.T) *fake {
	t.Helper()
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	return &fake{srv: srv, clk: clk, loc: "loc-1", token: srv.IssueToken("loc-1")}
}

func (f *fake) run(t *testing.T, args []string, opts ...ghl.Option) (stdout, stderr string, err error) {
	t.Helper()
	var out, msgs strings.Builder
	env := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}
	err = run(t.Context(), args, func(k string) string { return env[k] }, &out, &msgs,
		append([]ghl.Option{ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk)}, opts...)...)
	assert.NotContains(t, out.String()+msgs.String(), f.token)
	return out.String(), msgs.String(), err
}

func decodeLines(t *testing.T, s string) []line {
	t.Helper()
	var lines []line
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var l line
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), sc.Text())
		lines = append(lines, l)
	}
	return lines
}

// TestPendingTasksOfManyContactsWithinTheRateLimit reads the tasks of 200 matching contacts (201 requests)
// against a fake that enforces HighLevel's 100 requests per 10 s on the simulated clock. One worker: with
// several, the simulated clock jumps while a request is on its way and stamps it seconds late, a skew that
// real time does not have (TestWorkersReadTasksAtTheSameTime covers the workers).
func TestPendingTasksOfManyContactsWithinTheRateLimit(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 300, ghltest.SeedOptions{Tags: []string{"vip", "lead"}})
	var want []line
	for i, c := range f.srv.Contacts(f.loc) {
		due := time.Now().Add(time.Hour).Truncate(time.Second)
		pending := f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: fmt.Sprintf("Call %d", i), DueDate: due})
		f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Done already", DueDate: time.Now(), Completed: true})
		if slices.Contains(c.Tags, "vip") {
			want = append(want, line{ContactID: c.ID, Email: c.Email, Name: c.FirstName + " " + c.LastName,
				TaskID: pending.ID, Title: pending.Title, DueDate: pending.DueDate.UTC()})
		}
	}
	require.Greater(t, len(want), 100, "the test must need more than one window of requests")
	start := f.clk.Now()

	stdout, stderr, err := f.run(t, []string{"-tag", "vip", "-workers", "1"})
	require.NoError(t, err, stderr)
	got := decodeLines(t, stdout)
	for i := range got {
		got[i].DueDate = got[i].DueDate.UTC()
	}
	if !assert.Len(t, got, len(want)) {
		return
	}
	slices.SortFunc(got, func(a, b line) int { return strings.Compare(a.TaskID, b.TaskID) })
	slices.SortFunc(want, func(a, b line) int { return strings.Compare(a.TaskID, b.TaskID) })
	for i := range want {
		assert.Equal(t, want[i], got[i])
	}
	assert.Contains(t, stderr, fmt.Sprintf("%d pending tasks of %d contacts", len(want), len(want)))

	stats := f.srv.Stats(f.loc)
	assert.Zero(t, stats.RateLimited, "the run met HighLevel's burst limit")
	assert.Equal(t, len(want), len(f.srv.RequestsTo("GET", "/contacts/{contactId}/tasks")), "each contact's tasks read once")
	assert.GreaterOrEqual(t, f.clk.Now().Sub(start), 10*time.Second, "201 requests cannot fit in one window")
}

func TestStopsAtTheFirstError(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 20, ghltest.SeedOptions{})
	f.srv.InjectFault("GET", "/contacts/{contactId}/tasks", ghltest.Fault{Status: 403})
	_, _, err := f.run(t, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrForbidden)
	assert.Contains(t, err.Error(), "tasks of contact")
	assert.Less(t, len(f.srv.RequestsTo("GET", "/contacts/{contactId}/tasks")), 20, "it went on after the error")
}

// barrier holds each request for tasks until n of them are in flight together: with fewer workers than n, the
// run never gets past it.
type barrier struct {
	next    http.RoundTripper
	n       int
	mu      sync.Mutex
	waiting int
	open    chan struct{}
}

func (b *barrier) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/tasks") {
		b.mu.Lock()
		if b.waiting++; b.waiting == b.n {
			close(b.open)
		}
		b.mu.Unlock()
		select {
		case <-b.open:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return b.next.RoundTrip(r)
}

func TestWorkersReadTasksAtTheSameTime(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 12, ghltest.SeedOptions{})
	for _, c := range f.srv.Contacts(f.loc) {
		f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Call", DueDate: time.Now()})
	}
	b := &barrier{next: f.srv.Client().Transport, n: 4, open: make(chan struct{})}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var out, msgs strings.Builder
	env := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}
	err := run(ctx, []string{"-workers", "4"}, func(k string) string { return env[k] }, &out, &msgs,
		ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk), ghl.WithHTTPClient(&http.Client{Transport: b}))
	require.NoError(t, err, "four workers never had four requests in flight")
	assert.Len(t, decodeLines(t, out.String()), 12)
}

func TestDemoUsesTheFake(t *testing.T) {
	var out, msgs strings.Builder
	require.NoError(t, run(t.Context(), []string{"-tag", "vip"}, func(string) string { return "" }, &out, &msgs,
		ghl.WithClock(clock.NewFake(time.Now()))))
	assert.True(t, strings.HasPrefix(msgs.String(), "No GHL_TOKEN set: using the in-memory fake HighLevel"), msgs.String())
	titles := []string{}
	for _, l := range decodeLines(t, out.String()) {
		titles = append(titles, l.Name+": "+l.Title)
	}
	assert.ElementsMatch(t, []string{"Ada Lovelace: Kick-off call", "Grace Hopper: Review draft"}, titles)
}

func TestArguments(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, nil, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, nil, "GHL_TOKEN"},
		{"no workers", nil, []string{"-workers", "0"}, "-workers"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, msgs strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out, &msgs)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, msgs.String(), "-tag")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String()+msgs.String(), "pit-secret")
		})
	}
}
