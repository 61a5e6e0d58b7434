package contacts

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// BusinessParams describes a listing of the contacts of one business.
type BusinessParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// Query is free text to match.
	Query string
	// Limit is the page size; zero means 100 (HighLevel's own default is 25).
	Limit int
	// Skip is how many contacts to skip: the position to resume from (BusinessPage.NextSkip).
	Skip int
}

// BusinessPage is one page of a business's contacts.
type BusinessPage struct {
	Contacts []Contact
	// Total is how many contacts the business has, when HighLevel says.
	Total int
	// NextSkip is the Skip of the next page, or -1 after the last page.
	NextSkip int
}

// defaultBusinessLimit is the page size when none is given.
const defaultBusinessLimit = 100

func (p *BusinessParams) query(t *transport.Client, businessID string) (url.Values, int, error) {
	if err := transport.RequireID("businessID", businessID); err != nil {
		return nil, 0, err
	}
	loc, err := locationOr(p.LocationID, t)
	if err != nil {
		return nil, 0, err
	}
	limit := p.Limit
	if limit == 0 {
		limit = defaultBusinessLimit
	}
	if limit < 0 {
		return nil, 0, transport.InvalidArgument("Limit", "must not be negative")
	}
	if p.Skip < 0 {
		return nil, 0, transport.InvalidArgument("Skip", "must not be negative")
	}
	q := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(limit)}}
	if p.Query != "" {
		q.Set("query", p.Query)
	}
	return q, limit, nil
}

// ListByBusiness returns one page of the contacts of a business, for callers who checkpoint: resume with
// BusinessParams.Skip set to NextSkip. ListByBusinessAll iterates over every page.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/get-contacts-by-businessId
//
//ghl:operation GET /contacts/business/{businessId}
func (s *Service) ListByBusiness(ctx context.Context, businessID string, params BusinessParams, opts ...option.RequestOption) (*BusinessPage, error) {
	ctx = transport.WithOptions(ctx, opts)
	q, limit, err := params.query(s.t, businessID)
	if err != nil {
		return nil, err
	}
	return s.businessPage(ctx, businessID, q, params.Skip, limit)
}

// ListByBusinessPage returns one page of the contacts of a business.
//
// Deprecated: use ListByBusiness, which is the same call under the SDK's naming rule (X is one page, XAll
// every record).
func (s *Service) ListByBusinessPage(ctx context.Context, businessID string, params BusinessParams, opts ...option.RequestOption) (*BusinessPage, error) {
	return s.ListByBusiness(ctx, businessID, params, opts...)
}

func (s *Service) businessPage(ctx context.Context, businessID string, q url.Values, skip, limit int) (*BusinessPage, error) {
	q = cloneValues(q)
	q.Set("skip", strconv.Itoa(skip))
	var tot total
	found, err := s.fetchPage(ctx, &transport.Request{
		Method: http.MethodGet, Path: transport.Path("contacts", "business", businessID), Query: q, Kind: transport.Read,
	}, tot.extra())
	if err != nil {
		return nil, err
	}
	p := &BusinessPage{Contacts: found, Total: tot.value(), NextSkip: -1}
	n := len(found)
	// HighLevel may cap the page below the limit asked for, so a short page ends the listing only when the
	// total is unknown; with a total, the listing ends when it is reached.
	switch {
	case n == 0:
	case p.Total > 0 && skip+n < p.Total:
		p.NextSkip = skip + n
	case p.Total <= 0 && n >= limit:
		p.NextSkip = skip + n
	}
	return p, nil
}

// ListByBusinessAll returns every contact of a business, paging with skip and limit. It stops at the first
// error, when a page repeats the previous one (ErrRepeatedCursor), when the loop breaks, and between pages
// when ctx is done.
func (s *Service) ListByBusinessAll(ctx context.Context, businessID string, params BusinessParams, opts ...option.RequestOption) iter.Seq2[Contact, error] {
	ctx = transport.WithOptions(ctx, opts)
	q, limit, err := params.query(s.t, businessID)
	if err != nil {
		return fail(err)
	}
	// Skip only grows, so a repeated skip cannot happen; a server that ignores skip repeats its page instead,
	// which the first and last IDs of the page reveal.
	type cursor struct {
		skip       int
		prevDigest string
	}
	key := func(c cursor) string { return c.prevDigest }
	return paginate(ctx, cursor{skip: params.Skip}, key, func(ctx context.Context, c cursor) (page[cursor], error) {
		bp, err := s.businessPage(ctx, businessID, q, c.skip, limit)
		if err != nil {
			return page[cursor]{}, err
		}
		next := cursor{skip: bp.NextSkip, prevDigest: digest(bp.Contacts)}
		return page[cursor]{items: bp.Contacts, next: next, more: bp.NextSkip >= 0}, nil
	})
}

// digest names a page by its first and last contact IDs.
func digest(cs []Contact) string {
	if len(cs) == 0 {
		return ""
	}
	return cs[0].ID + ".." + cs[len(cs)-1].ID
}

// BulkBusinessParams puts contacts into a business, or takes them out of theirs.
type BulkBusinessParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	ContactIDs []string
	// BusinessID is the business to put the contacts in; "" takes them out of their business.
	BusinessID string
}

// BulkBusinessResult is HighLevel's answer to a bulk business update.
type BulkBusinessResult struct {
	Success bool `json:"success"`
	// IDs are the contacts that were updated.
	IDs []string `json:"ids"`
}

// BulkBusiness puts contacts into a business, or takes them out of theirs when params.BusinessID is empty.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/add-remove-contact-from-business
//
//ghl:operation POST /contacts/bulk/business
func (s *Service) BulkBusiness(ctx context.Context, params BulkBusinessParams, opts ...option.RequestOption) (*BulkBusinessResult, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := locationOr(params.LocationID, s.t)
	if err != nil {
		return nil, err
	}
	if err := check.IDs("ContactIDs", "contact", params.ContactIDs); err != nil {
		return nil, err
	}
	body := struct {
		LocationID string   `json:"locationId"`
		IDs        []string `json:"ids"`
		BusinessID *string  `json:"businessId"` // null removes the contacts from their business
	}{LocationID: loc, IDs: params.ContactIDs}
	if params.BusinessID != "" {
		body.BusinessID = &params.BusinessID
	}
	var out BulkBusinessResult
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: transport.Path("contacts", "bulk", "business"), Body: body, Kind: transport.Idempotent,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
