package ghltest

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionIsCheckedPerRoute(t *testing.T) {
	f := newFixture(t)
	cal := f.srv.AddCalendar(Calendar{LocationID: f.loc})
	tests := []struct {
		name, method, path, version string
		want                        int
		msg                         string
	}{
		{"calendars with its own version", "GET", "/calendars/?locationId=loc1", CalendarsAPIVersion, 200, ""},
		{"calendars with the contacts version", "GET", "/calendars/?locationId=loc1", APIVersion, 400, versionUnsupported(CalendarsAPIVersion)},
		{"calendars without a version", "GET", "/calendars/?locationId=loc1", "", 400, versionMissing(CalendarsAPIVersion)},
		{"free slots with the contacts version", "GET", "/calendars/" + cal.ID + "/free-slots?startDate=0&endDate=1", APIVersion, 400, versionUnsupported(CalendarsAPIVersion)},
		{"businesses with 2021-07-28", "GET", "/businesses/?locationId=loc1", APIVersion, 200, ""},
		{"businesses with the calendars version", "GET", "/businesses/?locationId=loc1", CalendarsAPIVersion, 400, msgBadVersion},
		{"custom fields with the calendars version", "GET", "/locations/loc1/customFields", CalendarsAPIVersion, 400, msgBadVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.send(t, tt.method, tt.path, f.token, nil, "Version", tt.version)
			require.Equal(t, tt.want, r.status, "%s", r.body)
			if tt.msg != "" {
				assert.Equal(t, tt.msg, r.json(t)["message"])
			}
		})
	}
}

func TestNewRoutesNeedTheirScopes(t *testing.T) {
	f := newFixture(t)
	contactsOnly := f.srv.IssueToken(f.loc, ScopeContactsRead, ScopeContactsWrite)
	readOnly := f.srv.IssueToken(f.loc, ScopeCalendarsRead, ScopeCalendarEventsRead, ScopeBusinessesRead)
	tests := []struct {
		name, method, path, token, version string
		want                               int
	}{
		{"calendars without calendars.readonly", "GET", "/calendars/?locationId=loc1", contactsOnly, CalendarsAPIVersion, 401},
		{"create without calendars/events.write", "POST", "/calendars/events/appointments", readOnly, CalendarsAPIVersion, 401},
		{"business create without businesses.write", "POST", "/businesses/", readOnly, APIVersion, 401},
		{"custom fields without their scope", "GET", "/locations/loc1/customFields", readOnly, APIVersion, 401},
		{"another location's custom fields", "GET", "/locations/other/customFields", f.token, APIVersion, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.send(t, tt.method, tt.path, tt.token, map[string]any{}, "Version", tt.version)
			assert.Equal(t, tt.want, r.status, "%s", r.body)
		})
	}
}

func TestAppointmentLifecycle(t *testing.T) {
	f := newFixture(t)
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cal := f.srv.AddCalendar(Calendar{LocationID: f.loc, Name: "Demo", TimeZone: ny})
	ct := f.srv.AddContact(Contact{LocationID: f.loc, Email: "ada@example.com"})
	v := []string{"Version", CalendarsAPIVersion}

	create := map[string]any{"calendarId": cal.ID, "locationId": f.loc, "contactId": ct.ID,
		"startTime": "2026-03-10T10:00:00-04:00", "title": "Intro", "description": "ext:1"}
	r := f.send(t, "POST", "/calendars/events/appointments", f.token, create, v...)
	require.Equal(t, 200, r.status, "%s", r.body)
	made := r.json(t)
	id, _ := made["id"].(string)
	require.NotEmpty(t, id)
	assert.Equal(t, "2026-03-10T10:30:00-04:00", made["endTime"], "the end defaults to one slot later")
	assert.NotContains(t, made, "description", "the create's answer has no description (AppointmentSchemaResponse)")

	r = f.send(t, "POST", "/calendars/events/appointments", f.token, create, v...)
	assert.Equal(t, 400, r.status, "the slot is taken")
	create["ignoreFreeSlotValidation"] = true
	create["unknown"] = 1
	r = f.send(t, "POST", "/calendars/events/appointments", f.token, create, v...)
	assert.Equal(t, 422, r.status, "closed-world body")

	r = f.send(t, "GET", "/calendars/events/appointments/"+id, f.token, nil, v...)
	require.Equal(t, 200, r.status)
	ev, _ := r.json(t)["event"].(map[string]any)
	assert.Equal(t, "ext:1", ev["description"])
	assert.Len(t, f.srv.Appointments(ct.ID), 1, "the contacts API lists what the calendars API booked")

	r = f.send(t, "PUT", "/calendars/events/appointments/"+id, f.token, map[string]any{"title": "Intro call", "startTime": "2026-03-10T11:00:00-04:00"}, v...)
	require.Equal(t, 200, r.status, "%s", r.body)
	got := f.srv.Appointments(ct.ID)[0]
	assert.Equal(t, "Intro call", got.Title)
	assert.Equal(t, "ext:1", got.Description)
	assert.True(t, got.EndTime.Equal(time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC)), "a moved start keeps the length: %v", got.EndTime)

	r = f.send(t, "DELETE", "/calendars/events/"+id, f.token, map[string]any{}, v...)
	assert.Equal(t, 201, r.status)
	assert.Equal(t, true, r.json(t)["succeeded"])
	assert.Empty(t, f.srv.Appointments(ct.ID))
	r = f.send(t, "GET", "/calendars/events/appointments/"+id, f.token, nil, v...)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, msgEventMissing, r.json(t)["message"])
}

