package main

import (
	"context"
	"net/http"
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

func (f *fake) run(ctx context.Context, t *testing.T, args []string, opts ...ghl.Option) (string, error) {
	t.Helper()
	var out strings.Builder
	env := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}
	err := run(ctx, args, func(k string) string { return env[k] }, &out,
		append([]ghl.Option{ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk)}, opts...)...)
	assert.NotContains(t, out.String(), f.token)
	return out.String(), err
}

func TestTimelineIsOrderedByTime(t *testing.T) {
	f := newFake(t)
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Grace", LastName: "Hopper"})
	other := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Someone", LastName: "Else"})
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }
	// Added out of order, and one appointment in another zone, which must sort by its instant.
	f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Ship it", DueDate: at(20, 9), Completed: true})
	f.srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "First contact\nlong story", DateAdded: at(1, 8)})
	f.srv.AddAppointment(ghltest.Appointment{ContactID: c.ID, Title: "Review", AppointmentStatus: "showed",
		StartTime: at(10, 12).In(time.FixedZone("IST", 5*3600+1800))})
	f.srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "Asked for a quote", DateAdded: at(5, 17)})
	f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Send quote", DueDate: at(6, 10)})
	f.srv.AddNote(ghltest.Note{ContactID: other.ID, Body: "not Grace's", DateAdded: at(2, 8)})

	out, err := f.run(t.Context(), t, []string{c.ID})
	require.NoError(t, err, out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"Timeline of Grace Hopper (" + c.ID + "): 5 entries",
		"2026-03-01 08:00 UTC  note         First contact",
		"2026-03-05 17:00 UTC  note         Asked for a quote",
		"2026-03-06 10:00 UTC  task due     Send quote",
		"2026-03-10 12:00 UTC  appointment  Review (showed)",
		"2026-03-20 09:00 UTC  task due     Ship it [done]",
	}
	require.Len(t, lines, len(want)+1, out)
	assert.Contains(t, lines[0], "Using the API at "+f.srv.URL)
	assert.Equal(t, want, lines[1:])

	for _, route := range []string{"/contacts/{contactId}", "/contacts/{contactId}/notes",
		"/contacts/{contactId}/appointments", "/contacts/{contactId}/tasks"} {
		assert.Len(t, f.srv.RequestsTo("GET", route), 1, route)
	}
}

// barrier holds every request until n of them are in flight together: fetched one after the other, the four
// requests never get past it.
type barrier struct {
	next    http.RoundTripper
	n       int
	mu      sync.Mutex
	waiting int
	open    chan struct{}
}

func (b *barrier) RoundTrip(r *http.Request) (*http.Response, error) {
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
	return b.next.RoundTrip(r)
}

func TestFetchesConcurrently(t *testing.T) {
	f := newFake(t)
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada"})
	f.srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "hello"})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	b := &barrier{next: f.srv.Client().Transport, n: 4, open: make(chan struct{})}
	out, err := f.run(ctx, t, []string{c.ID}, ghl.WithHTTPClient(&http.Client{Transport: b}))
	require.NoError(t, err, "the four requests were not in flight together")
	assert.Contains(t, out, "note         hello")
}

func TestUnknownContact(t *testing.T) {
	f := newFake(t)
	_, err := f.run(t.Context(), t, []string{"nobody"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrNotFound)
	assert.Contains(t, err.Error(), "contact of nobody")
}

func TestDemoUsesTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), nil, func(string) string { return "" }, &out, ghl.WithClock(clock.NewFake(time.Now()))))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 8, out.String())
	assert.Contains(t, lines[0], "using the in-memory fake HighLevel")
	assert.Contains(t, lines[1], "Timeline of Ada Lovelace")
	assert.Contains(t, lines[2], "Signed up through the website.")
	assert.Contains(t, lines[7], "Kick-off (confirmed)")
}

func TestArguments(t *testing.T) {
	both := map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, []string{"c1"}, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, []string{"c1"}, "GHL_TOKEN"},
		{"real API without a contact", both, nil, "give the ID of the contact"},
		{"two contacts", nil, []string{"c1", "c2"}, "one contact ID"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "usage: history")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}
