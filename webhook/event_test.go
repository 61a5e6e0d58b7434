package webhook

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/ghlkit/ghl/appointments"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/tasks"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// construct verifies and parses body as the Handler would, signed with the test key.
func construct(t *testing.T, body []byte) *Event {
	t.Helper()
	e, err := testVerifier(t, newFakeClock()).ConstructEvent(body, signedHeader(body))
	require.NoError(t, err)
	return e
}

func iso(s string) Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return Time{Time: t}
}

// withRaw returns the payload with the Raw its record keeps: the whole body for tasks and notes, the
// "appointment" object for appointments.
func withRaw(t *testing.T, p Payload, body []byte) Payload {
	t.Helper()
	var inner struct{ Appointment json.RawMessage }
	require.NoError(t, json.Unmarshal(body, &inner))
	switch d := p.(type) {
	case *NoteCreate:
		d.Raw = body
	case *NoteUpdate:
		d.Raw = body
	case *NoteDelete:
		d.Raw = body
	case *TaskCreate:
		d.Raw = body
	case *TaskComplete:
		d.Raw = body
	case *TaskDelete:
		d.Raw = body
	case *AppointmentCreate:
		d.Appointment.Raw = inner.Appointment
	case *AppointmentUpdate:
		d.Appointment.Raw = inner.Appointment
	case *AppointmentDelete:
		d.Appointment.Raw = inner.Appointment
	}
	return p
}

// sampleVersion is the versionId of ghltest's samples.
const sampleVersion = "66a0419a0dffa47fb5f8b230"

