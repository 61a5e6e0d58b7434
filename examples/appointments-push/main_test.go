package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
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
	cal   ghltest.Calendar
}

func newFake(t *testing.T) *fake {
	t.Helper()
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	cal := srv.AddCalendar(ghltest.Calendar{LocationID: "loc-1", Name: "Bookings"})
	return &fake{srv: srv, clk: clk, loc: "loc-1", token: srv.IssueToken("loc-1"), cal: cal}
}

func (f *fake) run(t *testing.T, csv string, args ...string) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "appointments.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	var out strings.Builder
	env := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}
	err := run(t.Context(), append([]string{"-csv", path}, args...), func(k string) string { return env[k] }, &out,
		ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk))
	assert.NotContains(t, out.String(), f.token)
	return out.String(), err
}

// writes are the requests that change something in HighLevel.
func (f *fake) writes() []ghltest.Request {
	var out []ghltest.Request
	for _, r := range f.srv.Requests() {
		if r.Method != http.MethodGet && r.Route != "/contacts/search/duplicate" {
			out = append(out, r)
		}
	}
	return out
}

const file = `external_id,email,start,end,title
evt-1,ada@example.com,2026-03-10T10:00:00-05:00,2026-03-10T10:30:00-05:00,Intro call
evt-2,grace@example.com,2026-03-11 14:00,2026-03-11 15:00,Product demo
evt-3,ada@example.com,2026-03-12T09:00:00Z,2026-03-12T09:45:00Z,Follow-up
`

func TestSecondRunChangesNothing(t *testing.T) {
	f := newFake(t)
	ada := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Email: "ada@example.com"})

	out, err := f.run(t, file, "-tz", "America/New_York")
	require.NoError(t, err, out)
	assert.Contains(t, out, "3 created, 0 updated, 0 unchanged")
	contacts := f.srv.Contacts(f.loc)
	require.Len(t, contacts, 2, "grace was upserted, ada found")
	adas := f.srv.Appointments(ada.ID)
	require.Len(t, adas, 2)
	assert.Equal(t, "Intro call", adas[0].Title)
	assert.Equal(t, f.cal.ID, adas[0].CalendarID)
	assert.True(t, time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC).Equal(adas[0].StartTime))
	assert.Equal(t, "evt-1", externalIDOf(adas[0].Description), "the external ID is kept in the description")
	var grace ghltest.Contact
	for _, c := range contacts {
		if c.Email == "grace@example.com" {
			grace = c
		}
	}
	graces := f.srv.Appointments(grace.ID)
	require.Len(t, graces, 1)
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	assert.True(t, time.Date(2026, 3, 11, 14, 0, 0, 0, ny).Equal(graces[0].StartTime), "a time without an offset is read in -tz")
	before := snapshot(f)

	f.srv.ResetRequests()
	out, err = f.run(t, file, "-tz", "America/New_York")
	require.NoError(t, err, out)
	assert.Contains(t, out, "0 created, 0 updated, 3 unchanged")
	assert.Empty(t, f.writes(), "the second run wrote")
	assert.Equal(t, before, snapshot(f), "the second run changed HighLevel")
}

func TestChangedRowsAreUpdatedInPlace(t *testing.T) {
	f := newFake(t)
	out, err := f.run(t, file)
	require.NoError(t, err, out)
	moved := strings.Replace(file, "2026-03-12T09:00:00Z,2026-03-12T09:45:00Z,Follow-up", "2026-03-12T11:00:00Z,2026-03-12T12:00:00Z,Follow-up", 1)
	moved = strings.Replace(moved, "Intro call", "Intro call (rescheduled)", 1)

	f.srv.ResetRequests()
	out, err = f.run(t, moved)
	require.NoError(t, err, out)
	assert.Contains(t, out, "0 created, 2 updated, 1 unchanged")
	assert.Contains(t, out, "evt-1: updated appointment")
	assert.Contains(t, out, "(title)")
	assert.Contains(t, out, "(time)")
	assert.Empty(t, f.srv.RequestsTo("POST", "/calendars/events/appointments"), "nothing booked twice")
	assert.Len(t, f.srv.RequestsTo("PUT", "/calendars/events/appointments/{eventId}"), 2)
	total := 0
	for _, c := range f.srv.Contacts(f.loc) {
		for _, a := range f.srv.Appointments(c.ID) {
			total++
			if externalIDOf(a.Description) == "evt-3" {
				assert.True(t, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC).Equal(a.StartTime))
				assert.True(t, time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC).Equal(a.EndTime))
			}
		}
	}
	assert.Equal(t, 3, total)
}

