package ghltest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Calendar is a calendar of a location, as the server stores it (the parts of the spec's CalendarDTO that
// booking needs). Its free slots are every SlotDuration from OpenFrom to OpenTo o'clock each day in TimeZone,
// less those an appointment on it overlaps.
type Calendar struct {
	ID           string
	LocationID   string
	GroupID      string
	Name         string
	Description  string
	CalendarType string
	// Inactive calendars are drafts: GET /calendars/ leaves them out with showDrafted=false.
	Inactive bool
	// SlotDuration defaults to 30 minutes.
	SlotDuration time.Duration
	// OpenFrom and OpenTo are the hours of the day slots start and end; zero both for 9 to 17.
	OpenFrom, OpenTo int
	// TimeZone is the calendar's zone, in which its days and open hours are counted; nil means UTC.
	TimeZone *time.Location
}

// calendarWire is a calendar in the shape of the spec's CalendarDTO.
type calendarWire struct {
	ID               string  `json:"id"`
	LocationID       string  `json:"locationId"`
	GroupID          string  `json:"groupId,omitempty"`
	Name             string  `json:"name"`
	Description      string  `json:"description,omitempty"`
	CalendarType     string  `json:"calendarType,omitempty"`
	IsActive         bool    `json:"isActive"`
	SlotDuration     float64 `json:"slotDuration"`
	SlotDurationUnit string  `json:"slotDurationUnit"`
}

func (c *Calendar) wire() calendarWire {
	return calendarWire{
		ID: c.ID, LocationID: c.LocationID, GroupID: c.GroupID, Name: c.Name, Description: c.Description,
		CalendarType: c.CalendarType, IsActive: !c.Inactive, SlotDuration: c.SlotDuration.Minutes(),
		SlotDurationUnit: "mins",
	}
}

// calendarBook holds the calendars, businesses and custom fields of every location. Appointments live with
// their contact's records (tasks_store.go), so that the contacts API lists the ones the calendars API books.
type calendarBook struct {
	mu           sync.RWMutex
	calendars    map[string]*Calendar
	businesses   map[string]*Business
	customFields map[string]*CustomFieldDefinition
}

func (b *calendarBook) init() {
	if b.calendars == nil {
		b.calendars = map[string]*Calendar{}
		b.businesses = map[string]*Business{}
		b.customFields = map[string]*CustomFieldDefinition{}
	}
}

// AddCalendar stores a calendar and returns the stored copy. Empty fields get defaults: a generated ID, the
// server's default location, the name "Calendar", type "event", 30-minute slots from 9 to 17 UTC.
func (s *Server) AddCalendar(c Calendar) Calendar {
	c.ID = cmp.Or(c.ID, newID())
	c.LocationID = cmp.Or(c.LocationID, s.location)
	c.Name = cmp.Or(c.Name, "Calendar")
	c.CalendarType = cmp.Or(c.CalendarType, "event")
	c.SlotDuration = cmp.Or(c.SlotDuration, 30*time.Minute)
	if c.OpenFrom == 0 && c.OpenTo == 0 {
		c.OpenFrom, c.OpenTo = 9, 17
	}
	if c.TimeZone == nil {
		c.TimeZone = time.UTC
	}
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	s.book.init()
	stored := c
	s.book.calendars[c.ID] = &stored
	return c
}

// Calendars returns the calendars of a location, ordered by name.
func (s *Server) Calendars(locationID string) []Calendar {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	var out []Calendar
	for _, c := range s.book.calendars {
		if c.LocationID == locationID {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(a, b Calendar) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out
}

func (s *Server) calendar(id string) (Calendar, bool) {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	c, ok := s.book.calendars[id]
	if !ok {
		return Calendar{}, false
	}
	return *c, true
}

// routeCalendars registers the calendars API's routes for calendars and their free slots.
func (s *Server) routeCalendars(r *router) {
	r.addVersioned(http.MethodGet, "/calendars/", ScopeCalendarsRead, CalendarsAPIVersion, byLocationField, s.listCalendars)
	r.addVersioned(http.MethodGet, "/calendars/{calendarId}/free-slots", ScopeCalendarsRead, CalendarsAPIVersion, s.byCalendar, s.freeSlots)
}

// byCalendar locates a request by the location of its calendarId; "" for an unknown calendar.
func (s *Server) byCalendar(c *call) string {
	cal, _ := s.calendar(c.param("calendarId"))
	return cal.LocationID
}

// Chosen: HighLevel's text for an unknown calendar is not documented.
const msgCalendarMissing = "Calendar not found"

func (s *Server) listCalendars(c *call) {
	q := c.r.URL.Query()
	loc := q.Get("locationId")
	if loc == "" {
		writeValidation(c.w, "locationId should not be empty")
		return
	}
	drafted := q.Get("showDrafted") != "false"
	out := []calendarWire{}
	for _, cal := range s.Calendars(loc) {
		if (q.Get("groupId") != "" && cal.GroupID != q.Get("groupId")) || (cal.Inactive && !drafted) {
			continue
		}
		out = append(out, cal.wire())
	}
	writeJSON(c.w, http.StatusOK, struct {
		Calendars []calendarWire `json:"calendars"`
	}{out})
}

// maxSlotRange is the spec's limit on a free-slots query: "Date range cannot be more than 31 days".
const maxSlotRange = 31 * 24 * time.Hour

// freeSlots answers the calendar's free slots between startDate and endDate (epoch milliseconds), keyed by day
// and written in the timezone asked for, or else the calendar's.
func (s *Server) freeSlots(c *call) {
	cal, ok := s.calendar(c.param("calendarId"))
	if !ok {
		writeError(c.w, http.StatusBadRequest, msgCalendarMissing)
		return
	}
	q := c.r.URL.Query()
	var msgs []string
	millis := func(name string) time.Time {
		n, err := strconv.ParseInt(q.Get(name), 10, 64)
		if err != nil {
			msgs = append(msgs, name+" must be a number conforming to the specified constraints")
			return time.Time{}
		}
		return time.UnixMilli(n)
	}
	start, end := millis("startDate"), millis("endDate")
	zone := cal.TimeZone
	if name := q.Get("timezone"); name != "" {
		loc, err := time.LoadLocation(name)
		if err != nil {
			msgs = append(msgs, "timezone must be a valid IANA time zone")
		}
		zone = loc
	}
	if len(msgs) == 0 && (end.Before(start) || end.Sub(start) > maxSlotRange) {
		msgs = append(msgs, "Date range cannot be more than 31 days")
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	busy := s.busyTimes(cal.ID, "")
	days := map[string]slotsWire{}
	day := time.Date(start.In(cal.TimeZone).Year(), start.In(cal.TimeZone).Month(), start.In(cal.TimeZone).Day(), 0, 0, 0, 0, cal.TimeZone)
	for ; !day.After(end); day = day.AddDate(0, 0, 1) {
		for t := day.Add(time.Duration(cal.OpenFrom) * time.Hour); t.Before(day.Add(time.Duration(cal.OpenTo) * time.Hour)); t = t.Add(cal.SlotDuration) {
			if t.Before(start) || t.After(end) || overlaps(busy, t, t.Add(cal.SlotDuration)) {
				continue
			}
			local := t.In(zone)
			key := local.Format(time.DateOnly)
			d := days[key]
			d.Slots = append(d.Slots, local.Format(time.RFC3339))
			days[key] = d
		}
	}
	writeJSON(c.w, http.StatusOK, days)
}

type slotsWire struct {
	Slots []string `json:"slots"`
}

type span struct{ start, end time.Time }

// busyTimes returns the spans of the appointments booked on a calendar, except the one named except.
func (s *Server) busyTimes(calendarID, except string) []span {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var out []span
	for _, recs := range s.store.records {
		for _, a := range recs.appointments {
			if a.CalendarID == calendarID && a.ID != except && a.AppointmentStatus != "cancelled" {
				out = append(out, span{a.StartTime, a.EndTime})
			}
		}
	}
	return out
}

func overlaps(busy []span, start, end time.Time) bool {
	for _, b := range busy {
		if start.Before(b.end) && b.start.Before(end) {
			return true
		}
	}
	return false
}
