package ghltest

import (
	"cmp"
	"net/http"
	"strings"
	"time"
)

// routeCalendarEvents registers the calendars API's routes for appointments.
func (s *Server) routeCalendarEvents(r *router) {
	v := CalendarsAPIVersion
	r.addVersioned(http.MethodPost, "/calendars/events/appointments", ScopeCalendarEventsWrite, v, byLocationField, s.createAppointment)
	r.addVersioned(http.MethodGet, "/calendars/events/appointments/{eventId}", ScopeCalendarEventsRead, v, s.byEvent, s.getAppointment)
	r.addVersioned(http.MethodPut, "/calendars/events/appointments/{eventId}", ScopeCalendarEventsWrite, v, s.byEvent, s.updateAppointment)
	r.addVersioned(http.MethodDelete, "/calendars/events/{eventId}", ScopeCalendarEventsWrite, v, s.byEvent, s.deleteEvent)
}

// Chosen: HighLevel's texts for these refusals are not documented; "not found" reads as HighLevel's other
// 400s for a missing record do.
const (
	msgEventMissing = "Appointment not found"
	msgSlotTaken    = "The slot you have selected is no longer available."
)

// appointmentCreateBody is the spec's AppointmentCreateSchema.
type appointmentCreateBody struct {
	Title                    string `json:"title"`
	MeetingLocationType      string `json:"meetingLocationType"`
	MeetingLocationID        string `json:"meetingLocationId"`
	OverrideLocationConfig   *bool  `json:"overrideLocationConfig"`
	AppointmentStatus        string `json:"appointmentStatus"`
	AssignedUserID           string `json:"assignedUserId"`
	Description              string `json:"description"`
	Address                  string `json:"address"`
	IgnoreDateRange          *bool  `json:"ignoreDateRange"`
	ToNotify                 *bool  `json:"toNotify"`
	IgnoreFreeSlotValidation *bool  `json:"ignoreFreeSlotValidation"`
	RRule                    string `json:"rrule"`
	CalendarID               string `json:"calendarId"`
	LocationID               string `json:"locationId"`
	ContactID                string `json:"contactId"`
	StartTime                string `json:"startTime"`
	EndTime                  string `json:"endTime"`
}

// appointmentEditBody is the spec's AppointmentEditSchema: every field optional.
type appointmentEditBody struct {
	Title                    *string `json:"title"`
	MeetingLocationType      *string `json:"meetingLocationType"`
	MeetingLocationID        *string `json:"meetingLocationId"`
	OverrideLocationConfig   *bool   `json:"overrideLocationConfig"`
	AppointmentStatus        *string `json:"appointmentStatus"`
	AssignedUserID           *string `json:"assignedUserId"`
	Description              *string `json:"description"`
	Address                  *string `json:"address"`
	IgnoreDateRange          *bool   `json:"ignoreDateRange"`
	ToNotify                 *bool   `json:"toNotify"`
	IgnoreFreeSlotValidation *bool   `json:"ignoreFreeSlotValidation"`
	RRule                    *string `json:"rrule"`
	CalendarID               *string `json:"calendarId"`
	StartTime                *string `json:"startTime"`
	EndTime                  *string `json:"endTime"`
}

// appointmentAnswer is the spec's AppointmentSchemaResponse, the answer of a create and an update.
type appointmentAnswer struct {
	ID                  string `json:"id"`
	CalendarID          string `json:"calendarId"`
	LocationID          string `json:"locationId"`
	ContactID           string `json:"contactId"`
	StartTime           string `json:"startTime"`
	EndTime             string `json:"endTime"`
	Title               string `json:"title"`
	MeetingLocationType string `json:"meetingLocationType"`
	AppointmentStatus   string `json:"appointmentStatus"`
	AssignedUserID      string `json:"assignedUserId,omitempty"`
	Address             string `json:"address,omitempty"`
	IsRecurring         bool   `json:"isRecurring"`
}