// An appointment on the calendar that the recipe did not make (no external-id line) is left alone.
func TestOtherAppointmentsAreLeftAlone(t *testing.T) {
	f := newFake(t)
	ada := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Email: "ada@example.com"})
	own := f.srv.AddAppointment(ghltest.Appointment{ContactID: ada.ID, CalendarID: f.cal.ID, Title: "Booked in HighLevel",
		StartTime: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC), Description: "booked by phone"})
	out, err := f.run(t, file)
	require.NoError(t, err, out)
	assert.Contains(t, out, "3 created")
	got := f.srv.Appointments(ada.ID)
	require.Len(t, got, 3)
	assert.Equal(t, own, got[0])
}

func TestBadFilesStopBeforeAnyWrite(t *testing.T) {
	tests := []struct {
		name, csv, want string
	}{
		{"wrong header", "id,email,start,end,title\n", "the header must be"},
		{"bad email", "external_id,email,start,end,title\ne1,not-an-email,2026-03-10T10:00:00Z,2026-03-10T11:00:00Z,T\n", "line 2: email"},
		{"bad time", "external_id,email,start,end,title\ne1,a@example.com,tomorrow,2026-03-10T11:00:00Z,T\n", "line 2: start"},
		{"end before start", "external_id,email,start,end,title\ne1,a@example.com,2026-03-10T11:00:00Z,2026-03-10T10:00:00Z,T\n", "end must be after start"},
		{"repeated external ID", "external_id,email,start,end,title\ne1,a@example.com,2026-03-10T10:00:00Z,2026-03-10T11:00:00Z,T\n" +
			"e1,b@example.com,2026-03-11T10:00:00Z,2026-03-11T11:00:00Z,T\n", "line 3: external ID e1 is on line 2 too"},
		{"missing column", "external_id,email,start,end,title\ne1,a@example.com,2026-03-10T10:00:00Z\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			_, err := f.run(t, tt.csv)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, f.srv.Requests(), "nothing is sent for a bad file")
		})
	}
}

func TestUnknownCalendarIsAnError(t *testing.T) {
	f := newFake(t)
	_, err := f.run(t, file, "-calendar", "nope")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no calendar nope")
	assert.Empty(t, f.writes())
}

func TestDemoUsesTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), nil, func(string) string { return "" }, &out, ghl.WithClock(clock.NewFake(time.Now()))))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, "No GHL_TOKEN set: using the in-memory fake HighLevel"), s)
	assert.Contains(t, s, "(Consultations): 3 appointments to push")
	assert.Contains(t, s, "3 created, 0 updated, 0 unchanged")
}

func TestArguments(t *testing.T) {
	both := map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, nil, "GHL_LOCATION_ID"},
		{"no file", both, nil, "give -csv"},
		{"bad zone", both, []string{"-tz", "Mars/Olympus"}, "-tz"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "-csv")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}

// snapshot is every contact and appointment of the location, as the server stores them.
func snapshot(f *fake) map[string][]ghltest.Appointment {
	out := map[string][]ghltest.Appointment{}
	for _, c := range f.srv.Contacts(f.loc) {
		out[c.ID+" "+c.Email+" "+c.DateUpdated.String()] = f.srv.Appointments(c.ID)
	}
	return out
}
