package contacts

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// MaxListLimit is the largest page of the deprecated list endpoint.
const MaxListLimit = 100

// ListParams describes a page of the deprecated contact list.
type ListParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// Query is free text to match.
	Query string
	// Limit is the page size, at most 100; zero means HighLevel's default (20) for List and 100 for ListAll.
	Limit int
	// After resumes after a position (ListPage.Next).
	After ListCursor
}

// ListCursor is a position in the deprecated contact list: the last contact's ID and its sort value.
type ListCursor struct {
	StartAfterID string `json:"startAfterId,omitempty"`
	// StartAfter is a Unix time in milliseconds.
	StartAfter int64 `json:"startAfter,omitempty"`
}

// IsZero reports whether the cursor is the start of the list.
func (c ListCursor) IsZero() bool { return c.StartAfterID == "" && c.StartAfter == 0 }

// ListPage is one page of the deprecated contact list.
type ListPage struct {
	Contacts []Contact
	// Total is how many contacts the location has, as HighLevel counts them.
	Total int
	// Next is the position after this page; zero after the last page.
	Next ListCursor
}

// listMeta is the meta of GET /contacts/'s answer; its numbers are read leniently (HighLevel sends some as text).
type listMeta struct {
	Total        json.RawMessage `json:"total"`
	StartAfterID string          `json:"startAfterId"`
	StartAfter   json.RawMessage `json:"startAfter"`
	NextPageURL  string          `json:"nextPageUrl"`
}

func lenientInt(raw json.RawMessage) int64 {
	s := rawString(raw)
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return int64(f)
}

func (p *ListParams) query(t *transport.Client, defLimit int) (url.Values, int, error) {
	loc, err := locationOr(p.LocationID, t)
	if err != nil {
		return nil, 0, err
	}
	limit := p.Limit
	if limit == 0 {
		limit = defLimit
	}
	if limit < 0 || limit > MaxListLimit {
		return nil, 0, transport.InvalidArgument("Limit", "must be between 1 and 100")
	}
	q := url.Values{"locationId": {loc}}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if p.Query != "" {
		q.Set("query", p.Query)
	}
	if p.After.StartAfterID != "" {
		q.Set("startAfterId", p.After.StartAfterID)
	}
	if p.After.StartAfter != 0 {
		q.Set("startAfter", strconv.FormatInt(p.After.StartAfter, 10))
	}
	return q, limit, nil
}

// List returns one page of the location's contacts.
//
// Deprecated: HighLevel deprecated this endpoint; use Search or SearchAll.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/get-contacts
//
//ghl:operation GET /contacts/
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*ListPage, error) {
	ctx = transport.WithOptions(ctx, opts)
	q, limit, err := params.query(s.t, 0)
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 20 // HighLevel's default page size
	}
	return s.list(ctx, q, limit)
}

func (s *Service) list(ctx context.Context, q url.Values, limit int) (*ListPage, error) {
	var meta listMeta
	found, err := s.fetchPage(ctx, &transport.Request{
		Method: http.MethodGet, Path: transport.Path("contacts", ""), Query: q, Kind: transport.Read,
	}, map[string]any{"meta": &meta})
	if err != nil {
		return nil, err
	}
	p := &ListPage{Contacts: found, Total: int(lenientInt(meta.Total))}
	if len(found) >= limit {
		p.Next = ListCursor{StartAfterID: meta.StartAfterID, StartAfter: lenientInt(meta.StartAfter)}
	}
	return p, nil
}

// ListAll returns every contact of the location, following the startAfter/startAfterId cursor. It stops at
// the first error, on a repeated cursor (ErrRepeatedCursor), when the loop breaks, and between pages when ctx
// is done.
//
// Deprecated: HighLevel deprecated the endpoint behind it; use SearchAll.
func (s *Service) ListAll(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[Contact, error] {
	ctx = transport.WithOptions(ctx, opts)
	q, limit, err := params.query(s.t, MaxListLimit)
	if err != nil {
		return fail(err)
	}
	key := func(c ListCursor) string { return c.StartAfterID + "@" + strconv.FormatInt(c.StartAfter, 10) }
	return paginate(ctx, params.After, key, func(ctx context.Context, c ListCursor) (page[ListCursor], error) {
		q := cloneValues(q)
		q.Del("startAfterId")
		q.Del("startAfter")
		if c.StartAfterID != "" {
			q.Set("startAfterId", c.StartAfterID)
		}
		if c.StartAfter != 0 {
			q.Set("startAfter", strconv.FormatInt(c.StartAfter, 10))
		}
		lp, err := s.list(ctx, q, limit)
		if err != nil {
			return page[ListCursor]{}, err
		}
		return page[ListCursor]{items: lp.Contacts, next: lp.Next, more: !lp.Next.IsZero()}, nil
	})
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
