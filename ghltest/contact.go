package ghltest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// Contact is a contact as the server stores it, modelled on HighLevel's contact schema. Its JSON encoding is
// HighLevel's wire shape: dates as "2006-01-02T15:04:05.000Z" and name derived from the first and last names
// when not set.
type Contact struct {
	ID                 string              `json:"id"`
	LocationID         string              `json:"locationId"`
	FirstName          string              `json:"firstName,omitempty"`
	LastName           string              `json:"lastName,omitempty"`
	Name               string              `json:"name,omitempty"`
	Email              string              `json:"email,omitempty"`
	Phone              string              `json:"phone,omitempty"`
	CompanyName        string              `json:"companyName,omitempty"`
	Address1           string              `json:"address1,omitempty"`
	City               string              `json:"city,omitempty"`
	State              string              `json:"state,omitempty"`
	PostalCode         string              `json:"postalCode,omitempty"`
	Country            string              `json:"country,omitempty"`
	Website            string              `json:"website,omitempty"`
	Timezone           string              `json:"timezone,omitempty"`
	Gender             string              `json:"gender,omitempty"`
	Source             string              `json:"source,omitempty"`
	Type               string              `json:"type,omitempty"`
	AssignedTo         string              `json:"assignedTo,omitempty"`
	BusinessID         string              `json:"businessId,omitempty"`
	DateOfBirth        string              `json:"dateOfBirth,omitempty"`
	DND                bool                `json:"dnd"`
	DNDSettings        *DNDSettings        `json:"dndSettings,omitempty"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings,omitempty"`
	Tags               []string            `json:"tags"`
	CustomFields       []CustomField       `json:"customFields"`
	Followers          []string            `json:"followers,omitempty"`
	DateAdded          time.Time           `json:"dateAdded"`
	DateUpdated        time.Time           `json:"dateUpdated"`
}

// DNDSettings holds a contact's do-not-disturb setting per channel.
type DNDSettings struct {
	Call     *DNDSetting `json:"Call,omitempty"`
	Email    *DNDSetting `json:"Email,omitempty"`
	SMS      *DNDSetting `json:"SMS,omitempty"`
	WhatsApp *DNDSetting `json:"WhatsApp,omitempty"`
	GMB      *DNDSetting `json:"GMB,omitempty"`
	FB       *DNDSetting `json:"FB,omitempty"`
}

// InboundDNDSettings holds a contact's do-not-disturb setting for inbound messages.
type InboundDNDSettings struct {
	All *DNDSetting `json:"all,omitempty"`
}

// DNDSetting is one channel's do-not-disturb state: Status is "active", "inactive" or "permanent".
type DNDSetting struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code,omitempty"`
}

// CustomField is one custom field value of a contact, as HighLevel answers it.
type CustomField struct {
	ID    string `json:"id"`
	Value any    `json:"value"`
}

// timeLayout is how HighLevel writes dates: UTC with milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z"

// plainContact has Contact's fields without its MarshalJSON.
type plainContact Contact

// contactWire is a contact on the wire; its fields shadow plainContact's of the same JSON name.
type contactWire struct {
	plainContact
	Name        string   `json:"name,omitempty"`
	ContactName string   `json:"contactName,omitempty"`
	Tags        []string `json:"tags"`
	DateAdded   string   `json:"dateAdded"`
	DateUpdated string   `json:"dateUpdated"`
	// SearchAfter is the cursor of this contact in a search answer.
	SearchAfter []any `json:"searchAfter,omitempty"`
}

// MarshalJSON writes the contact in HighLevel's wire shape.
func (c Contact) MarshalJSON() ([]byte, error) { return json.Marshal(c.wire(nil)) }

func (c *Contact) wire(searchAfter []any) contactWire {
	w := contactWire{
		plainContact: plainContact(*c),
		Name:         c.fullName(),
		Tags:         c.Tags,
		DateAdded:    c.DateAdded.UTC().Format(timeLayout),
		DateUpdated:  c.DateUpdated.UTC().Format(timeLayout),
		SearchAfter:  searchAfter,
	}
	w.ContactName = strings.ToLower(w.Name)
	if w.Tags == nil {
		w.Tags = []string{}
	}
	if w.CustomFields == nil {
		w.CustomFields = []CustomField{}
	}
	return w
}

func (c *Contact) fullName() string {
	if c.Name != "" {
		return c.Name
	}
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// clone returns a copy that shares no memory with c.
func (c *Contact) clone() Contact {
	d := *c
	d.Tags = slices.Clone(c.Tags)
	d.Followers = slices.Clone(c.Followers)
	d.CustomFields = slices.Clone(c.CustomFields)
	if c.DNDSettings != nil {
		s := *c.DNDSettings
		for _, p := range []**DNDSetting{&s.Call, &s.Email, &s.SMS, &s.WhatsApp, &s.GMB, &s.FB} {
			if *p != nil {
				v := **p
				*p = &v
			}
		}
		d.DNDSettings = &s
	}
	if c.InboundDNDSettings != nil {
		s := *c.InboundDNDSettings
		if s.All != nil {
			v := *s.All
			s.All = &v
		}
		d.InboundDNDSettings = &s
	}
	return d
}
