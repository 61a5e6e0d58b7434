package appointments

import (
	"context"
	"testing"
	"time"

	"github.com/ghlkit/ghl/internal/transport"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestsConformToSpec sends the operation and checks each request the server recorded against
// contacts.json.
func TestRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/contacts.json")
	e := newEnv(t)
	e.Srv.AddAppointment(ghltest.Appointment{ContactID: e.ContactID})
	_, err := e.Svc.List(context.Background(), e.ContactID)
	require.NoError(t, err)
	// An ID that needs escaping still names one path segment.
	odd := e.Srv.AddContact(ghltest.Contact{ID: "a/b c"})
	_, err = e.Svc.List(context.Background(), odd.ID)
	require.NoError(t, err)

	assert.Equal(t, map[string]int{"get-appointments-for-contact": 2}, spec.CheckAll(t, resourcetest.Recorded(e.Srv)))
}

// TestCalendarRequestsConformToSpec sends every calendars operation, with every field and with the fewest, and
// checks each request the server recorded against calendars.json, Version header included.
func TestCalendarRequestsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/calendars.json")
	e := newEnv(t)
	ctx := context.Background()
	cal := e.Srv.AddCalendar(ghltest.Calendar{LocationID: e.Loc, GroupID: "g1"})
	start := time.Date(2026, 3, 10, 10, 0, 0, 0, time.FixedZone("", 5*3600+1800))
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)

	_, err = e.Svc.ListCalendars(ctx, CalendarsParams{})
	require.NoError(t, err)
	_, err = e.Svc.ListCalendars(ctx, CalendarsParams{GroupID: "g1", HideDrafts: true})
	require.NoError(t, err)
	_, err = e.Svc.FreeSlots(ctx, cal.ID, FreeSlotsParams{Start: start, End: start.Add(time.Hour)})
	require.NoError(t, err)
	_, err = e.Svc.FreeSlots(ctx, cal.ID, FreeSlotsParams{Start: start, End: start.Add(time.Hour), TimeZone: kolkata, UserID: "u1", UserIDs: []string{"u1", "u2"}})
	require.NoError(t, err)
	full, err := e.Svc.Create(ctx, CreateParams{
		CalendarID: cal.ID, LocationID: e.Loc, ContactID: e.ContactID, StartTime: start, EndTime: start.Add(time.Hour),
		Title: "t", Description: "d", Address: "a", AppointmentStatus: "new", AssignedUserID: "u1",
		MeetingLocationType: "custom", MeetingLocationID: "custom_0", OverrideLocationConfig: ptr(true),
		IgnoreDateRange: ptr(true), IgnoreFreeSlotValidation: ptr(true), ToNotify: ptr(false), RRule: "RRULE:FREQ=DAILY;COUNT=1",
	})
	require.NoError(t, err)
	bare, err := e.Svc.Create(ctx, CreateParams{CalendarID: cal.ID, ContactID: e.ContactID, StartTime: start.Add(2 * time.Hour)})
	require.NoError(t, err)
	_, err = e.Svc.Get(ctx, full.ID)
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, full.ID, UpdateParams{
		Title: ptr("t2"), Description: ptr(""), Address: ptr("b"), AppointmentStatus: ptr("confirmed"), AssignedUserID: ptr("u2"),
		CalendarID: &cal.ID, StartTime: ptr(start.Add(3 * time.Hour)), EndTime: ptr(start.Add(4 * time.Hour)),
		MeetingLocationType: ptr("zoom"), MeetingLocationID: ptr("z"), OverrideLocationConfig: ptr(false),
		IgnoreDateRange: ptr(false), IgnoreFreeSlotValidation: ptr(true), ToNotify: ptr(true), RRule: ptr(""),
	})
	require.NoError(t, err)
	_, err = e.Svc.Update(ctx, full.ID, UpdateParams{})
	require.NoError(t, err)
	require.NoError(t, e.Svc.Delete(ctx, bare.ID))
	// IDs that need escaping still name one path segment.
	_, err = e.Svc.Get(ctx, "a/b c")
	require.ErrorIs(t, err, transport.ErrNotFound)

	reqs := resourcetest.Recorded(e.Srv)
	assert.Equal(t, map[string]int{
		"get-calendars": 2, "get-slots": 2, "create-appointment": 2, "get-appointment": 2, "edit-appointment": 2, "delete-event": 1,
	}, spec.CheckAll(t, reqs))
}
