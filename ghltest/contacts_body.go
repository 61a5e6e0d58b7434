package ghltest

import (
	"cmp"
	"encoding/json"
	"net/mail"
	"slices"
	"strings"
)

// createContactBody lists exactly the properties of the spec's CreateContactDto.
type createContactBody struct {
	FirstName          string              `json:"firstName"`
	LastName           string              `json:"lastName"`
	Name               string              `json:"name"`
	Email              *string             `json:"email"`
	LocationID         string              `json:"locationId"`
	Gender             string              `json:"gender"`
	Phone              string              `json:"phone"`
	Address1           string              `json:"address1"`
	City               string              `json:"city"`
	State              string              `json:"state"`
	PostalCode         string              `json:"postalCode"`
	Website            string              `json:"website"`
	Timezone           string              `json:"timezone"`
	DND                bool                `json:"dnd"`
	DNDSettings        *DNDSettings        `json:"dndSettings"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings"`
	Tags               []string            `json:"tags"`
	CustomFields       []customFieldInput  `json:"customFields"`
	Source             string              `json:"source"`
	DateOfBirth        json.RawMessage     `json:"dateOfBirth"`
	Country            string              `json:"country"`
	CompanyName        string              `json:"companyName"`
	AssignedTo         string              `json:"assignedTo"`
}

// updateContactBody lists exactly the properties of the spec's UpdateContactDto (no locationId, gender or
// companyName). Pointers tell a property sent as null (clear it) from one sent with a value; absent
// properties are found with present.
type updateContactBody struct {
	FirstName          *string             `json:"firstName"`
	LastName           *string             `json:"lastName"`
	Name               *string             `json:"name"`
	Email              *string             `json:"email"`
	Phone              *string             `json:"phone"`
	Address1           *string             `json:"address1"`
	City               *string             `json:"city"`
	State              *string             `json:"state"`
	PostalCode         *string             `json:"postalCode"`
	Website            *string             `json:"website"`
	Timezone           *string             `json:"timezone"`
	DND                *bool               `json:"dnd"`
	DNDSettings        *DNDSettings        `json:"dndSettings"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings"`
	Tags               []string            `json:"tags"`
	CustomFields       []customFieldInput  `json:"customFields"`
	Source             *string             `json:"source"`
	DateOfBirth        json.RawMessage     `json:"dateOfBirth"`
	Country            *string             `json:"country"`
	AssignedTo         *string             `json:"assignedTo"`
}

// customFieldInput is one custom field value in a request: "id" or "key" names the field.
type customFieldInput struct {
	ID         string `json:"id"`
	Key        string `json:"key"`
	FieldValue any    `json:"field_value"`
}

// validateContact returns class-validator-like messages for what both bodies share.
func validateContact(email *string, dnd *DNDSettings, inbound *InboundDNDSettings, fields []customFieldInput, dob json.RawMessage) []string {
	var msgs []string
	if email != nil && !validEmail(*email) {
		msgs = append(msgs, "email must be an email")
	}
	if dnd != nil {
		for _, d := range []*DNDSetting{dnd.Call, dnd.Email, dnd.SMS, dnd.WhatsApp, dnd.GMB, dnd.FB, dnd.RCS} {
			if d != nil && !slices.Contains([]string{"active", "inactive", "permanent"}, d.Status) {
				msgs = append(msgs, "status must be one of the following values: active, inactive, permanent")
				break
			}
		}
	}
	if inbound != nil && inbound.All != nil && !slices.Contains([]string{"active", "inactive"}, inbound.All.Status) {
		msgs = append(msgs, "status must be one of the following values: active, inactive")
	}
	for _, f := range fields {
		if f.ID == "" && f.Key == "" {
			msgs = append(msgs, "customFields must name a field by id or key")
			break
		}
	}
	if _, ok := dateOfBirth(dob); !ok {
		msgs = append(msgs, "dateOfBirth must be a date string")
	}
	return msgs
}

// validEmail is a plain check in the spirit of class-validator's IsEmail: one address, no display name, a
// dot in the domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