func TestEventsFromTheDocs(t *testing.T) {
	contact := Contact{
		ID: "nmFmQEsNgz6AVpgLVUJ0", LocationID: "ve9EPM428h8vShlRW1KT", FirstName: "John", LastName: "Deo",
		Name: "John Deo", Email: "JohnDeo@gmail.comm", Phone: "+919509597501", CompanyName: "Loram ipsum",
		Address1: "3535 1st St N", City: "ruDolomitebika", State: "AL", PostalCode: "452001", Country: "DE",
		Website: "https://www.google.com/", Source: "xyz form", AssignedTo: "nmFmQEsNgz6AVpgLVUJ0",
		DateAdded: iso("2021-11-26T12:41:02.193Z"), DateOfBirth: iso("2000-01-05T00:00:00.000Z"), DND: true,
		Tags:         []string{"id magna sed Lorem", "Duis dolor commodo aliqua"},
		Attachments:  []json.RawMessage{},
		CustomFields: []CustomField{{ID: "BcdmQEsNgz6AVpgLVUJ0", Value: json.RawMessage(`"XYZ Corp"`)}},
	}
	dnd := contact
	dnd.DNDSettings = map[string]DNDSetting{
		"SMS":      {Status: "inactive"},
		"Call":     {Status: "inactive"},
		"Email":    {Status: "active"},
		"GMB":      {Status: "active"},
		"FB":       {Status: "active"},
		"WhatsApp": {Status: "active"},
		"RCS":      {Status: "inactive"},
	}
	note := Note{Note: notes.Note{ID: "otg8dTQqGLh3Q6iQI55w", ContactID: "CWBf1PR9LvvBkcYqiXlc",
		Body: "Loram ipsum", DateAdded: iso("2021-11-26T12:41:02.193Z")}, LocationID: "ve9EPM428h8vShlRW1KT"}
	task := Task{Task: tasks.Task{ID: "UlRWGLSXh0ji5qbiGu4i", ContactID: "CWBf1PR9LvvBkcYqiXlc",
		Title: "Loram ipsum", Body: "Loram ipsum", AssignedTo: "63e4qiWDsFJjOYAC8phG",
		DateAdded: iso("2021-11-26T12:41:02.193Z"), DueDate: iso("2021-11-26T12:41:02.193Z")}, LocationID: "ve9EPM428h8vShlRW1KT"}
	done := Task{Task: tasks.Task{ID: "5HrB1IbmnKMBXloldFuP", ContactID: "WFwVrSSjZ2CNHbZThQX2",
		Title: "test", Body: "testing", AssignedTo: "bNl8QNGXhIQJLv8eeASQ", Completed: true,
		DateAdded: iso("2021-11-29T13:37:28.304Z"), DueDate: iso("2021-12-22T06:55:00.000Z")}, LocationID: "ve9EPM428h8vShlRW1KT"}
	appt := appointments.Appointment{
		ID: "0007BWpSzSwfiuSl0tR2", CalendarID: "BqTwX8QFwXzpegMve9EQ", LocationID: "0007BWpSzSwfiuSl0tR2",
		ContactID: "9NkT25Vor1v4aQatFsv2", GroupID: "9NkT25Vor1v4aQatFsv2", Title: "Appointment with GHL Dev team",
		Address: "https://example.com/meeting", AppointmentStatus: "confirmed", AssignedUserID: "YlWd2wuCAZQzh2cH1fVZ",
		Users: []string{"YlWd2wuCAZQzh2cH1fVZ", "9NkT25Vor1v4aQatFsv2"}, Notes: "Some dummy note", Source: "booking_widget",
		StartTime: iso("2023-09-25T16:00:00+05:30"), EndTime: iso("2023-09-25T16:00:00+05:30"),
		DateAdded: iso("2023-09-25T16:00:00+05:30"), DateUpdated: iso("2023-09-25T16:00:00+05:30"),
	}
	const apptLoc = "0007BWpSzSwfiuSl0tR2"
	tests := []struct {
		typ      string
		location string
		want     Payload
	}{
		{TypeContactCreate, "ve9EPM428h8vShlRW1KT", &ContactCreate{contact}},
		{TypeContactUpdate, "ve9EPM428h8vShlRW1KT", &ContactUpdate{contact}},
		{TypeContactDelete, "ve9EPM428h8vShlRW1KT", &ContactDelete{contact}},
		{TypeContactTagUpdate, "ve9EPM428h8vShlRW1KT", &ContactTagUpdate{contact}},
		{TypeContactDndUpdate, "ve9EPM428h8vShlRW1KT", &ContactDndUpdate{dnd}},
		{TypeNoteCreate, "ve9EPM428h8vShlRW1KT", &NoteCreate{note}},
		{TypeNoteUpdate, "ve9EPM428h8vShlRW1KT", &NoteUpdate{note}},
		{TypeNoteDelete, "ve9EPM428h8vShlRW1KT", &NoteDelete{note}},
		{TypeTaskCreate, "ve9EPM428h8vShlRW1KT", &TaskCreate{task}},
		{TypeTaskComplete, "ve9EPM428h8vShlRW1KT", &TaskComplete{done}},
		{TypeTaskDelete, "ve9EPM428h8vShlRW1KT", &TaskDelete{task}},
		{TypeAppointmentCreate, apptLoc, &AppointmentCreate{LocationID: apptLoc, Appointment: appt}},
		{TypeAppointmentUpdate, apptLoc, &AppointmentUpdate{LocationID: apptLoc, Appointment: appt}},
		{TypeAppointmentDelete, apptLoc, &AppointmentDelete{LocationID: apptLoc, Appointment: appt}},
		{TypeInstall, "otg8dTQqGLh3Q6iQI55w", &AppInstall{
			AppID: "ve9EPM428h8vShlRW1KT", VersionID: sampleVersion, InstallType: "Location",
			CompanyID: "otg8dTQqGLh3Q6iQI55w", LocationID: "otg8dTQqGLh3Q6iQI55w",
			UserID: "otg8dTQqGLh3Q6iQI55w", PlanID: "66a0419a0dffa47fb5f8b22f",
			Trial:               &Trial{OnTrial: true, TrialDuration: 10, TrialStartDate: iso("2024-07-23T23:54:51.264Z")},
			IsWhitelabelCompany: true,
			WhitelabelDetails:   &WhitelabelDetails{Domain: "example.com", LogoURL: "https://example.com/logo.png"},
			CompanyName:         "Example Company",
		}},
		{TypeUninstall, "otg8dTQqGLh3Q6iQI55w", &AppUninstall{AppID: "ve9EPM428h8vShlRW1KT", VersionID: sampleVersion,
			LocationID: "otg8dTQqGLh3Q6iQI55w"}},
	}
	require.Len(t, tests, len(payloadTypes), "every documented type has a case")
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			body := stamped(t, tt.typ, "wh-"+tt.typ, testNow)
			e := construct(t, body)
			assert.Equal(t, tt.typ, e.Type)
			assert.Equal(t, "wh-"+tt.typ, e.WebhookID)
			assert.Equal(t, tt.location, e.LocationID)
			assert.Equal(t, "ve9EPM428h8vShlRW1KT", e.AppID, "every delivery names its app")
			assert.Equal(t, sampleVersion, e.VersionID)
			assert.True(t, testNow.Equal(e.Timestamp))
			assert.Equal(t, json.RawMessage(body), e.Raw)
			assert.Equal(t, withRaw(t, tt.want, body), e.Data)
			assert.Equal(t, tt.typ, e.Data.EventType())
		})
	}
}

