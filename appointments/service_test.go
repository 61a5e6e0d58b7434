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

func TestList(t *testing.T) {
	e := newEnv(t)
	ist := time.FixedZone("IST", 5*3600+1800)
	demo := e.Srv.AddAppointment(ghltest.Appointment{
		ContactID: e.ContactID, Title: "Demo", StartTime: time.Date(2026, 3, 10, 16, 0, 0, 0, ist),
		Users: []string{"u1", "u2"}, AssignedUserID: "u1", Address: "https://example.com/meet", Notes: "bring slides",
		Source: "booking_widget", GroupID: "g1", AssignedResources: []string{"room1"},
	})
	intro := e.Srv.AddAppointment(ghltest.Appointment{
		ContactID: e.ContactID, Title: "Intro", StartTime: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC),
		TimeLayout: "2006-01-02 15:04:05", AppointmentStatus: "showed",
	})

	list, err := e.Svc.List(context.Background(), e.ContactID)
	require.NoError(t, err)
	require.Len(t, list, 2)

	first := list[0]
	assert.Equal(t, intro.ID, first.ID)
	assert.Equal(t, "showed", first.AppointmentStatus)
	assert.True(t, intro.StartTime.Equal(first.StartTime.Time), "a zoneless time is read as UTC: %v", first.StartTime)
	assert.Contains(t, string(first.Raw), `"startTime":"2026-03-09 09:00:00"`)

	second := list[1]
	assert.Equal(t, Appointment{
		ID: demo.ID, CalendarID: demo.CalendarID, LocationID: demo.LocationID, ContactID: e.ContactID, GroupID: "g1",
		Title: "Demo", Status: "booked", AppointmentStatus: "confirmed", AssignedUserID: "u1",
		Users: []string{"u1", "u2"}, AssignedResources: []string{"room1"}, Notes: "bring slides",
		Address: "https://example.com/meet", Source: "booking_widget",
		StartTime: second.StartTime, EndTime: second.EndTime, DateAdded: second.DateAdded, DateUpdated: second.DateUpdated,
		Raw: second.Raw,
	}, second)
	assert.True(t, demo.StartTime.Equal(second.StartTime.Time))
	assert.True(t, demo.EndTime.Equal(second.EndTime.Time))
	assert.True(t, demo.DateAdded.Truncate(time.Millisecond).Equal(second.DateAdded.Time))
	assert.True(t, demo.DateUpdated.Truncate(time.Millisecond).Equal(second.DateUpdated.Time))
}

func TestEmptyList(t *testing.T) {
	e := newEnv(t)
	list, err := e.Svc.List(context.Background(), e.ContactID)
	resourcetest.AssertEmptyList(t, list, err)
}

func TestMissingContactIsNotFound(t *testing.T) {
	e := newEnv(t)
	_, err := e.Svc.List(context.Background(), "nobody")
	resourcetest.AssertNotFound(t, err)
}

func TestEmptyContactIDIsRefusedBeforeSending(t *testing.T) {
	e := newEnv(t)
	for _, id := range []string{"", "  "} {
		_, err := e.Svc.List(context.Background(), id)
		assert.ErrorIs(t, err, transport.ErrInvalidArgument)
		var argErr *transport.ArgumentError
		require.True(t, errors.As(err, &argErr))
		assert.Equal(t, "contactID", argErr.Field)
	}
	assert.Empty(t, e.Srv.Requests())
}

func TestListIsRetried(t *testing.T) {
	e := newEnv(t)
	e.Srv.AddAppointment(ghltest.Appointment{ContactID: e.ContactID})
	e.Srv.InjectFault("GET", "/contacts/{contactId}/appointments", ghltest.Fault{Status: http.StatusServiceUnavailable})
	list, err := e.Svc.List(context.Background(), e.ContactID)
	require.NoError(t, err)
	assert.Len(t, list, 1)
	assert.Len(t, e.Srv.RequestsTo("GET", "/contacts/{contactId}/appointments"), 2)
}
