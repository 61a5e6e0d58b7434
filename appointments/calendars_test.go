package appointments

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr[T any](v T) *T { return &v }

func TestListCalendars(t *testing.T) {
	e := newEnv(t)
	demo := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc, Name: "Demo", GroupID: "g1", SlotDuration: time.Hour})
	e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc, Name: "Draft", Inactive: true})
	e.Srv.AddCalendar(ghltest.Calendar{LocationID: "elsewhere", Name: "Other"})
	tests := []struct {
		name  string
		p     CalendarsParams
		names []string
	}{
		{"all of the client's location", CalendarsParams{}, []string{"Demo", "Draft"}},
		{"without drafts", CalendarsParams{HideDrafts: true}, []string{"Demo"}},
		{"one group", CalendarsParams{GroupID: "g1"}, []string{"Demo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := e.Svc.ListCalendars(context.Background(), tt.p)
			require.NoError(t, err)
			var names []string
			for _, c := range list {
				names = append(names, c.Name)
			}
			assert.Equal(t, tt.names, names)
		})
	}
	list, err := e.Svc.ListCalendars(context.Background(), CalendarsParams{})
	require.NoError(t, err)
	got := list[0]
	assert.Equal(t, Calendar{ID: demo.ID, LocationID: e.Loc, GroupID: "g1", Name: "Demo", CalendarType: "event",
		IsActive: true, SlotDuration: time.Hour, Raw: got.Raw}, got)
	assert.False(t, list[1].IsActive)
}

func TestFreeSlotsInTheAskedZone(t *testing.T) {
	e := newEnv(t)
	cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc, OpenFrom: 9, OpenTo: 11, SlotDuration: time.Hour})
	e.Srv.AddAppointment(ghltest.Appointment{ContactID: e.ContactID, CalendarID: cal.ID,
		StartTime: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)})
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	slots, err := e.Svc.FreeSlots(context.Background(), cal.ID, FreeSlotsParams{
		Start: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 11, 12, 0, 0, 0, time.UTC), TimeZone: kolkata,
	})
	require.NoError(t, err)
	want := []time.Time{
		time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC), time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 11, 10, 0, 0, 0, time.UTC),
	}
	require.Len(t, slots, len(want))
	for i := range want {
		assert.True(t, want[i].Equal(slots[i]), "slot %d: %v", i, slots[i])
		assert.Equal(t, kolkata, slots[i].Location())
	}
	reqs := e.Srv.RequestsTo("GET", "/calendars/{calendarId}/free-slots")
	require.Len(t, reqs, 1)
	assert.Equal(t, "endDate=1773230400000&startDate=1773100800000&timezone=Asia%2FKolkata", reqs[0].RawQuery)
}

func TestFreeSlotsSkipsWhatIsNotADay(t *testing.T) {
	svc, _ := scripted(t, http.StatusOK, `{"2024-10-28":{"slots":["2024-10-28T10:00:00-05:00","nope","2024-10-28 11:00:00"]},
		"traceId":"t-1","2024-10-27":{"slots":["2024-10-27T09:00:00-05:00"]},"2024-10-29":[]}`)
	slots, err := svc.FreeSlots(context.Background(), "cal", FreeSlotsParams{Start: time.UnixMilli(1), End: time.UnixMilli(2)})
	require.NoError(t, err)
	require.Len(t, slots, 2)
	assert.Equal(t, "2024-10-27T09:00:00-05:00", slots[0].Format(time.RFC3339))
	assert.Equal(t, "2024-10-28T10:00:00-05:00", slots[1].Format(time.RFC3339))
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	start := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	ok := CreateParams{CalendarID: "cal", ContactID: e.ContactID, StartTime: start}
	with := func(f func(*CreateParams)) CreateParams { p := ok; f(&p); return p }
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"create without calendar", func() error {
			_, err := e.Svc.Create(ctx, with(func(p *CreateParams) { p.CalendarID = " " }))
			return err
		}, "CalendarID"},
		{"create without contact", func() error {
			_, err := e.Svc.Create(ctx, with(func(p *CreateParams) { p.ContactID = "" }))
			return err
		}, "ContactID"},
		{"create without start", func() error {
			_, err := e.Svc.Create(ctx, with(func(p *CreateParams) { p.StartTime = time.Time{} }))
			return err
		}, "StartTime"},
		{"create ending before it starts", func() error {
			_, err := e.Svc.Create(ctx, with(func(p *CreateParams) { p.EndTime = start.Add(-time.Minute) }))
			return err
		}, "EndTime"},
		{"create with an unknown status", func() error {
			_, err := e.Svc.Create(ctx, with(func(p *CreateParams) { p.AppointmentStatus = "booked" }))
			return err
		}, "AppointmentStatus"},
		{"get without ID", func() error { _, err := e.Svc.Get(ctx, ""); return err }, "eventID"},
		{"update without ID", func() error { _, err := e.Svc.Update(ctx, " ", UpdateParams{}); return err }, "eventID"},
		{"update to the zero time", func() error { _, err := e.Svc.Update(ctx, "ev", UpdateParams{StartTime: &time.Time{}}); return err }, "StartTime"},
		{"update to an empty calendar", func() error { _, err := e.Svc.Update(ctx, "ev", UpdateParams{CalendarID: ptr("")}); return err }, "CalendarID"},
		{"delete without ID", func() error { return e.Svc.Delete(ctx, "") }, "eventID"},
		{"slots without calendar", func() error {
			_, err := e.Svc.FreeSlots(ctx, "", FreeSlotsParams{Start: start, End: start})
			return err
		}, "calendarID"},
		{"slots without start", func() error { _, err := e.Svc.FreeSlots(ctx, "c", FreeSlotsParams{End: start}); return err }, "Start"},
		{"slots over 31 days", func() error {
			_, err := e.Svc.FreeSlots(ctx, "c", FreeSlotsParams{Start: start, End: start.Add(32 * 24 * time.Hour)})
			return err
		}, "End"},
		{"slots in time.Local", func() error {
			_, err := e.Svc.FreeSlots(ctx, "c", FreeSlotsParams{Start: start, End: start.Add(time.Hour), TimeZone: time.Local})
			return err
		}, "TimeZone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var argErr *transport.ArgumentError
			require.True(t, errors.As(err, &argErr), "%v", err)
			assert.ErrorIs(t, err, transport.ErrInvalidArgument)
			assert.Equal(t, tt.field, argErr.Field)
		})
	}
	assert.Empty(t, e.Srv.Requests())
}

func TestAppointmentLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc, TimeZone: ny})
	start := time.Date(2026, 3, 10, 10, 0, 0, 0, ny)

	made, err := e.Svc.Create(ctx, CreateParams{CalendarID: cal.ID, ContactID: e.ContactID, StartTime: start,
		Title: "Intro", Description: "from the CRM", ToNotify: ptr(false)})
	require.NoError(t, err)
	assert.True(t, start.Equal(made.StartTime.Time))
	assert.True(t, start.Add(30*time.Minute).Equal(made.EndTime.Time), "HighLevel ends it one slot later")
	posts := e.Srv.RequestsTo("POST", "/calendars/events/appointments")
	require.Len(t, posts, 1)
	assert.Contains(t, string(posts[0].Body), `"startTime":"2026-03-10T10:00:00-04:00"`, "sent with the calendar's offset")
	assert.Equal(t, "2021-04-15", posts[0].Header.Get("Version"))

	got, err := e.Svc.Get(ctx, made.ID)
	require.NoError(t, err)
	assert.Equal(t, "from the CRM", got.Description)
	assert.Equal(t, e.ContactID, got.ContactID)

	moved, err := e.Svc.Update(ctx, made.ID, UpdateParams{StartTime: ptr(start.Add(time.Hour)), AppointmentStatus: ptr("showed")})
	require.NoError(t, err)
	assert.True(t, start.Add(90*time.Minute).Equal(moved.EndTime.Time), "the length is kept")
	assert.Equal(t, "showed", moved.AppointmentStatus)

	listed, err := e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	require.Len(t, listed, 1, "the contacts API lists what the calendars API booked")
	assert.Equal(t, made.ID, listed[0].ID)

	require.NoError(t, e.Svc.Delete(ctx, made.ID))
	_, err = e.Svc.Get(ctx, made.ID)
	assert.ErrorIs(t, err, transport.ErrNotFound)
	assert.ErrorIs(t, e.Svc.Delete(ctx, made.ID), transport.ErrNotFound)
}

// Faults HighLevel is known for, injected on the create: the appointment is booked once or not at all.
func TestCreateUnderFaultsBooksOnce(t *testing.T) {
	start := time.Now().Add(24 * time.Hour).Truncate(time.Second)
	book := func(_ *testing.T, e *env) (any, error) {
		cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc})
		return e.Svc.Create(context.Background(), CreateParams{CalendarID: cal.ID, ContactID: e.ContactID, StartTime: start, Title: "Demo"})
	}
	booked := func(e *env) any { return e.Srv.Appointments(e.ContactID) }
	resourcetest.CreateUnderFaults(t, "/calendars/events/appointments", resourcetest.CreateFaults(http.StatusOK, `{"traceId":"t"}`), book, booked)
}

// An appointment on the same calendar and start that existed before the create is not taken for the one the
// create booked.
func TestCreateRecoveryIgnoresOlderAppointments(t *testing.T) {
	e := newEnv(t)
	cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc})
	start := resourcetest.Start.Add(24 * time.Hour)
	old := e.Srv.AddAppointment(ghltest.Appointment{ContactID: e.ContactID, CalendarID: cal.ID, StartTime: start,
		DateAdded: resourcetest.Start.Add(-time.Hour)})
	e.Srv.InjectFault(http.MethodPost, "/calendars/events/appointments", ghltest.Fault{Status: 503})
	_, err := e.Svc.Create(context.Background(), CreateParams{CalendarID: cal.ID, ContactID: e.ContactID, StartTime: start,
		IgnoreFreeSlotValidation: ptr(true)})
	var unknown *UnknownOutcomeError
	require.True(t, errors.As(err, &unknown), "%v", err)
	assert.Equal(t, old.ID, unknown.OlderMatch)
	assert.ErrorIs(t, err, transport.ErrServer)
	assert.Contains(t, err.Error(), "older than this create")
}

func TestEachOperationSendsItsSpecsVersion(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc})
	start := time.Now().Add(time.Hour).Truncate(time.Second)
	a, err := e.Svc.Create(ctx, CreateParams{CalendarID: cal.ID, ContactID: e.ContactID, StartTime: start})
	require.NoError(t, err)
	_, err = e.Svc.List(ctx, e.ContactID)
	require.NoError(t, err)
	_, err = e.Svc.ListCalendars(ctx, CalendarsParams{})
	require.NoError(t, err)
	want := map[string]string{
		"POST /calendars/events/appointments":    "2021-04-15",
		"GET /contacts/{contactId}/appointments": "2021-07-28",
		"GET /calendars/":                        "2021-04-15",
	}
	for _, r := range e.Srv.Requests() {
		assert.Equal(t, want[r.Method+" "+r.Route], r.Header.Get("Version"), "%s %s", r.Method, r.Route)
	}
	assert.NotEmpty(t, a.ID)
}
