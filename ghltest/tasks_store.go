package ghltest

import (
	"net/http"
	"strings"
	"time"
)

// contactRecords are what HighLevel keeps under one contact: the tasks and notes made through the API and
// the appointments its calendars booked, each list in the order the records were added.
type contactRecords struct {
	tasks        []*Task
	notes        []*Note
	appointments []*Appointment
}

// recordsOf returns the records of contact id, creating them; the caller holds the write lock.
func (st *store) recordsOf(id string) *contactRecords {
	if st.records == nil {
		st.records = map[string]*contactRecords{}
	}
	r := st.records[id]
	if r == nil {
		r = &contactRecords{}
		st.records[id] = r
	}
	return r
}

// peekRecords returns the records of contact id, or an empty set; the caller holds the read lock.
func (st *store) peekRecords(id string) *contactRecords {
	if r := st.records[id]; r != nil {
		return r
	}
	return &contactRecords{}
}

// dropRecords forgets the tasks, notes and appointments of a deleted contact; the caller holds the write lock.
func (st *store) dropRecords(contactID string) { delete(st.records, contactID) }

// contactOrMissing answers 400 "Contact not found", as HighLevel does, when contact id does not exist; the
// caller holds the lock.
func (c *call) contactOrMissing(id string) (*Contact, bool) {
	ct := c.s.store.contacts[id]
	if ct == nil {
		writeError(c.w, http.StatusBadRequest, msgContactMissing)
		return nil, false
	}
	return ct, true
}

// mustContact returns the stored contact id, for the Add* seeding methods, which panic on an unknown contact
// as a test cannot go on without it; the caller holds the lock.
func (s *Server) mustContact(method, id string) *Contact {
	ct := s.store.contacts[id]
	if ct == nil {
		panic("ghltest: " + method + ": no contact " + id + " (add it first with AddContact)")
	}
	return ct
}

// isoLayouts are the ISO 8601 forms the server accepts for a date it is sent, as class-validator's
// IsISO8601 does; a time without a zone is taken as UTC, as HighLevel's servers run in UTC.
var isoLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// parseISO reads a date sent in a request.
func parseISO(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range isoLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// blank reports a string property sent empty or only spaces; class-validator's IsNotEmpty refuses "" only,
// HighLevel also trims.
func blank(s *string) bool { return s != nil && strings.TrimSpace(*s) == "" }
