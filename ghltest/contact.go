package ghltest

import (
	"encoding/json"
	"slices"
	"time"
)

// Contact is a contact as the server stores it, modelled on HighLevel's contact schema. Its JSON encoding is
// HighLevel's wire shape (see contact_shape.go): dates as "2006-01-02T15:04:05.000Z", lower-cased copies of
// the names and email, and no "name" or "contactName", which HighLevel's answers do not carry.
type Contact struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId"`
	FirstName  string `json:"firstName,omitempty"`
	LastName   string `json:"lastName,omitempty"`
	// Name is the "name" a request sent. It is not answered: a contact with a Name and no first or last name
	// answers the Name split into firstName and lastName.
	Name               string              `json:"-"`
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
	Followers          []string            `json:"followers"`
	AdditionalEmails   []string            `json:"additionalEmails"`
	AdditionalPhones   []string            `json:"additionalPhones"`
	// AttributionSource is the first touch that brought the contact in, absent when nil; LastAttributionSource
	// the latest, null when nil, as HighLevel answers a contact with a single touch.
	AttributionSource     *Attribution `json:"attributionSource,omitempty"`
	LastAttributionSource *Attribution `json:"lastAttributionSource"`
	// CreatedBy says what made the contact; absent when nil.
	CreatedBy   *CreatedBy `json:"createdBy,omitempty"`
	DateAdded   time.Time  `json:"dateAdded"`
	DateUpdated time.Time  `json:"dateUpdated"`
}

// DNDSettings holds a contact's do-not-disturb setting per channel.
type DNDSettings struct {
	Call     *DNDSetting `json:"Call,omitempty"`
	Email    *DNDSetting `json:"Email,omitempty"`
	SMS      *DNDSetting `json:"SMS,omitempty"`
	WhatsApp *DNDSetting `json:"WhatsApp,omitempty"`
	GMB      *DNDSetting `json:"GMB,omitempty"`
	FB       *DNDSetting `json:"FB,omitempty"`
	RCS      *DNDSetting `json:"RCS,omitempty"`
}

// InboundDNDSettings holds a contact's do-not-disturb setting for inbound messages.
type InboundDNDSettings struct {
	All *DNDSetting `json:"all,omitempty"`
}

// DNDSetting is one channel's do-not-disturb state: Status is "active", "inactive" or "permanent".
type DNDSetting struct {
	Status  string `json:"status"`
	Message string `json:"message"` // "" unless HighLevel set the channel itself
	Code    string `json:"code"`
}

// CustomField is one custom field value of a contact, as HighLevel answers it.
type CustomField struct {
	ID    string `json:"id"`
	Value any    `json:"value"`
}

// timeLayout is how HighLevel writes dates: UTC with milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z"

// MarshalJSON writes the contact in HighLevel's wire shape.
func (c Contact) MarshalJSON() ([]byte, error) { return json.Marshal(c.wire(nil)) }

// clone returns a copy that shares no memory with c.
func (c *Contact) clone() Contact {
	d := *c
	d.Tags = slices.Clone(c.Tags)
	d.Followers = slices.Clone(c.Followers)
	d.AdditionalEmails = slices.Clone(c.AdditionalEmails)
	d.AdditionalPhones = slices.Clone(c.AdditionalPhones)
	for _, p := range []**Attribution{&d.AttributionSource, &d.LastAttributionSource} {
		if *p != nil {
			v := **p
			*p = &v
		}
	}
	if c.CreatedBy != nil {
		v := *c.CreatedBy
		d.CreatedBy = &v
	}
	d.CustomFields = slices.Clone(c.CustomFields)
	if c.DNDSettings != nil {
		s := *c.DNDSettings
		for _, p := range []**DNDSetting{&s.Call, &s.Email, &s.SMS, &s.WhatsApp, &s.GMB, &s.FB, &s.RCS} {
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
