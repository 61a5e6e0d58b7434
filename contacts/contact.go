package contacts

import (
	"encoding/json"
	"strings"

	"github.com/ghlkit/ghl/api"
)

// Contact is a HighLevel contact. It models every field of the contact schemas of HighLevel's spec (the
// get, create, upsert and search answers), plus contactName and searchAfter that search answers carry.
//
// Decoding is tolerant: an unknown field is ignored, a number where text was expected is kept as its text,
// an unreadable date is kept in its Time's Raw, and a field that cannot be read at all is left zero. Raw
// always holds the contact's JSON as HighLevel sent it, and Field reads any top-level field from it, so
// nothing is lost.
type Contact struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId,omitempty"`

	Name      string `json:"name,omitempty"`
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// ContactName is the lowercased full name that search answers carry.
	ContactName        string `json:"contactName,omitempty"`
	FirstNameLowerCase string `json:"firstNameLowerCase,omitempty"`
	LastNameLowerCase  string `json:"lastNameLowerCase,omitempty"`
	FullNameLowerCase  string `json:"fullNameLowerCase,omitempty"`
	Email              string `json:"email,omitempty"`
	EmailLowerCase     string `json:"emailLowerCase,omitempty"`
	// Phone is in E.164 form ("+15550100") as HighLevel stores it.
	Phone       string `json:"phone,omitempty"`
	CompanyName string `json:"companyName,omitempty"`
	Gender      string `json:"gender,omitempty"`

	Address1   string `json:"address1,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	// Country is a two-letter code ("US").
	Country  string `json:"country,omitempty"`
	Website  string `json:"website,omitempty"`
	Timezone string `json:"timezone,omitempty"`

	// Type is "lead" or "customer".
	Type   string `json:"type,omitempty"`
	Source string `json:"source,omitempty"`
	// AssignedTo is the ID of the user the contact is assigned to.
	AssignedTo  string `json:"assignedTo,omitempty"`
	BusinessID  string `json:"businessId,omitempty"`
	VisitorID   string `json:"visitorId,omitempty"`
	Keyword     string `json:"keyword,omitempty"`
	SSN         string `json:"ssn,omitempty"`
	Attachments string `json:"attachments,omitempty"`

	DND                bool                `json:"dnd"`
	DNDSettings        *DNDSettings        `json:"dndSettings,omitempty"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings,omitempty"`
	BounceEmail        bool                `json:"bounceEmail,omitempty"`
	UnsubscribeEmail   bool                `json:"unsubscribeEmail,omitempty"`
	Deleted            bool                `json:"deleted,omitempty"`

	Tags []string `json:"tags,omitempty"`
	// Followers are the IDs of the users who follow the contact.
	Followers []string `json:"followers,omitempty"`
	// AdditionalEmails and AdditionalPhones are the contact's addresses and numbers beside Email and Phone.
	AdditionalEmails Additional    `json:"additionalEmails,omitempty"`
	AdditionalPhones Additional    `json:"additionalPhones,omitempty"`
	Offers           []string      `json:"offers,omitempty"`
	Products         []string      `json:"products,omitempty"`
	CustomFields     []CustomField `json:"customFields,omitempty"`

	DateOfBirth           api.Time `json:"dateOfBirth,omitzero"`
	BirthMonth            int      `json:"birthMonth,omitempty"`
	BirthDay              int      `json:"birthDay,omitempty"`
	DateAdded             api.Time `json:"dateAdded,omitzero"`
	DateUpdated           api.Time `json:"dateUpdated,omitzero"`
	LastActivity          api.Time `json:"lastActivity,omitzero"`
	LastSessionActivityAt api.Time `json:"lastSessionActivityAt,omitzero"`

	AttributionSource     *Attribution  `json:"attributionSource,omitempty"`
	LastAttributionSource *Attribution  `json:"lastAttributionSource,omitempty"`
	Attributions          []Attribution `json:"attributions,omitempty"`

	// CreatedBy says what made the contact: an integration, an app or a person; nil when HighLevel did not say.
	CreatedBy *CreatedBy `json:"createdBy,omitempty"`

	// SearchAfter is the contact's cursor in a search answer: pass it as SearchParams.SearchAfter to resume
	// after this contact.
	SearchAfter json.RawMessage `json:"searchAfter,omitempty"`

	// Raw is the contact's JSON exactly as HighLevel sent it; nil for a contact built in code. A contact read
	// from a page (Search, SearchAll, List) shares its Raw with the page's body rather than copying it, so a
	// contact kept alone keeps its page's body in memory: keep bytes.Clone(c.Raw) instead where that matters.
	// Treat Raw as read-only.
	Raw json.RawMessage `json:"-"`
}

