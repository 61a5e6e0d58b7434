package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Search limits, as HighLevel documents them.
const (
	// MaxPageLimit is the largest page a search returns.
	MaxPageLimit = 500
	// MaxPagedResults is how far page numbers reach: page × pageLimit may not pass it. SearchAfter goes on.
	MaxPagedResults = 10_000
	// MaxQueryLength is the longest free-text query, in characters.
	MaxQueryLength = 75
	// DefaultPageLimit is the page size of Search when SearchParams.PageLimit is zero. SearchAll uses
	// MaxPageLimit, to spend as few requests of the rate limit as it can.
	DefaultPageLimit = 100
)

// Direction is a sort order.
type Direction string

// Sort directions.
const (
	Asc  Direction = "asc"
	Desc Direction = "desc"
)

// Sort orders search results by a field.
type Sort struct {
	Field     string    `json:"field"`
	Direction Direction `json:"direction"`
}

// SearchParams describes a search. Filters are combined with AND.
type SearchParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// Query is free text (at most 75 characters) matched against the location's searchable fields.
	Query   string
	Filters []Filter
	// Sort defaults to HighLevel's order (newest first). Sorting by a field that changes while an export
	// runs (dateUpdated) can move a contact across pages; dateAdded does not.
	Sort []Sort
	// PageLimit is the page size, at most 500. Zero means DefaultPageLimit for Search and 500 for SearchAll.
	PageLimit int
	// Page is the page number for Search (from 1; 0 means 1). Page numbers reach only the first 10,000
	// contacts; SearchAll and SearchAfter go further. SearchAll refuses it.
	Page int
	// SearchAfter resumes after the contact whose SearchAfter cursor this is (SearchPage.Next).
	SearchAfter json.RawMessage
}

// searchBody is POST /contacts/search's body, from HighLevel's search guide (the spec leaves it empty).
type searchBody struct {
	LocationID  string          `json:"locationId"`
	PageLimit   int             `json:"pageLimit"`
	Page        int             `json:"page,omitempty"`
	SearchAfter json.RawMessage `json:"searchAfter,omitempty"`
	Filters     []Filter        `json:"filters,omitempty"`
	Sort        []Sort          `json:"sort,omitempty"`
	Query       string          `json:"query,omitempty"`
}

// body checks p and builds the request body; defLimit is the page size when p sets none.
func (p *SearchParams) body(t *transport.Client, defLimit int) (*searchBody, error) {
	loc, err := locationOr(p.LocationID, t)
	if err != nil {
		return nil, err
	}
	b := &searchBody{LocationID: loc, PageLimit: p.PageLimit, Page: p.Page, Filters: p.Filters, Sort: p.Sort, Query: p.Query}
	if b.PageLimit == 0 {
		b.PageLimit = defLimit
	}
	switch {
	case b.PageLimit < 0 || b.PageLimit > MaxPageLimit:
		return nil, transport.InvalidArgument("PageLimit", "must be between 1 and 500")
	case b.Page < 0:
		return nil, transport.InvalidArgument("Page", "must not be negative")
	case b.Page > 0 && len(p.SearchAfter) > 0:
		return nil, transport.InvalidArgument("Page", "cannot be used with SearchAfter")
	case b.Page*b.PageLimit > MaxPagedResults:
		return nil, transport.InvalidArgument("Page", "page numbers reach only the first 10,000 contacts; use SearchAfter or SearchAll")
	case utf8.RuneCountInString(p.Query) > MaxQueryLength:
		return nil, transport.InvalidArgument("Query", "is longer than 75 characters, HighLevel's limit")
	}
	if len(p.SearchAfter) > 0 {
		sa := bytes.TrimSpace(p.SearchAfter)
		var probe []json.RawMessage
		if len(sa) == 0 || sa[0] != '[' || json.Unmarshal(sa, &probe) != nil || len(probe) == 0 {
			return nil, transport.InvalidArgument("SearchAfter", "must be a contact's searchAfter cursor (a JSON array)")
		}
		b.SearchAfter = sa
	}
	if err := checkFilters("Filters", p.Filters); err != nil {
		return nil, err
	}
	for i, s := range p.Sort {
		if strings.TrimSpace(s.Field) == "" {
			return nil, transport.InvalidArgument("Sort["+itoa(i)+"].Field", "is required")
		}
		if s.Direction != Asc && s.Direction != Desc {
			return nil, transport.InvalidArgument("Sort["+itoa(i)+"].Direction", "must be asc or desc")
		}
	}
	return b, nil
}