func answerOf(a *Appointment) appointmentAnswer {
	return appointmentAnswer{
		ID: a.ID, CalendarID: a.CalendarID, LocationID: a.LocationID, ContactID: a.ContactID,
		StartTime: a.StartTime.Format(time.RFC3339), EndTime: a.EndTime.Format(time.RFC3339), Title: a.Title,
		MeetingLocationType: "custom", AppointmentStatus: a.AppointmentStatus, AssignedUserID: a.AssignedUserID,
		Address: a.Address,
	}
}

var appointmentStatuses = []string{"new", "confirmed", "cancelled", "showed", "noshow", "invalid"}

// parseEventTime reads a start or end time: the spec's examples are ISO 8601 with an offset.
func parseEventTime(name, v string, msgs *[]string) time.Time {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		*msgs = append(*msgs, name+" must be a valid ISO 8601 date string")
	}
	return t
}

func (s *Server) createAppointment(c *call) {
	var b appointmentCreateBody
	if !c.decode(&b) {
		return
	}
	var msgs []string
	for _, f := range []struct{ name, v string }{
		{"calendarId", b.CalendarID}, {"locationId", b.LocationID}, {"contactId", b.ContactID}, {"startTime", b.StartTime},
	} {
		if strings.TrimSpace(f.v) == "" {
			msgs = append(msgs, f.name+" should not be empty")
		}
	}
	if b.AppointmentStatus != "" && !contains(appointmentStatuses, b.AppointmentStatus) {
		msgs = append(msgs, "appointmentStatus must be one of the following values: "+strings.Join(appointmentStatuses, ", "))
	}
	var start, end time.Time
	if b.StartTime != "" {
		start = parseEventTime("startTime", b.StartTime, &msgs)
	}
	if b.EndTime != "" {
		end = parseEventTime("endTime", b.EndTime, &msgs)
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	cal, ok := s.calendar(b.CalendarID)
	if !ok || cal.LocationID != b.LocationID {
		writeError(c.w, http.StatusBadRequest, msgCalendarMissing)
		return
	}
	if end.IsZero() {
		end = start.Add(cal.SlotDuration)
	}
	if !end.After(start) {
		writeValidation(c.w, "endTime must be after startTime")
		return
	}
	if (b.IgnoreFreeSlotValidation == nil || !*b.IgnoreFreeSlotValidation) && overlaps(s.busyTimes(cal.ID, ""), start, end) {
		writeError(c.w, http.StatusBadRequest, msgSlotTaken)
		return
	}
	s.store.mu.Lock()
	ct, ok := c.contactOrMissing(b.ContactID)
	if !ok {
		s.store.mu.Unlock()
		return
	}
	a := &Appointment{
		ID: newID(), CalendarID: cal.ID, LocationID: ct.LocationID, ContactID: ct.ID, GroupID: cal.GroupID,
		Title: b.Title, Status: "booked", AppointmentStatus: cmp.Or(b.AppointmentStatus, "confirmed"),
		AssignedUserID: b.AssignedUserID, Description: b.Description, Address: b.Address, Source: "third_party",
		StartTime: start, EndTime: end, DateAdded: c.now, DateUpdated: c.now,
	}
	if a.AssignedUserID != "" {
		a.Users = []string{a.AssignedUserID}
	}
	recs := s.store.recordsOf(ct.ID)
	recs.appointments = append(recs.appointments, a)
	answer := answerOf(a)
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusOK, answer)
}

// findEvent returns the stored appointment of the eventId wildcard; the caller holds the lock.
func (s *Server) findEvent(id string) *Appointment {
	for _, recs := range s.store.records {
		for _, a := range recs.appointments {
			if a.ID == id {
				return a
			}
		}
	}
	return nil
}

// byEvent locates a request by the location of its event; "" for an unknown event.
func (s *Server) byEvent(c *call) string {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if a := s.findEvent(c.param("eventId")); a != nil {
		return a.LocationID
	}
	return ""
}

