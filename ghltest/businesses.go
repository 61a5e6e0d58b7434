package ghltest

import (
	"cmp"
	"net/http"
	"slices"

	"strings"
	"time"
)

// Business is a business (company) of a location, as the server stores it (the spec's BusinessDto).
type Business struct {
	ID          string    `json:"id"`
	LocationID  string    `json:"locationId"`
	Name        string    `json:"name"`
	Phone       string    `json:"phone,omitempty"`
	Email       string    `json:"email,omitempty"`
	Website     string    `json:"website,omitempty"`
	Address     string    `json:"address,omitempty"`
	City        string    `json:"city,omitempty"`
	State       string    `json:"state,omitempty"`
	PostalCode  string    `json:"postalCode,omitempty"`
	Country     string    `json:"country,omitempty"`
	Description string    `json:"description,omitempty"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// AddBusiness stores a business and returns the stored copy. Empty fields get defaults: a generated ID, the
// server's default location, and the server's clock for the dates.
func (s *Server) AddBusiness(b Business) Business {
	now := s.clock.Now()
	b.ID = cmp.Or(b.ID, newID())
	b.LocationID = cmp.Or(b.LocationID, s.location)
	if b.CreatedAt.IsZero() {
		b.CreatedAt = now
	}
	if b.UpdatedAt.IsZero() {
		b.UpdatedAt = b.CreatedAt
	}
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	s.book.init()
	stored := b
	s.book.businesses[b.ID] = &stored
	return b
}

// Business returns the stored business id.
func (s *Server) Business(id string) (Business, bool) {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	b, ok := s.book.businesses[id]
	if !ok {
		return Business{}, false
	}
	return *b, true
}

// Businesses returns the businesses of a location, oldest first, as GET /businesses/ lists them.
func (s *Server) Businesses(locationID string) []Business {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	out := []Business{}
	for _, b := range s.book.businesses {
		if b.LocationID == locationID {
			out = append(out, *b)
		}
	}
	slices.SortFunc(out, func(a, b Business) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// routeBusinessRecords registers the businesses API's routes.
func (s *Server) routeBusinessRecords(r *router) {
	r.add(http.MethodGet, "/businesses/", ScopeBusinessesRead, byLocationField, s.listBusinesses)
	r.add(http.MethodPost, "/businesses/", ScopeBusinessesWrite, byLocationField, s.createBusiness)
	r.add(http.MethodGet, "/businesses/{businessId}", ScopeBusinessesRead, s.byBusiness, s.getBusiness)
	r.add(http.MethodPut, "/businesses/{businessId}", ScopeBusinessesWrite, s.byBusiness, s.updateBusiness)
	r.add(http.MethodDelete, "/businesses/{businessId}", ScopeBusinessesWrite, s.byBusiness, s.deleteBusiness)
}

// Chosen: HighLevel's text for an unknown business is not documented.
const msgBusinessMissing = "Business not found"

func (s *Server) byBusiness(c *call) string {
	b, _ := s.Business(c.param("businessId"))
	return b.LocationID
}

// businessCreateBody is the spec's CreateBusinessDto.
type businessCreateBody struct {
	Name        string `json:"name"`
	LocationID  string `json:"locationId"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Website     string `json:"website"`
	Address     string `json:"address"`
	City        string `json:"city"`
	PostalCode  string `json:"postalCode"`
	State       string `json:"state"`
	Country     string `json:"country"`
	Description string `json:"description"`
}

// businessUpdateBody is the spec's UpdateBusinessDto.
type businessUpdateBody struct {
	Name        *string `json:"name"`
	Phone       *string `json:"phone"`
	Email       *string `json:"email"`
	PostalCode  *string `json:"postalCode"`
	Website     *string `json:"website"`
	Address     *string `json:"address"`
	State       *string `json:"state"`
	City        *string `json:"city"`
	Country     *string `json:"country"`
	Description *string `json:"description"`
}

// businessWritten is the spec's UpdateBusinessResponseDto, misspelling included.
type businessWritten struct {
	Success  bool     `json:"success"`
	Business Business `json:"buiseness"`
}

func (s *Server) listBusinesses(c *call) {
	q := c.r.URL.Query()
	loc, limit, skip, ok := pagedQuery(c, q, "skip", 100, -1)
	if !ok {
		return
	}
	all := s.Businesses(loc)
	start := min(skip, len(all))
	writeJSON(c.w, http.StatusOK, struct {
		Businesses []Business `json:"businesses"`
	}{all[start:min(start+limit, len(all))]})
}

func (s *Server) createBusiness(c *call) {
	var b businessCreateBody
	if !c.decode(&b) {
		return
	}
	var msgs []string
	if strings.TrimSpace(b.Name) == "" {
		msgs = append(msgs, "name should not be empty")
	}
	if b.LocationID == "" {
		msgs = append(msgs, "locationId should not be empty")
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	stored := s.AddBusiness(Business{
		LocationID: b.LocationID, Name: b.Name, Phone: b.Phone, Email: b.Email, Website: b.Website,
		Address: b.Address, City: b.City, State: b.State, PostalCode: b.PostalCode, Country: b.Country,
		Description: b.Description, CreatedAt: c.now,
	})
	writeJSON(c.w, http.StatusCreated, businessWritten{true, stored})
}

func (s *Server) getBusiness(c *call) {
	b, ok := s.Business(c.param("businessId"))
	if !ok {
		writeError(c.w, http.StatusBadRequest, msgBusinessMissing)
		return
	}
	writeJSON(c.w, http.StatusOK, struct {
		Business Business `json:"business"`
	}{b})
}

func (s *Server) updateBusiness(c *call) {
	var u businessUpdateBody
	if !c.decode(&u) {
		return
	}
	if u.Name != nil && strings.TrimSpace(*u.Name) == "" {
		writeValidation(c.w, "name should not be empty")
		return
	}
	s.book.mu.Lock()
	b, ok := s.book.businesses[c.param("businessId")]
	if !ok {
		s.book.mu.Unlock()
		writeError(c.w, http.StatusBadRequest, msgBusinessMissing)
		return
	}
	for dst, v := range map[*string]*string{
		&b.Name: u.Name, &b.Phone: u.Phone, &b.Email: u.Email, &b.PostalCode: u.PostalCode, &b.Website: u.Website,
		&b.Address: u.Address, &b.State: u.State, &b.City: u.City, &b.Country: u.Country, &b.Description: u.Description,
	} {
		setIf(dst, v)
	}
	b.UpdatedAt = c.now
	out := *b
	s.book.mu.Unlock()
	writeJSON(c.w, http.StatusOK, businessWritten{true, out})
}

func (s *Server) deleteBusiness(c *call) {
	s.book.mu.Lock()
	_, ok := s.book.businesses[c.param("businessId")]
	delete(s.book.businesses, c.param("businessId"))
	s.book.mu.Unlock()
	if !ok {
		writeError(c.w, http.StatusBadRequest, msgBusinessMissing)
		return
	}
	writeJSON(c.w, http.StatusOK, struct {
		Success bool `json:"success"`
	}{true})
}