func TestAgencyLevelAppEvents(t *testing.T) {
	install := []byte(`{"type":"INSTALL","appId":"ve9EPM428h8vShlRW1KT","companyId":"otg8dTQqGLh3Q6iQI55w",` +
		`"planId":"66a0419a0dffa47fb5f8b22f","trial":{"onTrial":true,"trialDuration":10,` +
		`"trialStartDate":"2024-07-23T23:54:51.264Z"},"timestamp":"2025-01-28T14:35:00Z","webhookId":"a"}`)
	e := construct(t, install)
	assert.Equal(t, "", e.LocationID)
	assert.Equal(t, &AppInstall{AppID: "ve9EPM428h8vShlRW1KT", CompanyID: "otg8dTQqGLh3Q6iQI55w",
		PlanID: "66a0419a0dffa47fb5f8b22f",
		Trial:  &Trial{OnTrial: true, TrialDuration: 10, TrialStartDate: iso("2024-07-23T23:54:51.264Z")}}, e.Data)

	uninstall := []byte(`{"type":"UNINSTALL","appId":"ve9EPM428h8vShlRW1KT","companyId":"otg8dTQqGLh3Q6iQI55w",` +
		`"timestamp":"2025-01-28T14:35:00Z","webhookId":"b"}`)
	assert.Equal(t, &AppUninstall{AppID: "ve9EPM428h8vShlRW1KT", CompanyID: "otg8dTQqGLh3Q6iQI55w"}, construct(t, uninstall).Data)

	nonWhitelabel, err := ghltest.StampWebhook([]byte(`{"type":"INSTALL","appId":"x","isWhitelabelCompany":false,"whitelabelDetails":{}}`), "c", testNow)
	require.NoError(t, err)
	assert.Equal(t, &AppInstall{AppID: "x", WhitelabelDetails: &WhitelabelDetails{}}, construct(t, nonWhitelabel).Data)
}

func TestDecodingIsTolerant(t *testing.T) {
	body := []byte(`{"type":"ContactCreate","webhookId":"w","timestamp":"2025-01-28T14:35:00Z","locationId":42,` +
		`"id":"c1","dnd":"yes","tags":"vip","dateAdded":"last week","dateOfBirth":946684800000,` +
		`"customFields":[{"id":"f","value":{"a":[1,2]}},{"id":7,"value":3}],"email":"ada@example.com",` +
		`"newField":{"x":1},"dndSettings":{"SMS":{"status":"active","code":101}}}`)
	e := construct(t, body)
	c, ok := e.Data.(*ContactCreate)
	require.True(t, ok, "an odd field cost the event: %T", e.Data)
	assert.Equal(t, "", e.LocationID, "a numeric locationId is dropped, not fatal")
	assert.Equal(t, "c1", c.ID)
	assert.Equal(t, "ada@example.com", c.Email)
	assert.False(t, c.DND)
	assert.Empty(t, c.Tags)
	assert.False(t, c.DateAdded.Valid())
	assert.True(t, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Equal(c.DateOfBirth.Time))
	require.Len(t, c.CustomFields, 2)
	assert.JSONEq(t, `{"a":[1,2]}`, string(c.CustomFields[0].Value))
	assert.JSONEq(t, `3`, string(c.CustomFields[1].Value))
	assert.Equal(t, DNDSetting{Status: "active"}, c.DNDSettings["SMS"])

	var extra struct {
		NewField struct{ X int } `json:"newField"`
	}
	require.NoError(t, e.Decode(&extra))
	assert.Equal(t, 1, extra.NewField.X)
}

func TestUnknownTypeKeepsRawJSON(t *testing.T) {
	body, err := ghltest.StampWebhook([]byte(`{"type":"OpportunityCreate","locationId":"L","id":"o1","monetaryValue":5}`), "u", testNow)
	require.NoError(t, err)
	e := construct(t, body)
	assert.Equal(t, "OpportunityCreate", e.Type)
	assert.Equal(t, "L", e.LocationID)
	assert.Nil(t, e.Data)
	assert.Equal(t, json.RawMessage(body), e.Raw)
	var opp struct {
		ID            string  `json:"id"`
		MonetaryValue float64 `json:"monetaryValue"`
	}
	require.NoError(t, e.Decode(&opp))
	assert.Equal(t, "o1", opp.ID)
	assert.Equal(t, 5.0, opp.MonetaryValue)
}

