package businesses

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
	"github.com/ghlkit/ghl/option"
)

// version is the Version header the businesses spec names for every operation.
const version = "2021-07-28"

// Get returns one business. A missing business is an error matching ghl.ErrNotFound. Scope:
// businesses.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/businesses/get-business
//
//ghl:operation GET /businesses/{businessId}
func (s *Service) Get(ctx context.Context, businessID string, opts ...option.RequestOption) (*Business, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("businessID", businessID); err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("businesses", businessID), Kind: transport.Read, Version: version}
	return envelope.One(ctx, s.t, req, "business", "business", func(b *Business) string { return b.ID })
}

// Page is one page of a location's businesses.
type Page struct {
	Businesses []Business
	// NextSkip is the Skip of the next page, or -1 after the last page.
	NextSkip int
}

// List returns one page of a location's businesses, for callers who checkpoint: resume with
// ListParams.Skip set to NextSkip; ListAll iterates over every page. HighLevel does not say how many there are; a page shorter than the limit
// is the last. Scope: businesses.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/businesses/get-businesses-by-location
//
//ghl:operation GET /businesses/
func (s *Service) List(ctx context.Context, p ListParams, opts ...option.RequestOption) (*Page, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := location.Checked(s.t, p.LocationID, p.check)
	if err != nil {
		return nil, err
	}
	limit := p.Limit
	if limit == 0 {
		limit = defaultLimit
	}
	q := url.Values{"locationId": {loc}, "limit": {strconv.Itoa(limit)}, "skip": {strconv.Itoa(p.Skip)}}
	var out struct {
		Businesses []*Business `json:"businesses"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("businesses", ""), Query: q, Kind: transport.Read, Version: version}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	page := &Page{Businesses: wire.Present(out.Businesses), NextSkip: -1}
	if len(out.Businesses) >= limit {
		page.NextSkip = p.Skip + len(out.Businesses)
	}
	return page, nil
}

// ListPage returns one page of a location's businesses.
//
// Deprecated: use List, which is the same call under the SDK's naming rule (X is one page, XAll every record).
func (s *Service) ListPage(ctx context.Context, p ListParams, opts ...option.RequestOption) (*Page, error) {
	return s.List(ctx, p, opts...)
}

// ListAll returns every business of a location, page by page. It stops at the first error, which it yields, and
// when a page repeats the one before it (a server that ignores skip).
func (s *Service) ListAll(ctx context.Context, p ListParams, opts ...option.RequestOption) iter.Seq2[Business, error] {
	ctx = transport.WithOptions(ctx, opts)
	return func(yield func(Business, error) bool) {
		prevFirst := ""
		for {
			if err := ctx.Err(); err != nil {
				yield(Business{}, err)
				return
			}
			page, err := s.List(ctx, p)
			if err != nil {
				yield(Business{}, err)
				return
			}
			if len(page.Businesses) > 0 {
				if page.Businesses[0].ID == prevFirst {
					return
				}
				prevFirst = page.Businesses[0].ID
			}
			for _, b := range page.Businesses {
				if !yield(b, nil) {
					return
				}
			}
			if page.NextSkip < 0 {
				return
			}
			p.Skip = page.NextSkip
		}
	}
}

// Update changes the fields of a business that p sets and returns it as HighLevel stored it. Scope:
// businesses.write.
//
// https://marketplace.gohighlevel.com/docs/ghl/businesses/update-business
//
//ghl:operation PUT /businesses/{businessId}
func (s *Service) Update(ctx context.Context, businessID string, p UpdateParams, opts ...option.RequestOption) (*Business, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("businessID", businessID); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	var out written
	path := transport.Path("businesses", businessID)
	if _, err := s.t.Do(ctx, &transport.Request{Method: http.MethodPut, Path: path, Body: &p, Kind: transport.Idempotent, Version: version}, &out); err != nil {
		return nil, err
	}
	if b := out.business(); b != nil && b.ID != "" {
		return b, nil
	}
	return nil, fmt.Errorf("ghl: PUT %s: the answer holds no business", path)
}

// Delete removes a business. Its contacts stay, without a business. A missing business is an error matching
// ghl.ErrNotFound. Scope: businesses.write.
//
// https://marketplace.gohighlevel.com/docs/ghl/businesses/delete-business
//
//ghl:operation DELETE /businesses/{businessId}
func (s *Service) Delete(ctx context.Context, businessID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("businessID", businessID); err != nil {
		return err
	}
	req := &transport.Request{Method: http.MethodDelete, Path: transport.Path("businesses", businessID), Kind: transport.Idempotent, Version: version}
	return envelope.Delete(ctx, s.t, req, "success")
}

// Create creates a business and returns it. Scope: businesses.write (and businesses.readonly to settle an
// ambiguous failure).
//
// Create never sends the request twice once it may have reached HighLevel, which can fail on the way back and
// still have created it. When that happens, or HighLevel answers a success whose body holds no business,
// Create lists the location's businesses and returns the one with the same name created since shortly before
// the create. When it cannot tell, it returns an *UnknownOutcomeError, which matches ghl.ErrOutcomeUnknown:
// the business may exist, and sending the create again may duplicate it.
//
// https://marketplace.gohighlevel.com/docs/ghl/businesses/create-business
//
//ghl:operation POST /businesses/
func (s *Service) Create(ctx context.Context, p CreateParams, opts ...option.RequestOption) (*Business, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := location.Checked(s.t, p.LocationID, p.check)
	if err != nil {
		return nil, err
	}
	p.LocationID = loc
	req := &transport.Request{Method: http.MethodPost, Path: transport.Path("businesses", ""), Body: &p, Kind: transport.Create, Version: version}
	return settle.Create(ctx, s.t, req, "business", created, s.recoverCreate(&p))
}

// created reads the business a create's answer holds, or nil.
func created(raw json.RawMessage) *Business {
	var out written
	if json.Unmarshal(raw, &out) != nil {
		return nil
	}
	if b := out.business(); b != nil && b.ID != "" {
		return b
	}
	return nil
}
