package ghltest

import "net/http"

// findDuplicate answers GET /contacts/search/duplicate: the contact the location's duplicate rule matches
// (email first, then phone), or {"contact": null}.
func (s *Server) findDuplicate(c *call) {
	q := c.r.URL.Query()
	loc, email, phone := q.Get("locationId"), q.Get("email"), q.Get("number")
	if loc == "" {
		writeValidation(c.w, "locationId should not be empty")
		return
	}
	s.store.mu.RLock()
	var out *Contact
	if id := s.store.firstMatch(loc, email, phone); id != "" {
		cp := s.store.contacts[id].clone()
		out = &cp
	}
	s.store.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Contact *Contact `json:"contact"`
	}{out})
}