func TestFreeSlotsAreKeyedByDayInTheAskedZone(t *testing.T) {
	f := newFixture(t)
	cal := f.srv.AddCalendar(Calendar{LocationID: f.loc, OpenFrom: 9, OpenTo: 11, SlotDuration: time.Hour})
	ct := f.srv.AddContact(Contact{LocationID: f.loc})
	f.srv.AddAppointment(Appointment{ContactID: ct.ID, CalendarID: cal.ID, StartTime: time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC), EndTime: time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)})
	start := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC).UnixMilli()
	end := time.Date(2026, 3, 11, 23, 59, 0, 0, time.UTC).UnixMilli()
	path := "/calendars/" + cal.ID + "/free-slots?startDate=" + itoa(start) + "&endDate=" + itoa(end) + "&timezone=Asia/Kolkata"
	r := f.send(t, "GET", path, f.token, nil, "Version", CalendarsAPIVersion)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.JSONEq(t, `{"2026-03-10":{"slots":["2026-03-10T14:30:00+05:30"]},
		"2026-03-11":{"slots":["2026-03-11T14:30:00+05:30","2026-03-11T15:30:00+05:30"]}}`, string(r.body))

	tooLong := "/calendars/" + cal.ID + "/free-slots?startDate=0&endDate=" + itoa(int64(40*24*time.Hour/time.Millisecond))
	r = f.send(t, "GET", tooLong, f.token, nil, "Version", CalendarsAPIVersion)
	assert.Equal(t, 422, r.status)
}

func TestBusinessLifecycle(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "POST", "/businesses/", map[string]any{"name": "Acme", "locationId": f.loc, "website": "acme.example"})
	require.Equal(t, 201, r.status, "%s", r.body)
	b, _ := r.json(t)["buiseness"].(map[string]any)
	id, _ := b["id"].(string)
	require.NotEmpty(t, id)
	r = f.do(t, "POST", "/businesses/", map[string]any{"locationId": f.loc})
	assert.Equal(t, 422, r.status)

	r = f.do(t, "PUT", "/businesses/"+id, map[string]any{"city": "Springfield"})
	require.Equal(t, 200, r.status)
	got, _ := f.srv.Business(id)
	assert.Equal(t, "Springfield", got.City)
	assert.Equal(t, "acme.example", got.Website)

	r = f.do(t, "GET", "/businesses/?locationId=loc1&limit=1&skip=0", nil)
	require.Equal(t, 200, r.status)
	assert.Len(t, r.json(t)["businesses"], 1)

	assert.Equal(t, 200, f.do(t, "DELETE", "/businesses/"+id, nil).status)
	r = f.do(t, "GET", "/businesses/"+id, nil)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, msgBusinessMissing, r.json(t)["message"])
}

func TestCustomFieldByIDOrKey(t *testing.T) {
	f := newFixture(t)
	seed := f.srv.SeedLocation(f.loc)
	size := seed.CustomFields[0]
	assert.Equal(t, "contact.company_size", size.FieldKey)
	for _, key := range []string{size.ID, size.FieldKey} {
		r := f.do(t, "GET", "/locations/loc1/customFields/"+key, nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		cf, _ := r.json(t)["customField"].(map[string]any)
		assert.Equal(t, "Company Size", cf["name"])
	}
	r := f.do(t, "GET", "/locations/loc1/customFields?model=opportunity", nil)
	require.Equal(t, 200, r.status)
	assert.Empty(t, r.json(t)["customFields"])
	r = f.do(t, "GET", "/locations/loc1/customFields", nil)
	assert.Len(t, r.json(t)["customFields"], 2)
	assert.Equal(t, 400, f.do(t, "GET", "/locations/loc1/customFields/nope", nil).status)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestSeedLocation(t *testing.T) {
	f := newFixture(t)
	seed := f.srv.SeedLocation("")
	assert.Equal(t, f.loc, seed.Calendar.LocationID, "the default location")
	assert.Equal(t, []Calendar{seed.Calendar}, f.srv.Calendars(f.loc))
	assert.ElementsMatch(t, seed.Businesses, f.srv.Businesses(f.loc))
	assert.Len(t, seed.Businesses, 2)
	assert.Len(t, f.srv.CustomFieldDefinitions(f.loc), 2)

	r := f.send(t, "GET", "/calendars/?locationId=loc1", f.token, nil, "Version", CalendarsAPIVersion)
	require.Equal(t, 200, r.status)
	cals, _ := r.json(t)["calendars"].([]any)
	require.Len(t, cals, 1)
	assert.Equal(t, "Consultations", cals[0].(map[string]any)["name"])
	assert.Empty(t, f.srv.Calendars("other"), "another location gets nothing")
}