func TestTimeDecoding(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2021-11-26T12:41:02.193Z"`, time.Date(2021, 11, 26, 12, 41, 2, 193e6, time.UTC)},
		{`"2023-09-25T16:00:00+05:30"`, time.Date(2023, 9, 25, 10, 30, 0, 0, time.UTC)},
		{`1637930462193`, time.Date(2021, 11, 26, 12, 41, 2, 193e6, time.UTC)},
		{`"1637930462"`, time.Date(2021, 11, 26, 12, 41, 2, 0, time.UTC)},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
		{`"soon"`, time.Time{}},
		{`true`, time.Time{}},
		{`{"a":1}`, time.Time{}},
		{`"\u00"`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got Time
			require.NoError(t, got.UnmarshalJSON([]byte(tt.in)))
			assert.True(t, tt.want.Equal(got.Time), "got %s, want %s", got.Time, tt.want)
		})
	}
	out, err := json.Marshal(struct{ T Time }{iso("2021-11-26T12:41:02.193Z")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"T":"2021-11-26T12:41:02.193Z"}`, string(out))
}

func TestDecodingSurvivesOverflowAndWrongShapes(t *testing.T) {
	body := []byte(`{"type":"INSTALL","webhookId":"w","timestamp":"2025-01-28T14:35:00Z","appId":"a",` +
		`"trial":{"onTrial":1,"trialDuration":1e400,"trialStartDate":{}},"whitelabelDetails":"none","companyName":"C"}`)
	e := construct(t, body)
	install, ok := e.Data.(*AppInstall)
	require.True(t, ok, "an odd field cost the event: %T", e.Data)
	assert.Equal(t, "a", install.AppID)
	assert.Equal(t, "C", install.CompanyName)
	require.NotNil(t, install.Trial)
	assert.Equal(t, Trial{TrialStartDate: Time{Raw: "{}"}}, *install.Trial, "each odd field is left unread")
	assert.Empty(t, *install.WhitelabelDetails)
}

// The other shapes HighLevel delivers: an agency-level install and uninstall, and a TaskCreate without a
// contact.
func TestEventVariants(t *testing.T) {
	tests := []struct {
		typ      string
		location string
		want     Payload
	}{
		{TypeInstall, "", &AppInstall{
			AppID: "ve9EPM428h8vShlRW1KT", VersionID: sampleVersion, InstallType: "Company",
			CompanyID: "otg8dTQqGLh3Q6iQI55w", PlanID: "66a0419a0dffa47fb5f8b22f",
			Trial: &Trial{OnTrial: true, TrialDuration: 10, TrialStartDate: iso("2024-07-23T23:54:51.264Z")},
		}},
		{TypeUninstall, "", &AppUninstall{AppID: "ve9EPM428h8vShlRW1KT", VersionID: sampleVersion,
			CompanyID: "otg8dTQqGLh3Q6iQI55w"}},
		{TypeTaskCreate, "ve9EPM428h8vShlRW1KT", &TaskCreate{Task{Task: tasks.Task{ID: "Qm3kX9vLwT2pR8sN4yB1",
			Title: "Follow up", Body: "Call back about the renewal", AssignedTo: "63e4qiWDsFJjOYAC8phG",
			DateAdded: iso("2024-05-14T09:12:44.021Z"), DueDate: iso("2024-05-16T09:00:00.000Z")},
			LocationID: "ve9EPM428h8vShlRW1KT"}}},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			variants := ghltest.WebhookSampleVariants(tt.typ)
			require.Len(t, variants, 2)
			body, err := ghltest.StampWebhook(variants[1], "wh-variant", testNow)
			require.NoError(t, err)
			e := construct(t, body)
			assert.Equal(t, tt.location, e.LocationID)
			assert.Equal(t, "ve9EPM428h8vShlRW1KT", e.AppID)
			assert.Equal(t, sampleVersion, e.VersionID)
			assert.Equal(t, withRaw(t, tt.want, body), e.Data)
		})
	}
}

// at is the instant iso reads.
func at(s string) time.Time { return iso(s).Time }