// dateOfBirth reads the spec's dateOfBirth, typed "object" but sent as a string or null.
func dateOfBirth(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func customFields(in []customFieldInput) []CustomField {
	if in == nil {
		return nil
	}
	out := make([]CustomField, 0, len(in))
	for _, f := range in {
		out = append(out, CustomField{ID: cmp.Or(f.ID, f.Key), Value: f.FieldValue})
	}
	return out
}

// mergeCustomFields sets the values sent and keeps the other fields: an update names only the custom
// fields it changes.
func mergeCustomFields(have, sent []CustomField) []CustomField {
	out := slices.Clone(have)
	for _, f := range sent {
		if i := slices.IndexFunc(out, func(h CustomField) bool { return h.ID == f.ID }); i >= 0 {
			out[i] = f
		} else {
			out = append(out, f)
		}
	}
	return out
}

// uniqueTags drops repeated tags, keeping the first.
func uniqueTags(tags []string) []string {
	if tags == nil {
		return nil
	}
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// newContact builds the contact a create body describes.
func (b *createContactBody) newContact() Contact {
	dob, _ := dateOfBirth(b.DateOfBirth)
	c := Contact{
		LocationID: b.LocationID, FirstName: b.FirstName, LastName: b.LastName, Name: b.Name,
		Phone: normalizePhone(b.Phone), Gender: b.Gender, Address1: b.Address1, City: b.City, State: b.State,
		PostalCode: b.PostalCode, Website: b.Website, Timezone: b.Timezone, DND: b.DND,
		DNDSettings: b.DNDSettings, InboundDNDSettings: b.InboundDNDSettings, Tags: uniqueTags(b.Tags),
		CustomFields: customFields(b.CustomFields), Source: b.Source, DateOfBirth: dob, Country: b.Country,
		CompanyName: b.CompanyName, AssignedTo: b.AssignedTo,
	}
	if b.Email != nil {
		c.Email = *b.Email
	}
	return c
}

// apply changes the properties present in the body and keeps the others; null clears a property.
func (b *updateContactBody) apply(c *Contact, present map[string]bool) {
	str := func(key string, dst *string, v *string) {
		if present[key] {
			*dst = ""
			if v != nil {
				*dst = *v
			}
		}
	}
	str("firstName", &c.FirstName, b.FirstName)
	str("lastName", &c.LastName, b.LastName)
	str("name", &c.Name, b.Name)
	str("email", &c.Email, b.Email)
	str("phone", &c.Phone, b.Phone)
	c.Phone = normalizePhone(c.Phone)
	str("address1", &c.Address1, b.Address1)
	str("city", &c.City, b.City)
	str("state", &c.State, b.State)
	str("postalCode", &c.PostalCode, b.PostalCode)
	str("website", &c.Website, b.Website)
	str("timezone", &c.Timezone, b.Timezone)
	str("source", &c.Source, b.Source)
	str("country", &c.Country, b.Country)
	str("assignedTo", &c.AssignedTo, b.AssignedTo)
	if present["dnd"] {
		c.DND = b.DND != nil && *b.DND
	}
	if present["dndSettings"] {
		c.DNDSettings = b.DNDSettings
	}
	if present["inboundDndSettings"] {
		c.InboundDNDSettings = b.InboundDNDSettings
	}
	if present["tags"] {
		c.Tags = uniqueTags(b.Tags)
	}
	if present["customFields"] {
		c.CustomFields = mergeCustomFields(c.CustomFields, customFields(b.CustomFields))
	}
	if present["dateOfBirth"] {
		c.DateOfBirth, _ = dateOfBirth(b.DateOfBirth)
	}
}

// presentKeys lists the top-level properties of a JSON object body.
func presentKeys(body []byte) map[string]bool {
	var obj map[string]json.RawMessage
	_ = json.Unmarshal(body, &obj)
	m := make(map[string]bool, len(obj))
	for k := range obj {
		m[k] = true
	}
	return m
}
