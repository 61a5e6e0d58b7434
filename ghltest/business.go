package ghltest

import (
	"net/http"
	"slices"
	"strings"
)

// routeBusinesses registers the business routes: the contacts of a business, and moving contacts in and out of
// businesses.
func (s *Server) routeBusinesses(r *router) {
	r.add(http.MethodGet, "/contacts/business/{businessId}", ScopeContactsRead, byLocationField, s.contactsOfBusiness)
	r.add(http.MethodPost, "/contacts/bulk/business", ScopeContactsWrite, byLocationField, s.bulkBusiness)
}

// defaultBusinessLimit is the spec's default page of GET /contacts/business/{businessId}.
const defaultBusinessLimit = 25

// contactsOfBusiness answers a page (skip, limit) of the contacts of a business in a location, oldest first,
// with their count.
func (s *Server) contactsOfBusiness(c *call) {
	q := c.r.URL.Query()
	loc, limit, skip, ok := pagedQuery(c, q, "skip", defaultBusinessLimit, -1)
	if !ok {
		return
	}
	business, query := c.param("businessId"), queryMatcher(q.Get("query"))
	s.store.mu.RLock()
	var hits []*Contact
	if l := s.store.locs[loc]; l != nil {
		for _, ct := range sortedContacts(l, oldestFirst) {
			if ct.BusinessID == business && query(ct) {
				hits = append(hits, ct)
			}
		}
	}
	start := min(skip, len(hits))
	end := min(start+limit, len(hits))
	page := make([]contactWire, 0, end-start)
	for _, ct := range hits[start:end] {
		cp := ct.clone()
		page = append(page, cp.wire(nil))
	}
	s.store.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Contacts []contactWire `json:"contacts"`
		Count    int           `json:"count"`
	}{page, len(hits)})
}

type bulkBusinessBody struct {
	LocationID string   `json:"locationId"`
	IDs        []string `json:"ids"`
	// BusinessID null takes the contacts out of their business.
	BusinessID *string `json:"businessId"`
}

// bulkBusiness puts contacts of the location into a business, or takes them out with a null businessId. It
// answers the IDs it changed; unknown contacts and contacts of other locations are skipped.
func (s *Server) bulkBusiness(c *call) {
	var b bulkBusinessBody
	if !c.decode(&b) {
		return
	}
	var msgs []string
	if b.LocationID == "" {
		msgs = append(msgs, "locationId should not be empty")
	}
	if len(b.IDs) == 0 {
		msgs = append(msgs, "ids must contain at least 1 elements")
	}
	if slices.ContainsFunc(b.IDs, func(id string) bool { return strings.TrimSpace(id) == "" || len(id) > 50 }) {
		msgs = append(msgs, "each value in ids must be shorter than or equal to 50 characters and not empty")
	}
	if !presentKeys(c.body)["businessId"] {
		msgs = append(msgs, "businessId must be a string or null")
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	business := ""
	if b.BusinessID != nil {
		business = *b.BusinessID
	}
	done := []string{}
	s.store.mu.Lock()
	for _, id := range b.IDs {
		ct := s.store.contacts[id]
		if ct == nil || ct.LocationID != b.LocationID {
			continue
		}
		next := ct.clone()
		next.BusinessID, next.DateUpdated = business, c.now
		s.store.remove(ct)
		s.store.insert(&next)
		done = append(done, id)
	}
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusOK, struct {
		Success bool     `json:"success"`
		IDs     []string `json:"ids"`
	}{true, done})
}
