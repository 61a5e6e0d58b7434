package webhook

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/appointments"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/tasks"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// record is what a test reads from a task, note or appointment payload, whatever its resource type.
type record struct {
	id, contactID, locationID string
	dates                     []time.Time
}

func taskRecord(t Task) record {
	return record{t.ID, t.ContactID, t.LocationID, []time.Time{t.DateAdded.Time, t.DueDate.Time}}
}

func noteRecord(n Note) record {
	return record{n.ID, n.ContactID, n.LocationID, []time.Time{n.DateAdded.Time}}
}

func appointmentRecord(a appointments.Appointment) record {
	return record{a.ID, a.ContactID, a.LocationID, []time.Time{a.StartTime.Time, a.EndTime.Time, a.DateAdded.Time, a.DateUpdated.Time}}
}

// TestRecordEventsCarryResourceTypes decodes each documented task, note and appointment event and reads it
// through the resource package's type.
func TestRecordEventsCarryResourceTypes(t *testing.T) {
	taskCreated := record{"UlRWGLSXh0ji5qbiGu4i", "CWBf1PR9LvvBkcYqiXlc", "ve9EPM428h8vShlRW1KT",
		[]time.Time{at("2021-11-26T12:41:02.193Z"), at("2021-11-26T12:41:02.193Z")}}
	taskDone := record{"5HrB1IbmnKMBXloldFuP", "WFwVrSSjZ2CNHbZThQX2", "ve9EPM428h8vShlRW1KT",
		[]time.Time{at("2021-11-29T13:37:28.304Z"), at("2021-12-22T06:55:00.000Z")}}
	note := record{"otg8dTQqGLh3Q6iQI55w", "CWBf1PR9LvvBkcYqiXlc", "ve9EPM428h8vShlRW1KT",
		[]time.Time{at("2021-11-26T12:41:02.193Z")}}
	appt := record{"0007BWpSzSwfiuSl0tR2", "9NkT25Vor1v4aQatFsv2", "0007BWpSzSwfiuSl0tR2",
		[]time.Time{at("2023-09-25T10:30:00Z"), at("2023-09-25T10:30:00Z"), at("2023-09-25T10:30:00Z"), at("2023-09-25T10:30:00Z")}}
	tests := []struct {
		typ  string
		read func(Payload) record
		want record
	}{
		{TypeTaskCreate, func(p Payload) record { return taskRecord(p.(*TaskCreate).Task) }, taskCreated},
		{TypeTaskComplete, func(p Payload) record { return taskRecord(p.(*TaskComplete).Task) }, taskDone},
		{TypeTaskDelete, func(p Payload) record { return taskRecord(p.(*TaskDelete).Task) }, taskCreated},
		{TypeNoteCreate, func(p Payload) record { return noteRecord(p.(*NoteCreate).Note) }, note},
		{TypeNoteUpdate, func(p Payload) record { return noteRecord(p.(*NoteUpdate).Note) }, note},
		{TypeNoteDelete, func(p Payload) record { return noteRecord(p.(*NoteDelete).Note) }, note},
		{TypeAppointmentCreate, func(p Payload) record { return appointmentRecord(p.(*AppointmentCreate).Appointment) }, appt},
		{TypeAppointmentUpdate, func(p Payload) record { return appointmentRecord(p.(*AppointmentUpdate).Appointment) }, appt},
		{TypeAppointmentDelete, func(p Payload) record { return appointmentRecord(p.(*AppointmentDelete).Appointment) }, appt},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			e := construct(t, stamped(t, tt.typ, "wh-"+tt.typ, testNow))
			require.NotNil(t, e.Data)
			got := tt.read(e.Data)
			assert.Equal(t, tt.want.id, got.id)
			assert.Equal(t, tt.want.contactID, got.contactID)
			assert.Equal(t, tt.want.locationID, got.locationID)
			assert.Equal(t, e.LocationID, got.locationID, "the record's location is the event's")
			require.Len(t, got.dates, len(tt.want.dates))
			for i, d := range tt.want.dates {
				assert.True(t, d.Equal(got.dates[i]), "date %d: got %s, want %s", i, got.dates[i], d)
			}
		})
	}
}

