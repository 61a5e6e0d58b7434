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

	assert.Equal(t, time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), list[0].StartTime)
	assert.Equal(t, time.Date(2021, 7, 16, 11, 30, 0, 0, time.UTC), list[0].EndTime)
	assert.Equal(t, []string{"u1", "u2"}, list[0].Users)
	assert.Equal(t, []string{"r1"}, list[0].AssignedResources)

	assert.Equal(t, "confirmed", list[1].AppointmentStatus, "the misspelt field is read too")
	assert.True(t, time.Date(2023, 9, 25, 16, 0, 0, 0, ist).Equal(list[1].StartTime))
	assert.True(t, time.Date(2023, 9, 25, 16, 15, 0, 0, ist).Equal(list[1].EndTime), "epoch milliseconds: %v", list[1].EndTime)
	assert.Nil(t, list[1].Users)
	assert.Nil(t, list[1].AssignedResources, "a string where a list belongs is dropped")

	assert.Equal(t, "a3", list[2].ID)
	assert.Empty(t, list[2].Title)
	assert.Equal(t, []string{"u1"}, list[2].Users, "elements of the wrong type are skipped")
	assert.True(t, list[2].StartTime.IsZero())
	assert.Equal(t, "booking_widget", list[2].Source)
	assert.Contains(t, string(list[2].Raw), `"startTime":"not a time"`)
}
