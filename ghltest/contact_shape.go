package ghltest

import (
	"encoding/json"
	"strings"
	"time"
)

// Attribution is where a contact came from, as HighLevel's attributionSource and lastAttributionSource
// carry it (the spec's AttributionSource, of which the server keeps the fields that are commonly set).
type Attribution struct {
	URL           string `json:"url,omitempty"`
	SessionSource string `json:"sessionSource"`
	Medium        string `json:"medium"`
	MediumID      string `json:"mediumId,omitempty"`
	Referrer      string `json:"referrer,omitempty"`
	UTMSource     string `json:"utmSource,omitempty"`
}

// CreatedBy says what made a contact: Source is "INTEGRATION" for the API, "WEB_USER" for a person in the
// app; Channel "OAUTH" or "PRIVATE_INTEGRATION" or "APP"; SourceID the app or user. Chosen: HighLevel does not
// document these values; they are the ones its answers are reported to carry.
type CreatedBy struct {
	Source    string    `json:"source"`
	Channel   string    `json:"channel"`
	SourceID  string    `json:"sourceId"`
	Timestamp time.Time `json:"timestamp"`
}

// MarshalJSON writes the timestamp in HighLevel's date form.
func (b CreatedBy) MarshalJSON() ([]byte, error) {
	type plain CreatedBy
	return json.Marshal(struct {
		plain
		Timestamp string `json:"timestamp"`
	}{plain(b), b.Timestamp.UTC().Format(timeLayout)})
}

// plainContact has Contact's fields without its MarshalJSON.
type plainContact Contact

// contactWire is a contact as HighLevel answers it; its fields shadow plainContact's of the same JSON name.
//
// The spec's GetContectByIdSchema lists "name", but HighLevel's answers to GET, create, update and upsert are
// reported without it (and without "contactName"); the server follows the answers. fullNameLowerCase, which
// the spec lists on CreateContactSchema, carries the name instead. Search answers, and only they, carry
// contactName (the lower-cased full name) beside their searchAfter cursor.
type contactWire struct {
	plainContact
	FirstName          string        `json:"firstName,omitempty"`
	LastName           string        `json:"lastName,omitempty"`
	FirstNameLowerCase string        `json:"firstNameLowerCase,omitempty"`
	LastNameLowerCase  string        `json:"lastNameLowerCase,omitempty"`
	FullNameLowerCase  string        `json:"fullNameLowerCase,omitempty"`
	EmailLowerCase     string        `json:"emailLowerCase,omitempty"`
	Tags               []string      `json:"tags"`
	CustomFields       []CustomField `json:"customFields"`
	Followers          []string      `json:"followers"`
	AdditionalEmails   []string      `json:"additionalEmails"`
	AdditionalPhones   []string      `json:"additionalPhones"`
	DateAdded          string        `json:"dateAdded"`
	DateUpdated        string        `json:"dateUpdated"`
	// ContactName and SearchAfter are set in search answers only: the lower-cased full name and the cursor.
	ContactName string `json:"contactName,omitempty"`
	SearchAfter []any  `json:"searchAfter,omitempty"`
}

func (c *Contact) wire(searchAfter []any) contactWire {
	first, last := c.names()
	w := contactWire{
		plainContact:       plainContact(*c),
		FirstName:          first,
		LastName:           last,
		FirstNameLowerCase: strings.ToLower(first),
		LastNameLowerCase:  strings.ToLower(last),
		FullNameLowerCase:  fullNameLowerCase(c),
		EmailLowerCase:     strings.ToLower(c.Email),
		Tags:               orEmpty(c.Tags),
		CustomFields:       c.CustomFields,
		Followers:          orEmpty(c.Followers),
		AdditionalEmails:   orEmpty(c.AdditionalEmails),
		AdditionalPhones:   orEmpty(c.AdditionalPhones),
		DateAdded:          c.DateAdded.UTC().Format(timeLayout),
		DateUpdated:        c.DateUpdated.UTC().Format(timeLayout),
		SearchAfter:        searchAfter,
	}
	if w.CustomFields == nil {
		w.CustomFields = []CustomField{}
	}
	if searchAfter != nil {
		w.ContactName = w.FullNameLowerCase
	}
	return w
}

// names returns the first and last names HighLevel answers: the ones given, or the name a request sent
// without them, split at its first space.
func (c *Contact) names() (first, last string) {
	if c.FirstName != "" || c.LastName != "" || c.Name == "" {
		return c.FirstName, c.LastName
	}
	first, last, _ = strings.Cut(strings.TrimSpace(c.Name), " ")
	return first, strings.TrimSpace(last)
}

func (c *Contact) fullName() string {
	first, last := c.names()
	return strings.TrimSpace(first + " " + last)
}

// fullNameLowerCase is HighLevel's fullNameLowerCase, also the contactName of its duplicate refusal.
func fullNameLowerCase(c *Contact) string { return strings.ToLower(c.fullName()) }

// contactName returns the contactName of contact id for a duplicate refusal; the caller holds the lock.
func (st *store) contactName(id string) string {
	if c := st.contacts[id]; c != nil {
		return fullNameLowerCase(c)
	}
	return ""
}

// orEmpty answers a nil list as [], as HighLevel does.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// madeByAPI gives a contact created through the API what HighLevel adds to one: a type, who created it and
// the touch that brought it. Chosen: the values HighLevel writes for an API-made contact are not documented.
func madeByAPI(ct *Contact, c *call) {
	if ct.Type == "" {
		ct.Type = "lead"
	}
	ct.CreatedBy = &CreatedBy{Source: "INTEGRATION", Channel: "PRIVATE_INTEGRATION", SourceID: fakeIntegrationID,
		Timestamp: c.now}
	if ct.AttributionSource == nil {
		ct.AttributionSource = &Attribution{SessionSource: "Third Party", Medium: "api"}
	}
}
