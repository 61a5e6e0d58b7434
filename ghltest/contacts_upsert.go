package ghltest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// upsertContactBody lists exactly the properties of the spec's UpsertContactDto: CreateContactDto's and one
// more. (The body decoder reads named fields only, so createContactBody is not embedded.)
type upsertContactBody struct {
	FirstName                   string              `json:"firstName"`
	LastName                    string              `json:"lastName"`
	Name                        string              `json:"name"`
	Email                       *string             `json:"email"`
	LocationID                  string              `json:"locationId"`
	Gender                      string              `json:"gender"`
	Phone                       string              `json:"phone"`
	Address1                    string              `json:"address1"`
	City                        string              `json:"city"`
	State                       string              `json:"state"`
	PostalCode                  string              `json:"postalCode"`
	Website                     string              `json:"website"`
	Timezone                    string              `json:"timezone"`
	DND                         bool                `json:"dnd"`
	DNDSettings                 *DNDSettings        `json:"dndSettings"`
	InboundDNDSettings          *InboundDNDSettings `json:"inboundDndSettings"`
	Tags                        []string            `json:"tags"`
	CustomFields                []customFieldInput  `json:"customFields"`
	Source                      string              `json:"source"`
	DateOfBirth                 json.RawMessage     `json:"dateOfBirth"`
	Country                     string              `json:"country"`
	CompanyName                 string              `json:"companyName"`
	AssignedTo                  string              `json:"assignedTo"`
	CreateNewIfDuplicateAllowed bool                `json:"createNewIfDuplicateAllowed"`
}

// create is the body without its upsert-only property.
func (b *upsertContactBody) create() *createContactBody {
	return &createContactBody{
		FirstName: b.FirstName, LastName: b.LastName, Name: b.Name, Email: b.Email, LocationID: b.LocationID,
		Gender: b.Gender, Phone: b.Phone, Address1: b.Address1, City: b.City, State: b.State, PostalCode: b.PostalCode,
		Website: b.Website, Timezone: b.Timezone, DND: b.DND, DNDSettings: b.DNDSettings,
		InboundDNDSettings: b.InboundDNDSettings, Tags: b.Tags, CustomFields: b.CustomFields, Source: b.Source,
		DateOfBirth: b.DateOfBirth, Country: b.Country, CompanyName: b.CompanyName, AssignedTo: b.AssignedTo,
	}
}

// Chosen: HighLevel's status for an upsert without email or phone is not documented; its message is.
const msgUpsertNeedsKey = "Pass at least one of number, email"

// upsertContact creates a contact, or updates the one the location's duplicate rule finds: the oldest contact
// with the same email, else the oldest with the same phone. In a location that allows duplicates,
// createNewIfDuplicateAllowed makes it create a new contact instead.
func (s *Server) upsertContact(c *call) {
	var b upsertContactBody
	if !c.decode(&b) {
		return
	}
	msgs := validateContact(b.Email, b.DNDSettings, b.InboundDNDSettings, b.CustomFields, b.DateOfBirth)
	if b.LocationID == "" {
		msgs = append([]string{"locationId should not be empty"}, msgs...)
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	email := ""
	if b.Email != nil {
		email = *b.Email
	}
	if strings.TrimSpace(email) == "" && strings.TrimSpace(b.Phone) == "" {
		writeError(c.w, http.StatusBadRequest, msgUpsertNeedsKey)
		return
	}
	traceID := newUUID()
	s.store.mu.Lock()
	l := s.store.ensure(b.LocationID)
	match := ""
	if !(l.allowDuplicates && b.CreateNewIfDuplicateAllowed) {
		match = s.store.firstMatch(b.LocationID, email, b.Phone)
	}
	if match == "" {
		ct := b.create().newContact()
		ct.ID, ct.DateAdded, ct.DateUpdated = newID(), c.now, c.now
		madeByAPI(&ct, c)
		s.store.insert(&ct)
		out := ct.clone()
		s.store.mu.Unlock()
		writeJSON(c.w, http.StatusOK, upsertAnswer{New: true, Contact: out, TraceID: traceID})
		return
	}
	old := s.store.contacts[match]
	next := old.clone()
	b.merge(&next, presentKeys(c.body))
	next.DateUpdated = c.now
	// "If two separate contacts already exist, one with the same email and another with the same phone, the
	// API will update the contact that matches the first field and ignore the second field" (the spec).
	if id, _ := s.store.duplicate(next.LocationID, changed(old.Email, next.Email), "", old.ID); id != "" {
		next.Email = old.Email
	}
	if id, _ := s.store.duplicate(next.LocationID, "", changed(old.Phone, next.Phone), old.ID); id != "" {
		next.Phone = old.Phone
	}
	s.store.remove(old)
	s.store.insert(&next)
	out := next.clone()
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusOK, upsertAnswer{New: false, Contact: out, TraceID: traceID})
}

type upsertAnswer struct {
	New     bool    `json:"new"`
	Contact Contact `json:"contact"`
	TraceID string  `json:"traceId"`
}

// firstMatch finds the contact HighLevel's duplicate rule picks: the oldest with the email, else the oldest
// with the phone. The caller holds the lock.
func (st *store) firstMatch(locationID, email, phone string) string {
	l := st.locs[locationID]
	if l == nil {
		return ""
	}
	if k := emailKey(email); k != "" && len(l.byEmail[k]) > 0 {
		return l.byEmail[k][0]
	}
	if k := phoneKey(phone); k != "" && len(l.byPhone[k]) > 0 {
		return l.byPhone[k][0]
	}
	return ""
}

// merge sets on c the properties present in an upsert body; tags and custom fields sent replace and merge
// as an update's do.
func (b *upsertContactBody) merge(c *Contact, present map[string]bool) {
	fresh := b.create().newContact()
	set := func(key string, dst *string, v string) {
		if present[key] {
			*dst = v
		}
	}
	set("firstName", &c.FirstName, fresh.FirstName)
	set("lastName", &c.LastName, fresh.LastName)
	set("name", &c.Name, fresh.Name)
	set("email", &c.Email, fresh.Email)
	set("phone", &c.Phone, fresh.Phone)
	set("gender", &c.Gender, fresh.Gender)
	set("address1", &c.Address1, fresh.Address1)
	set("city", &c.City, fresh.City)
	set("state", &c.State, fresh.State)
	set("postalCode", &c.PostalCode, fresh.PostalCode)
	set("website", &c.Website, fresh.Website)
	set("timezone", &c.Timezone, fresh.Timezone)
	set("source", &c.Source, fresh.Source)
	set("country", &c.Country, fresh.Country)
	set("companyName", &c.CompanyName, fresh.CompanyName)
	set("assignedTo", &c.AssignedTo, fresh.AssignedTo)
	set("dateOfBirth", &c.DateOfBirth, fresh.DateOfBirth)
	if present["dnd"] {
		c.DND = fresh.DND
	}
	if present["dndSettings"] {
		c.DNDSettings = fresh.DNDSettings
	}
	if present["inboundDndSettings"] {
		c.InboundDNDSettings = fresh.InboundDNDSettings
	}
	if present["tags"] {
		c.Tags = fresh.Tags
	}
	if present["customFields"] {
		c.CustomFields = mergeCustomFields(c.CustomFields, fresh.CustomFields)
	}
}
