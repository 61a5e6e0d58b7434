package ghltest

import (
	"encoding/json"
	"net/http"
	"slices"
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
	Filters     []searchFilter    `json:"filters"`
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
	match, fmsgs := compileFilters(b.Filters)
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
	query := queryMatcher(b.Query)

	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var hits []*Contact
	if l := s.store.locs[b.LocationID]; l != nil {
		for _, ct := range l.contacts {
			if match(ct) && query(ct) {
				hits = append(hits, ct)
			}
		}
	}
	sortContacts(hits, keys)
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
	writeJSON(c.w, http.StatusOK, ans)
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

func sortedContacts(l *locationData, keys []sortKey) []*Contact {
	out := make([]*Contact, 0, len(l.contacts))
	for _, c := range l.contacts {
		out = append(out, c)
	}
	sortContacts(out, keys)
	return out
}

func sortContacts(cs []*Contact, keys []sortKey) {
	slices.SortFunc(cs, func(a, b *Contact) int { return compareContacts(a, b, keys) })
}