// CustomField returns the custom field with the given ID, if the contact has it.
func (c *Contact) CustomField(id string) (CustomField, bool) {
	for _, f := range c.CustomFields {
		if f.ID == id {
			return f, true
		}
	}
	return CustomField{}, false
}

// HasTag reports whether the contact carries tag, ignoring case as HighLevel does.
func (c *Contact) HasTag(tag string) bool {
	for _, t := range c.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// DNDSettings holds a contact's do-not-disturb state per channel.
type DNDSettings struct {
	Call     *DNDSetting `json:"Call,omitempty"`
	Email    *DNDSetting `json:"Email,omitempty"`
	SMS      *DNDSetting `json:"SMS,omitempty"`
	WhatsApp *DNDSetting `json:"WhatsApp,omitempty"`
	GMB      *DNDSetting `json:"GMB,omitempty"`
	FB       *DNDSetting `json:"FB,omitempty"`
	// RCS is the Rich Communication Services channel, which HighLevel's answers and deliveries carry beside
	// the channels its spec lists.
	RCS *DNDSetting `json:"RCS,omitempty"`
}

// InboundDNDSettings holds a contact's do-not-disturb state for inbound messages.
type InboundDNDSettings struct {
	All *DNDSetting `json:"all,omitempty"`
}

// DND statuses.
const (
	DNDActive    = "active"
	DNDInactive  = "inactive"
	DNDPermanent = "permanent" // not accepted for inbound settings
)

// DNDSetting is one channel's do-not-disturb state.
type DNDSetting struct {
	// Status is DNDActive, DNDInactive or DNDPermanent.
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code,omitempty"`
}

// Attribution is where a contact came from (first or latest touch).
type Attribution struct {
	URL string `json:"url,omitempty"`
	// SessionSource is how the visit that brought the contact started, such as "Direct traffic", "Paid
	// Search" or "CRM UI".
	SessionSource string `json:"sessionSource,omitempty"`
	Campaign      string `json:"campaign,omitempty"`
	CampaignID    string `json:"campaignId,omitempty"`
	UTMSource     string `json:"utmSource,omitempty"`
	UTMMedium     string `json:"utmMedium,omitempty"`
	UTMContent    string `json:"utmContent,omitempty"`
	Referrer      string `json:"referrer,omitempty"`
	FBCLID        string `json:"fbclid,omitempty"`
	GCLID         string `json:"gclid,omitempty"`
	// MSCLKID is spelled "msclikid" on the wire, as HighLevel spells it.
	MSCLKID   string `json:"msclikid,omitempty"`
	DCLID     string `json:"dclid,omitempty"`
	FBC       string `json:"fbc,omitempty"`
	FBP       string `json:"fbp,omitempty"`
	FBEventID string `json:"fbEventId,omitempty"`
	UserAgent string `json:"userAgent,omitempty"`
	IP        string `json:"ip,omitempty"`
	Medium    string `json:"medium,omitempty"`
	MediumID  string `json:"mediumId,omitempty"`
}

// CreatedBy is what made a contact, as HighLevel records it.
type CreatedBy struct {
	// Source is the kind of maker, such as "INTEGRATION" for the API or "WEB_USER" for a person in the app.
	Source string `json:"source,omitempty"`
	// Channel is how it came, such as "PRIVATE_INTEGRATION", "OAUTH" or "APP".
	Channel string `json:"channel,omitempty"`
	// SourceID is the ID of the integration, app or user.
	SourceID string `json:"sourceId,omitempty"`
	// Timestamp is when it was made.
	Timestamp api.Time `json:"timestamp,omitzero"`
}
