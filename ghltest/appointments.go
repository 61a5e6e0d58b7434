package ghltest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// Appointment is an appointment as the server stores it (the spec's GetEventSchema, plus the source that
// HighLevel's webhook payloads carry). HighLevel books appointments through its calendars, not through the
// contacts API, so tests seed them with AddAppointment.
type Appointment struct {
	ID                string   `json:"id"`
	CalendarID        string   `json:"calendarId"`
	LocationID        string   `json:"locationId"`
	ContactID         string   `json:"contactId"`
	GroupID           string   `json:"groupId,omitempty"`
	Title             string   `json:"title"`
	Status            string   `json:"status"`
	AppointmentStatus string   `json:"appointmentStatus"`
	AssignedUserID    string   `json:"assignedUserId,omitempty"`
	Users             []string `json:"users"`
	AssignedResources []string `json:"assignedResources,omitempty"`
	Notes             string   `json:"notes,omitempty"`
	// Description is what the calendars API's create and update write ("description").
	Description string    `json:"description,omitempty"`
	Address     string    `json:"address,omitempty"`
	Source      string    `json:"source,omitempty"`
	StartTime   time.Time `json:"startTime"`
	EndTime     time.Time `json:"endTime"`
	DateAdded   time.Time `json:"dateAdded"`
	DateUpdated time.Time `json:"dateUpdated"`

	// TimeLayout is how startTime and endTime are written: "" writes RFC 3339 in the times' own zone
	// ("2023-09-25T16:00:00+05:30"), as HighLevel's webhook payloads do. Set it to test other formats, such as
	// the spec's "2006-01-02 15:04:05".
	TimeLayout string `json:"-"`
}

// MarshalJSON writes the appointment in HighLevel's wire shape.
func (a Appointment) MarshalJSON() ([]byte, error) {
	type plain Appointment
	layout := cmp.Or(a.TimeLayout, time.RFC3339)
	users := a.Users
	if users == nil {
		users = []string{}
	}
	return json.Marshal(struct {
		plain
		Users       []string `json:"users"`
		StartTime   string   `json:"startTime"`
		EndTime     string   `json:"endTime"`
		DateAdded   string   `json:"dateAdded"`
		DateUpdated string   `json:"dateUpdated"`
	}{
		plain(a), users, a.StartTime.Format(layout), a.EndTime.Format(layout),
		a.DateAdded.UTC().Format(timeLayout), a.DateUpdated.UTC().Format(timeLayout),
	})
}

// routeAppointments registers the appointment route of the spec.
func (s *Server) routeAppointments(r *router) {
	r.add(http.MethodGet, "/contacts/{contactId}/appointments", ScopeContactsRead, s.byContact, s.listAppointments)
}

func (s *Server) listAppointments(c *call) {
	s.store.mu.RLock()
	if _, ok := c.contactOrMissing(c.param("contactId")); !ok {
		s.store.mu.RUnlock()
		return
	}
	out := byStartTime(s.store.peekRecords(c.param("contactId")).appointments)
	s.store.mu.RUnlock()
	for i := range out {
		out[i].Description = "" // the contacts spec's GetEventSchema has no description; the calendars API's events do
	}
	writeJSON(c.w, http.StatusOK, struct {
		Events []Appointment `json:"events"`
	}{out})
}

// byStartTime copies appointments, earliest first.
func byStartTime(as []*Appointment) []Appointment {
	out := make([]Appointment, 0, len(as))
	for _, a := range as {
		out = append(out, a.clone())
	}
	slices.SortStableFunc(out, func(a, b Appointment) int { return a.StartTime.Compare(b.StartTime) })
	return out
}

func (a *Appointment) clone() Appointment {
	d := *a
	d.Users = slices.Clone(a.Users)
	d.AssignedResources = slices.Clone(a.AssignedResources)
	return d
}

// AddAppointment stores an appointment of a.ContactID, as a booking on a calendar would, and returns the
// stored copy. Empty fields get defaults: a generated ID and CalendarID, the contact's location, status
// "booked", appointment status "confirmed", an end 30 minutes after the start, and the server's clock for the
// start and the record dates. It panics when a.ContactID names no contact.
func (s *Server) AddAppointment(a Appointment) Appointment {
	now := s.clock.Now()
	a = a.clone()
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	ct := s.mustContact("AddAppointment", a.ContactID)
	a.ID = cmp.Or(a.ID, newID())
	a.CalendarID = cmp.Or(a.CalendarID, newID())
	a.LocationID = cmp.Or(a.LocationID, ct.LocationID)
	a.Status = cmp.Or(a.Status, "booked")
	a.AppointmentStatus = cmp.Or(a.AppointmentStatus, "confirmed")
	if a.StartTime.IsZero() {
		a.StartTime = now
	}
	if a.EndTime.IsZero() {
		a.EndTime = a.StartTime.Add(30 * time.Minute)
	}
	if a.DateAdded.IsZero() {
		a.DateAdded = now
	}
	if a.DateUpdated.IsZero() {
		a.DateUpdated = a.DateAdded
	}
	recs := s.store.recordsOf(a.ContactID)
	recs.appointments = append(recs.appointments, &a)
	return a.clone()
}

// Appointments returns copies of the appointments of a contact, earliest start first, as the list endpoint
// answers them.
func (s *Server) Appointments(contactID string) []Appointment {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	return byStartTime(s.store.peekRecords(contactID).appointments)
}
