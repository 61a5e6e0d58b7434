package appointments

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListToleratesHighLevelsShapes(t *testing.T) {
	ist := time.FixedZone("", 5*3600+1800)
	body := `{"events":[
		{"id":"a1","calendarId":"cal","status":"booked","title":"Spec example","appointmentStatus":"booked",
		 "startTime":"2021-07-16 11:00:00","endTime":"2021-07-16 11:30:00","users":["u1","u2"],
		 "dateAdded":"2021-07-16 11:00:00","dateUpdated":"2021-07-16 11:30:00","assignedResources":["r1"]},
		{"id":"a2","appoinmentStatus":"confirmed","startTime":"2023-09-25T16:00:00+05:30","endTime":1695638700000,
		 "users":null,"assignedResources":"r1"},
		null,
		{"_id":"a3","title":7,"users":["u1",3],"startTime":"not a time","source":"booking_widget"}
	],"traceId":"t"}`
	svc, seen := scripted(t, http.StatusOK, body)
	list, err := svc.List(context.Background(), "c 1")
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, "/contacts/c%201/appointments", seen()[0].URL.EscapedPath())

	assert.Equal(t, time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), list[0].StartTime.Time)
	assert.Equal(t, time.Date(2021, 7, 16, 11, 30, 0, 0, time.UTC), list[0].EndTime.Time)
	assert.Equal(t, []string{"u1", "u2"}, list[0].Users)
	assert.Equal(t, []string{"r1"}, list[0].AssignedResources)

	assert.Equal(t, "confirmed", list[1].AppointmentStatus, "the misspelt field is read too")
	assert.True(t, time.Date(2023, 9, 25, 16, 0, 0, 0, ist).Equal(list[1].StartTime.Time))
	assert.True(t, time.Date(2023, 9, 25, 16, 15, 0, 0, ist).Equal(list[1].EndTime.Time), "epoch milliseconds: %v", list[1].EndTime)
	assert.Nil(t, list[1].Users)
	assert.Nil(t, list[1].AssignedResources, "a string where a list belongs is dropped")

	assert.Equal(t, "a3", list[2].ID)
	assert.Empty(t, list[2].Title)
	assert.Equal(t, []string{"u1"}, list[2].Users, "elements of the wrong type are skipped")
	assert.False(t, list[2].StartTime.Valid())
	assert.Equal(t, "booking_widget", list[2].Source)
	assert.Contains(t, string(list[2].Raw), `"startTime":"not a time"`)
}

// The calendars API's shapes, from the spec's examples: the create's and update's AppointmentSchemaResponse,
// and the event of GetCalendarEventSuccessfulResponseDTO.
func TestCalendarAnswersAreRead(t *testing.T) {
	ist := time.FixedZone("", 5*3600+1800)
	created := `{"calendarId":"CVokAlI8fgw4WYWoCtQz","locationId":"C2QujeCh8ZnC7al2InWR","contactId":"0007BWpSzSwfiuSl0tR2",
		"startTime":"2021-06-23T03:30:00+05:30","endTime":"2021-06-23T04:30:00+05:30","title":"Test Event",
		"meetingLocationType":"custom","appointmentStatus":"confirmed","assignedUserId":"0007BWpSzSwfiuSl0tR2",
		"address":"Zoom","isRecurring":"true","rrule":"RRULE:FREQ=DAILY;INTERVAL=1;COUNT=5","id":"0TkCdp9PfvLeWKYRRvIz"}`
	svc, _ := scripted(t, http.StatusOK, created)
	a, err := svc.Update(context.Background(), "0TkCdp9PfvLeWKYRRvIz", UpdateParams{})
	require.NoError(t, err)
	assert.Equal(t, "0TkCdp9PfvLeWKYRRvIz", a.ID)
	assert.True(t, time.Date(2021, 6, 23, 3, 30, 0, 0, ist).Equal(a.StartTime.Time))
	assert.False(t, a.IsRecurring, `the spec's example writes isRecurring as the string "true": not read as a bool`)
	assert.Equal(t, "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=5", a.RRule)

	event := `{"event":{"id":"ocQHyuzHvysMo5N5VsXc_1729821600000_1800","address":"https://meet.google.com/yqp-gogr-wve",
		"title":"Appointment with GHL Dev team","calendarId":"BqTwX8QFwXzpegMve9EQ","locationId":"0007BWpSzSwfiuSl0tR2",
		"contactId":"9NkT25Vor1v4aQatFsv2","groupId":"9NkT25Vor1v4aQatFsv2","appointmentStatus":"confirmed",
		"assignedUserId":"YlWd2wuCAZQzh2cH1fVZ","users":["YlWd2wuCAZQzh2cH1fVZ","9NkT25Vor1v4aQatFsv2"],
		"notes":"Some dummy note","description":"Some dummy description","isRecurring":true,
		"startTime":"2023-09-25T16:00:00+05:30","endTime":"2023-09-25T16:00:00+05:30","dateAdded":"2023-09-25T16:00:00+05:30",
		"dateUpdated":"2023-09-25T16:00:00+05:30","assignedResources":[],"createdBy":{"userId":"u"},"masterEventId":"ocWd2wuBGAQzh2cH1fSZ"}}`
	svc, seen := scripted(t, http.StatusOK, event)
	got, err := svc.Get(context.Background(), "ocQHyuzHvysMo5N5VsXc_1729821600000_1800")
	require.NoError(t, err)
	assert.Equal(t, "/calendars/events/appointments/ocQHyuzHvysMo5N5VsXc_1729821600000_1800", seen()[0].URL.EscapedPath())
	assert.Equal(t, "2021-04-15", seen()[0].Header.Get("Version"))
	assert.Equal(t, "Some dummy description", got.Description)
	assert.Equal(t, "Some dummy note", got.Notes)
	assert.True(t, got.IsRecurring)
	assert.Equal(t, "ocWd2wuBGAQzh2cH1fSZ", got.MasterEventID)
	assert.True(t, time.Date(2023, 9, 25, 16, 0, 0, 0, ist).Equal(got.DateAdded.Time))
}