// SearchPage is one page of search results.
type SearchPage struct {
	Contacts []Contact
	// Total is how many contacts match the search.
	Total int
	// Next is the cursor of the next page (put it in SearchParams.SearchAfter), or nil after the last page.
	Next json.RawMessage
}

// total reads HighLevel's count of matches: the search answers "total", the spec names it "count".
type total struct {
	Total *int
	Count *int
}

func (t *total) extra() map[string]any { return map[string]any{"total": &t.Total, "count": &t.Count} }

func (t *total) value() int {
	switch {
	case t.Total != nil:
		return *t.Total
	case t.Count != nil:
		return *t.Count
	}
	return 0
}

// Search returns one page of contacts that match params, with the cursor of the next page, for callers
// who checkpoint and resume. Use SearchAll to read every match.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/search-contacts-advanced
//
//ghl:operation POST /contacts/search
func (s *Service) Search(ctx context.Context, params SearchParams, opts ...option.RequestOption) (*SearchPage, error) {
	ctx = transport.WithOptions(ctx, opts)
	body, err := params.body(s.t, DefaultPageLimit)
	if err != nil {
		return nil, err
	}
	return s.search(ctx, body)
}

func (s *Service) search(ctx context.Context, body *searchBody) (*SearchPage, error) {
	var tot total
	found, err := s.fetchPageSized(ctx, &transport.Request{
		Method: http.MethodPost, Path: transport.Path("contacts", "search"), Body: body, Kind: transport.Read,
	}, tot.extra(), body.PageLimit)
	if err != nil {
		return nil, err
	}
	p := &SearchPage{Contacts: found, Total: tot.value()}
	if n := len(found); n > 0 && n >= body.PageLimit {
		p.Next = found[n-1].SearchAfter
		if len(p.Next) == 0 {
			return nil, &transport.DecodeError{Method: http.MethodPost, Path: "/contacts/search", Err: errNoCursor}
		}
	}
	return p, nil
}

var errNoCursor = errorString("the last contact of a full page has no searchAfter cursor")

// SearchAll returns every contact that matches params, page after page, each exactly once, beyond the 10,000
// that page numbers reach: it follows searchAfter cursors from the start (or from params.SearchAfter, to
// resume). It stops at the first error, which it yields; on a repeated cursor (ErrRepeatedCursor); when the
// loop breaks; and between pages when ctx is done.
func (s *Service) SearchAll(ctx context.Context, params SearchParams, opts ...option.RequestOption) iter.Seq2[Contact, error] {
	ctx = transport.WithOptions(ctx, opts)
	p := params
	p.Filters = append([]Filter(nil), params.Filters...)
	p.Sort = append([]Sort(nil), params.Sort...)
	p.SearchAfter = append(json.RawMessage(nil), params.SearchAfter...)
	if p.Page != 0 {
		return fail(transport.InvalidArgument("Page", "SearchAll pages with searchAfter cursors; use Search for page numbers"))
	}
	body, err := p.body(s.t, MaxPageLimit)
	if err != nil {
		return fail(err)
	}
	return paginate(ctx, body.SearchAfter, func(c json.RawMessage) string { return string(c) },
		func(ctx context.Context, cursor json.RawMessage) (page[json.RawMessage], error) {
			b := *body
			b.SearchAfter = cursor
			sp, err := s.search(ctx, &b)
			if err != nil {
				return page[json.RawMessage]{}, err
			}
			return page[json.RawMessage]{items: sp.Contacts, next: sp.Next, more: sp.Next != nil}, nil
		})
}

// fail is an iterator that yields err once.
func fail(err error) iter.Seq2[Contact, error] {
	return func(yield func(Contact, error) bool) { yield(Contact{}, err) }
}
