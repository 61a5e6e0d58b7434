package ghltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"unicode/utf8"
)

// Search limits, as HighLevel documents them.
const (
	maxPageLimit   = 500
	maxPagedWindow = 10_000 // page*pageLimit beyond this needs searchAfter
	maxQueryLength = 75
)

// Chosen: HighLevel's exact text for a page beyond the paged window is not documented.
const msgPageWindow = "Standard pagination can only access the first 10000 records. Use searchAfter to go further."

// searchBody is the body of POST /contacts/search, from HighLevel's search guide (the spec's SearchBodyV2DTO
// is empty).
type searchBody struct {
	LocationID  string            `json:"locationId"`
	PageLimit   *int              `json:"pageLimit"`
	Page        *int              `json:"page"`
	SearchAfter []json.RawMessage `json:"searchAfter"`
	Filters     []searchNode      `json:"filters"`
	Sort        []searchSort      `json:"sort"`
	Query       string            `json:"query"`
}

type searchSort struct {
	Field     string `json:"field"`
	Direction string `json:"direction"`
}

// validate returns the messages of everything wrong with the body but its filters and sort.
func (b *searchBody) validate() []string {
	var msgs []string
	if b.LocationID == "" {
		msgs = append(msgs, "locationId should not be empty")
	}
	switch {
	case b.PageLimit == nil || *b.PageLimit < 1:
		msgs = append(msgs, "pageLimit must not be less than 1")
	case *b.PageLimit > maxPageLimit:
		msgs = append(msgs, "pageLimit must not be greater than 500")
	}
	if b.Page != nil && *b.Page < 1 {
		msgs = append(msgs, "page must not be less than 1")
	}
	if b.Page != nil && b.SearchAfter != nil {
		msgs = append(msgs, "page and searchAfter cannot be used together")
	}
	if utf8.RuneCountInString(b.Query) > maxQueryLength {
		msgs = append(msgs, "query must be shorter than or equal to 75 characters")
	}
	return msgs
}

type searchAnswer struct {
	Contacts []contactWire `json:"contacts"`
	Total    int           `json:"total"`
}

func (s *Server) searchContacts(c *call) {
	var b searchBody
	if !c.decode(&b) {
		return
	}
	msgs := b.validate()
	match, fmsgs := compileTree(b.Filters)
	keys, smsgs := compileSort(b.Sort)
	msgs = append(append(msgs, fmsgs...), smsgs...)
	var after []sortValue
	if len(msgs) == 0 && b.SearchAfter != nil {
		var msg string
		if after, msg = parseCursor(b.SearchAfter, keys); msg != "" {
			msgs = append(msgs, msg)
		}
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	limit, page := *b.PageLimit, 1
	if b.Page != nil {
		page = *b.Page
	}
	if page*limit > maxPagedWindow {
		writeValidation(c.w, msgPageWindow)
		return
	}
	writeJSON(c.w, http.StatusOK, s.search(b.LocationID, all(match, queryMatcher(b.Query)), keys, after, page, limit))
}

// search finds one page of a location's contacts; the lock is not held while the answer is written.
func (s *Server) search(locationID string, match predicate, keys []sortKey, after []sortValue, page, limit int) searchAnswer {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var hits []*Contact
	if l := s.store.locs[locationID]; l != nil {
		for _, ct := range sortedContacts(l, keys) {
			if match(ct) {
				hits = append(hits, ct)
			}
		}
	}
	start := (page - 1) * limit
	if after != nil {
		start = sort.Search(len(hits), func(i int) bool { return compareToCursor(hits[i], keys, after) > 0 })
	}
	end := min(start+limit, len(hits))
	ans := searchAnswer{Contacts: []contactWire{}, Total: len(hits)}
	for _, ct := range hits[min(start, end):end] {
		cp := ct.clone()
		ans.Contacts = append(ans.Contacts, cp.wire(cursorOf(&cp, keys)))
	}
	return ans
}

// queryMatcher does the free-text search over names, email and phone, ignoring case.
func queryMatcher(q string) predicate {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return func(*Contact) bool { return true }
	}
	digits := digitsOnly(q)
	return func(c *Contact) bool {
		for _, v := range []string{c.FirstName, c.LastName, c.fullName(), c.Email} {
			if strings.Contains(strings.ToLower(v), q) {
				return true
			}
		}
		return digits != "" && len(digits) == len(strings.Map(keepPhoneRune, q)) &&
			strings.Contains(digitsOnly(c.Phone), digits)
	}
}

// keepPhoneRune drops what people write between the digits of a phone number.
func keepPhoneRune(r rune) rune {
	if strings.ContainsRune(" +-().", r) {
		return -1
	}
	return r
}

// sortedContacts returns a location's contacts in the order of keys. The caller holds the store's lock
// (a read lock is enough) and must not change the slice.
func sortedContacts(l *locationData, keys []sortKey) []*Contact {
	sig := fmt.Sprint(keys)
	l.orderMu.Lock()
	defer l.orderMu.Unlock()
	if o, ok := l.orders[sig]; ok && o.version == l.version {
		return o.contacts
	}
	out := make([]*Contact, 0, len(l.contacts))
	for _, c := range l.contacts {
		out = append(out, c)
	}
	sortContacts(out, keys)
	if l.orders == nil {
		l.orders = map[string]sortedOrder{}
	}
	l.orders[sig] = sortedOrder{version: l.version, contacts: out}
	return out
}