func (s *Server) getAppointment(c *call) {
	s.store.mu.RLock()
	a := s.findEvent(c.param("eventId"))
	var out Appointment
	if a != nil {
		out = a.clone()
	}
	s.store.mu.RUnlock()
	if a == nil {
		writeError(c.w, http.StatusBadRequest, msgEventMissing)
		return
	}
	writeJSON(c.w, http.StatusOK, struct {
		Event Appointment `json:"event"`
	}{out})
}

func (s *Server) updateAppointment(c *call) {
	var b appointmentEditBody
	if !c.decode(&b) {
		return
	}
	var msgs []string
	if b.AppointmentStatus != nil && !contains(appointmentStatuses, *b.AppointmentStatus) {
		msgs = append(msgs, "appointmentStatus must be one of the following values: "+strings.Join(appointmentStatuses, ", "))
	}
	var start, end *time.Time
	if b.StartTime != nil {
		t := parseEventTime("startTime", *b.StartTime, &msgs)
		start = &t
	}
	if b.EndTime != nil {
		t := parseEventTime("endTime", *b.EndTime, &msgs)
		end = &t
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	id := c.param("eventId")
	s.store.mu.RLock()
	a := s.findEvent(id)
	var cur Appointment
	if a != nil {
		cur = a.clone()
	}
	s.store.mu.RUnlock()
	if a == nil {
		writeError(c.w, http.StatusBadRequest, msgEventMissing)
		return
	}
	next := cur
	if b.CalendarID != nil {
		cal, ok := s.calendar(*b.CalendarID)
		if !ok || cal.LocationID != cur.LocationID {
			writeError(c.w, http.StatusBadRequest, msgCalendarMissing)
			return
		}
		next.CalendarID, next.GroupID = cal.ID, cal.GroupID
	}
	if start != nil {
		length := cur.EndTime.Sub(cur.StartTime)
		next.StartTime, next.EndTime = *start, start.Add(length)
	}
	if end != nil {
		next.EndTime = *end
	}
	if !next.EndTime.After(next.StartTime) {
		writeValidation(c.w, "endTime must be after startTime")
		return
	}
	moved := !next.StartTime.Equal(cur.StartTime) || !next.EndTime.Equal(cur.EndTime) || next.CalendarID != cur.CalendarID
	if moved && (b.IgnoreFreeSlotValidation == nil || !*b.IgnoreFreeSlotValidation) && overlaps(s.busyTimes(next.CalendarID, id), next.StartTime, next.EndTime) {
		writeError(c.w, http.StatusBadRequest, msgSlotTaken)
		return
	}
	setIf(&next.Title, b.Title)
	setIf(&next.AppointmentStatus, b.AppointmentStatus)
	setIf(&next.AssignedUserID, b.AssignedUserID)
	setIf(&next.Description, b.Description)
	setIf(&next.Address, b.Address)
	next.DateUpdated = c.now
	s.store.mu.Lock()
	a = s.findEvent(id)
	if a == nil {
		s.store.mu.Unlock()
		writeError(c.w, http.StatusBadRequest, msgEventMissing)
		return
	}
	*a = next
	answer := answerOf(a)
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusOK, answer)
}

func (s *Server) deleteEvent(c *call) {
	var b struct{} // the spec's DeleteAppointmentSchema has no properties
	if !c.decode(&b) {
		return
	}
	id := c.param("eventId")
	s.store.mu.Lock()
	found := false
	for _, recs := range s.store.records {
		for i, a := range recs.appointments {
			if a.ID == id {
				recs.appointments = append(recs.appointments[:i:i], recs.appointments[i+1:]...)
				found = true
				break
			}
		}
	}
	s.store.mu.Unlock()
	if !found {
		writeError(c.w, http.StatusBadRequest, msgEventMissing)
		return
	}
	writeJSON(c.w, http.StatusCreated, struct {
		Succeeded bool `json:"succeeded"`
	}{true})
}

func setIf(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
