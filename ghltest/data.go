package ghltest

import "cmp"

// AddContact stores c directly, without a request, rate limit or duplicate check, and returns the stored
// copy. An empty ID gets a generated one, an empty LocationID the server's default location, zero dates the
// server's clock, and the phone is normalised as HighLevel stores it. A contact with the ID of an existing
// one replaces it.
func (s *Server) AddContact(c Contact) Contact {
	c = c.clone()
	c.ID = cmp.Or(c.ID, newID())
	c.LocationID = cmp.Or(c.LocationID, s.location)
	now := s.clock.Now()
	if c.DateAdded.IsZero() {
		c.DateAdded = now
	}
	if c.DateUpdated.IsZero() {
		c.DateUpdated = c.DateAdded
	}
	c.Phone = normalizePhone(c.Phone)
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	if old := s.store.contacts[c.ID]; old != nil {
		s.store.remove(old)
	}
	s.store.insert(&c)
	return c.clone()
}

// Contact returns a copy of the contact id of locationID, if there is one.
func (s *Server) Contact(locationID, id string) (Contact, bool) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	c := s.store.contacts[id]
	if c == nil || c.LocationID != locationID {
		return Contact{}, false
	}
	return c.clone(), true
}

// Contacts returns copies of locationID's contacts, oldest first.
func (s *Server) Contacts(locationID string) []Contact {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	l := s.store.locs[locationID]
	if l == nil {
		return nil
	}
	out := make([]Contact, 0, len(l.contacts))
	for _, c := range sortedContacts(l, oldestFirst) {
		out = append(out, c.clone())
	}
	return out
}

// ContactCount returns how many contacts locationID has.
func (s *Server) ContactCount(locationID string) int {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if l := s.store.locs[locationID]; l != nil {
		return len(l.contacts)
	}
	return 0
}

// SetAllowDuplicates sets locationID's "allow duplicate contacts" setting, off by default. While it is off,
// creating or updating a contact with the email or phone of another one answers 400.
func (s *Server) SetAllowDuplicates(locationID string, allow bool) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.ensure(locationID).allowDuplicates = allow
}
