package ghltest

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
)

// Limits of the deprecated GET /contacts/, as the spec documents them.
const (
	defaultListLimit = 20
	maxListLimit     = 100
)

// listContacts answers the deprecated GET /contacts/: the location's contacts oldest first, a page after the
// position (startAfter, the last contact's dateAdded in Unix milliseconds, and startAfterId, its ID).
func (s *Server) listContacts(c *call) {
	q := c.r.URL.Query()
	loc, limit, after, ok := pagedQuery(c, q, "startAfter", defaultListLimit, maxListLimit)
	if !ok {
		return
	}
	afterID := q.Get("startAfterId")
	query := queryMatcher(q.Get("query"))

	s.store.mu.RLock()
	var hits []*Contact
	if l := s.store.locs[loc]; l != nil {
		for _, ct := range sortedContacts(l, oldestFirst) {
			if query(ct) {
				hits = append(hits, ct)
			}
		}
	}
	start := 0
	if after > 0 || afterID != "" {
		start = sort.Search(len(hits), func(i int) bool {
			ms := hits[i].DateAdded.UnixMilli()
			return ms > int64(after) || (ms == int64(after) && hits[i].ID > afterID)
		})
	}
	end := min(start+limit, len(hits))
	page := make([]contactWire, 0, end-start)
	for _, ct := range hits[start:end] {
		cp := ct.clone()
		page = append(page, cp.wire(nil))
	}
	total := len(hits)
	s.store.mu.RUnlock()

	meta := listMeta{Total: total, CurrentPage: start/limit + 1}
	if end > start {
		last := page[len(page)-1]
		meta.StartAfterID = last.ID
		meta.StartAfter = last.plainContact.DateAdded.UnixMilli()
	}
	if end < total {
		next := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(limit)},
			"startAfter": {strconv.FormatInt(meta.StartAfter, 10)}, "startAfterId": {meta.StartAfterID}}
		meta.NextPageURL = s.URL + "/contacts/?" + next.Encode()
		np := meta.CurrentPage + 1
		meta.NextPage = &np
	}
	if meta.CurrentPage > 1 {
		pp := meta.CurrentPage - 1
		meta.PrevPage = &pp
	}
	writeJSON(c.w, http.StatusOK, struct {
		Contacts []contactWire `json:"contacts"`
		Meta     listMeta      `json:"meta"`
	}{page, meta})
}

// listMeta is the spec's ContactsMetaSchema.
type listMeta struct {
	Total        int    `json:"total"`
	NextPageURL  string `json:"nextPageUrl,omitempty"`
	StartAfterID string `json:"startAfterId,omitempty"`
	StartAfter   int64  `json:"startAfter,omitempty"`
	CurrentPage  int    `json:"currentPage"`
	NextPage     *int   `json:"nextPage"`
	PrevPage     *int   `json:"prevPage"`
}

// pagedQuery reads a paged list's locationId, limit (def when absent, at most maxLimit unless it is < 0) and the
// offset named offset, as HighLevel validates them: when any is wrong it answers 422 with every message,
// the missing location first, and returns ok false.
func pagedQuery(c *call, q url.Values, offset string, def, maxLimit int) (loc string, limit, skip int, ok bool) {
	loc = q.Get("locationId")
	limit, msgs := queryInt(q, "limit", def, 1, maxLimit)
	skip, m := queryInt(q, offset, 0, 0, -1)
	msgs = append(msgs, m...)
	if loc == "" {
		msgs = append([]string{"locationId should not be empty"}, msgs...)
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return "", 0, 0, false
	}
	return loc, limit, skip, true
}

// queryInt reads an integer query parameter, def when absent, within [min, max] (max < 0: no maximum), with
// class-validator-like messages.
func queryInt(q url.Values, name string, def, min, max int) (int, []string) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return 0, []string{name + " must be a number conforming to the specified constraints"}
	case n < min:
		return 0, []string{name + " must not be less than " + strconv.Itoa(min)}
	case max >= 0 && n > max:
		return 0, []string{name + " must not be greater than " + strconv.Itoa(max)}
	}
	return n, nil
}
