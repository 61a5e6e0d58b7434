package ghltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppointmentsList(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	ist := time.FixedZone("IST", 5*3600+1800)
	late := f.srv.AddAppointment(Appointment{
		ContactID: cid, Title: "Demo", StartTime: time.Date(2026, 3, 10, 16, 0, 0, 0, ist),
		Users: []string{"u1"}, Source: "booking_widget",
	})
	early := f.srv.AddAppointment(Appointment{
		ContactID: cid, Title: "Intro", CalendarID: "cal1", StartTime: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC),
		EndTime: time.Date(2026, 3, 9, 9, 15, 0, 0, time.UTC), TimeLayout: "2006-01-02 15:04:05",
		AppointmentStatus: "showed",
	})
	assert.Equal(t, f.loc, late.LocationID, "the contact's location by default")
	assert.Equal(t, late.StartTime.Add(30*time.Minute), late.EndTime)
	assert.NotEmpty(t, late.CalendarID)

	r := f.do(t, "GET", "/contacts/"+cid+"/appointments", nil)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	events := r.json(t)["events"].([]any)
	require.Len(t, events, 2)
	first, second := events[0].(map[string]any), events[1].(map[string]any)
	assert.Equal(t, map[string]any{
		"id": early.ID, "calendarId": "cal1", "locationId": f.loc, "contactId": cid, "title": "Intro",
		"status": "booked", "appointmentStatus": "showed", "users": []any{},
		"startTime": "2026-03-09 09:00:00", "endTime": "2026-03-09 09:15:00",
		"dateAdded": f.clock.Now().Format(timeLayout), "dateUpdated": f.clock.Now().Format(timeLayout),
	}, first, "earliest start first, in the layout asked for")
	assert.Equal(t, "2026-03-10T16:00:00+05:30", second["startTime"], "RFC 3339 in the time's own zone")
	assert.Equal(t, "confirmed", second["appointmentStatus"])
	assert.Equal(t, []any{"u1"}, second["users"])
	assert.Equal(t, "booking_widget", second["source"])

	assert.Equal(t, []Appointment{early, late}, f.srv.Appointments(cid))

	r = f.do(t, "GET", "/contacts/nobody/appointments", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Equal(t, "Contact not found", r.json(t)["message"])

	other := f.create(t, map[string]any{"firstName": "Bob"})
	r = f.do(t, "GET", "/contacts/"+other+"/appointments", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"events":[]}`, string(r.body))
}

func TestAddAppointmentCopies(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	users := []string{"u1"}
	f.srv.AddAppointment(Appointment{ContactID: cid, Users: users})
	users[0] = "changed"
	got := f.srv.Appointments(cid)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"u1"}, got[0].Users, "the server keeps its own copy")
	got[0].Users[0] = "changed too"
	assert.Equal(t, []string{"u1"}, f.srv.Appointments(cid)[0].Users)
}
