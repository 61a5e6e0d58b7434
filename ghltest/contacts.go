package ghltest

import "net/http"

// routeContacts registers the contact routes of the spec that the server implements.
func (s *Server) routeContacts(r *router) {
	r.add(http.MethodPost, "/contacts/", ScopeContactsWrite, byLocationField, s.createContact)
	r.add(http.MethodPost, "/contacts/search", ScopeContactsRead, byLocationField, s.searchContacts)
	r.add(http.MethodGet, "/contacts/{contactId}", ScopeContactsRead, s.byContact, s.getContact)
	r.add(http.MethodPut, "/contacts/{contactId}", ScopeContactsWrite, s.byContact, s.updateContact)
	r.add(http.MethodDelete, "/contacts/{contactId}", ScopeContactsWrite, s.byContact, s.deleteContact)
	r.add(http.MethodPost, "/contacts/upsert", ScopeContactsWrite, byLocationField, s.upsertContact)
	r.add(http.MethodGet, "/contacts/search/duplicate", ScopeContactsRead, byLocationField, s.findDuplicate)
	r.add(http.MethodGet, "/contacts/", ScopeContactsRead, byLocationField, s.listContacts)
	s.routeContactLinks(r)
}

// byContact locates a request by the location of the contact in its path; "" for an unknown contact, which
// the handler answers.
func (s *Server) byContact(c *call) string {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if ct := s.store.contacts[c.param("contactId")]; ct != nil {
		return ct.LocationID
	}
	return ""
}

type contactAnswer struct {
	Contact Contact `json:"contact"`
}

// writeDuplicate answers HighLevel's refusal of a duplicate contact: meta names the contact that is matched
// (name is its contactName), its ID and the field that matched.
func writeDuplicate(w http.ResponseWriter, id, field, name string) {
	writeJSON(w, http.StatusBadRequest, errorBody{
		StatusCode: http.StatusBadRequest, Message: msgDuplicate,
		Meta: map[string]string{"contactName": name, "contactId": id, "matchingField": field},
	})
}

func (s *Server) createContact(c *call) {
	var b createContactBody
	if !c.decode(&b) {
		return
	}
	msgs := validateContact(b.Email, b.DNDSettings, b.InboundDNDSettings, b.CustomFields, b.DateOfBirth)
	if b.LocationID == "" {
		msgs = append([]string{"locationId should not be empty"}, msgs...)
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	ct := b.newContact()
	ct.ID, ct.DateAdded, ct.DateUpdated = newID(), c.now, c.now
	madeByAPI(&ct, c)
	s.store.mu.Lock()
	if id, field := s.store.duplicate(ct.LocationID, ct.Email, ct.Phone, ""); id != "" {
		name := s.store.contactName(id)
		s.store.mu.Unlock()
		writeDuplicate(c.w, id, field, name)
		return
	}
	s.store.insert(&ct)
	out := ct.clone()
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, contactAnswer{Contact: out})
}

func (s *Server) getContact(c *call) {
	s.store.mu.RLock()
	ct := s.store.contacts[c.param("contactId")]
	var out Contact
	if ct != nil {
		out = ct.clone()
	}
	s.store.mu.RUnlock()
	if ct == nil {
		writeError(c.w, http.StatusBadRequest, msgContactMissing)
		return
	}
	writeJSON(c.w, http.StatusOK, contactAnswer{Contact: out})
}

func (s *Server) updateContact(c *call) {
	var b updateContactBody
	if !c.decode(&b) {
		return
	}
	if msgs := validateContact(b.Email, b.DNDSettings, b.InboundDNDSettings, b.CustomFields, b.DateOfBirth); len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	s.store.mu.Lock()
	old := s.store.contacts[c.param("contactId")]
	if old == nil {
		s.store.mu.Unlock()
		writeError(c.w, http.StatusBadRequest, msgContactMissing)
		return
	}
	next := old.clone()
	b.apply(&next, presentKeys(c.body))
	next.DateUpdated = c.now
	if id, field := s.store.duplicate(next.LocationID, changed(old.Email, next.Email), changed(old.Phone, next.Phone), old.ID); id != "" {
		name := s.store.contactName(id)
		s.store.mu.Unlock()
		writeDuplicate(c.w, id, field, name)
		return
	}
	s.store.remove(old)
	s.store.insert(&next)
	out := next.clone()
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusOK, struct {
		Succeded bool    `json:"succeded"` // sic: HighLevel's spelling
		Contact  Contact `json:"contact"`
	}{true, out})
}

// changed returns the new value when it differs from the old one: only a changed email or phone is checked
// for duplicates, so that an update does not fail on duplicates that were allowed when they were made.
func changed(old, new string) string {
	if emailKey(old) == emailKey(new) {
		return ""
	}
	return new
}

func (s *Server) deleteContact(c *call) {
	s.store.mu.Lock()
	ct := s.store.contacts[c.param("contactId")]
	if ct != nil {
		s.store.remove(ct)
		s.store.dropRecords(ct.ID)
	}
	s.store.mu.Unlock()
	if ct == nil {
		writeError(c.w, http.StatusBadRequest, msgContactMissing)
		return
	}
	linksOf(s).forget(ct.ID)
	writeJSON(c.w, http.StatusOK, struct {
		Succeded bool `json:"succeded"` // sic
	}{true})
}