// TestRecordDecodersKeepTheLocation guards against the embedded type's UnmarshalJSON being promoted, which
// would decode the record and silently drop LocationID, wherever the type is decoded.
func TestRecordDecodersKeepTheLocation(t *testing.T) {
	const taskJSON = `{"locationId":"L","id":"t1","contactId":"c1","title":"Call","dueDate":"2021-12-22T06:55:00.000Z"}`
	const noteJSON = `{"locationId":"L","id":"n1","contactId":"c1","body":"Hi","dateAdded":"2021-11-26T12:41:02.193Z"}`
	due, added := at("2021-12-22T06:55:00.000Z"), at("2021-11-26T12:41:02.193Z")
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, body []byte)
	}{
		{"Task", taskJSON, func(t *testing.T, b []byte) {
			var v Task
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.LocationID)
			assert.Equal(t, "t1", v.ID)
			assert.True(t, due.Equal(v.DueDate.Time))
			assert.False(t, v.Completed)
		}},
		{"TaskComplete", taskJSON, func(t *testing.T, b []byte) {
			var v TaskComplete
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.LocationID)
			assert.Equal(t, "Call", v.Title)
			assert.True(t, v.Completed)
		}},
		{"tasks in a list", `[` + taskJSON + `,` + taskJSON + `]`, func(t *testing.T, b []byte) {
			var v []TaskCreate
			require.NoError(t, json.Unmarshal(b, &v))
			require.Len(t, v, 2)
			assert.Equal(t, "L", v[1].LocationID)
			assert.JSONEq(t, taskJSON, string(v[1].Raw))
		}},
		{"Note", noteJSON, func(t *testing.T, b []byte) {
			var v Note
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.LocationID)
			assert.Equal(t, notes.Note{ID: "n1", ContactID: "c1", Body: "Hi", DateAdded: api.Time{Time: added}, Raw: b}, v.Note)
		}},
		{"note in a field", `{"n":` + noteJSON + `}`, func(t *testing.T, b []byte) {
			var v struct{ N NoteUpdate }
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.N.LocationID)
			assert.Equal(t, "Hi", v.N.Body)
		}},
		{"null leaves the record", `null`, func(t *testing.T, b []byte) {
			v := Task{Task: tasks.Task{ID: "t0"}, LocationID: "L0"}
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, Task{Task: tasks.Task{ID: "t0"}, LocationID: "L0"}, v)
		}},
		{"appointment location from the payload", `{"locationId":"L","appointment":{"id":"a1"}}`, func(t *testing.T, b []byte) {
			var v AppointmentUpdate
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.LocationID)
			assert.Equal(t, "L", v.Appointment.LocationID)
			assert.Equal(t, "a1", v.Appointment.ID)
		}},
		{"appointment's own location wins", `{"locationId":"L","appointment":{"id":"a1","locationId":"M"}}`, func(t *testing.T, b []byte) {
			var v AppointmentDelete
			require.NoError(t, json.Unmarshal(b, &v))
			assert.Equal(t, "L", v.LocationID)
			assert.Equal(t, "M", v.Appointment.LocationID)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, []byte(tt.body)) })
	}
}

// TestRecordEventsAreTolerant sends fields of unexpected types: the event still decodes, the odd fields are
// zero, and the record's Raw keeps what was sent.
func TestRecordEventsAreTolerant(t *testing.T) {
	const stamp = `"webhookId":"w","timestamp":"2025-01-28T14:35:00Z"`
	t.Run("task", func(t *testing.T) {
		e := construct(t, []byte(`{"type":"TaskCreate",`+stamp+`,"locationId":42,"id":"t1","title":7,`+
			`"dueDate":"soon","dateAdded":1637930462193}`))
		d, ok := e.Data.(*TaskCreate)
		require.True(t, ok, "an odd field cost the event: %T", e.Data)
		assert.Equal(t, "t1", d.ID)
		assert.Equal(t, "", d.LocationID)
		assert.Equal(t, "", d.Title)
		assert.False(t, d.DueDate.Valid())
		assert.True(t, time.Date(2021, 11, 26, 12, 41, 2, 193e6, time.UTC).Equal(d.DateAdded.Time))
		assert.Contains(t, string(d.Raw), `"dueDate":"soon"`)
	})
	t.Run("note", func(t *testing.T) {
		e := construct(t, []byte(`{"type":"NoteDelete",`+stamp+`,"locationId":"L","id":"n1","body":["x"],"dateAdded":{}}`))
		d, ok := e.Data.(*NoteDelete)
		require.True(t, ok, "an odd field cost the event: %T", e.Data)
		assert.Equal(t, "n1", d.ID)
		assert.Equal(t, "L", d.LocationID)
		assert.Equal(t, "", d.Body)
		assert.False(t, d.DateAdded.Valid())
	})
	t.Run("appointment", func(t *testing.T) {
		e := construct(t, []byte(`{"type":"AppointmentCreate",`+stamp+`,"locationId":"L","appointment":`+
			`{"id":"a1","users":"u1","title":3,"startTime":"2021-07-16 11:00:00"}}`))
		d, ok := e.Data.(*AppointmentCreate)
		require.True(t, ok, "an odd field cost the event: %T", e.Data)
		assert.Equal(t, "a1", d.Appointment.ID)
		assert.Equal(t, "L", d.Appointment.LocationID)
		assert.Empty(t, d.Appointment.Users)
		assert.Equal(t, "", d.Appointment.Title)
		assert.False(t, d.Appointment.StartTime.IsZero())
	})
	t.Run("appointment not an object", func(t *testing.T) {
		e := construct(t, []byte(`{"type":"AppointmentCreate",`+stamp+`,"locationId":"L","appointment":"a1"}`))
		d, ok := e.Data.(*AppointmentCreate)
		require.True(t, ok, "an odd field cost the event: %T", e.Data)
		assert.Equal(t, "L", d.LocationID)
		assert.Equal(t, "", d.Appointment.ID)
	})
}
