package webhook

import (
	"encoding/json"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/contacts"
)

// Contact is the contact record that every Contact* event carries, as HighLevel documents it.
//
// It stays separate from contacts.Contact because the events send the record in other shapes than the API
// answers that type models: "attachments" is an array here and a string there (contacts.Contact would keep
// it only in Raw), and dndSettings is read into a map so that a channel HighLevel adds is not dropped.
type Contact struct {
	ID          string `json:"id"`
	LocationID  string `json:"locationId"`
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	CompanyName string `json:"companyName"`
	Address1    string `json:"address1"`
	City        string `json:"city"`
	State       string `json:"state"`
	PostalCode  string `json:"postalCode"`
	Country     string `json:"country"`
	Website     string `json:"website"`
	Source      string `json:"source"`
	AssignedTo  string `json:"assignedTo"`
	// Timezone is the contact's IANA time zone ("America/Chicago"), when HighLevel knows one.
	Timezone string `json:"timezone"`
	// AttributionSource and LastAttributionSource are the first and latest touch that brought the contact in,
	// as the API's contacts.Contact has them; nil when the delivery carries none.
	AttributionSource     *contacts.Attribution `json:"attributionSource,omitempty"`
	LastAttributionSource *contacts.Attribution `json:"lastAttributionSource,omitempty"`
	DateAdded             api.Time              `json:"dateAdded"`
	DateOfBirth           api.Time              `json:"dateOfBirth"`
	// DND is the contact-wide do-not-disturb flag; DNDSettings (sent with ContactDndUpdate) holds it per
	// channel, keyed as HighLevel sends them: "SMS", "Email", "Call", "WhatsApp", "GMB", "FB".
	DND          bool                  `json:"dnd"`
	DNDSettings  map[string]DNDSetting `json:"dndSettings,omitempty"`
	Tags         []string              `json:"tags"`
	Attachments  []json.RawMessage     `json:"attachments"`
	CustomFields []CustomField         `json:"customFields"`
}

// DNDSetting is one channel's do-not-disturb state.
type DNDSetting struct {
	Status  string `json:"status"` // "active" or "inactive"
	Message string `json:"message"`
	Code    string `json:"code"`
}

// CustomField is one custom field value. Value may be a string, a number, an array or an object, so it is
// kept as JSON; unmarshal it into what the field holds.
type CustomField struct {
	ID    string          `json:"id"`
	Value json.RawMessage `json:"value"`
}

// ContactCreate is the payload of TypeContactCreate.
type ContactCreate struct{ Contact }

// ContactUpdate is the payload of TypeContactUpdate: the contact after the change.
type ContactUpdate struct{ Contact }

// ContactDelete is the payload of TypeContactDelete: the contact as it was.
type ContactDelete struct{ Contact }

// ContactTagUpdate is the payload of TypeContactTagUpdate: the contact with its new Tags.
type ContactTagUpdate struct{ Contact }

// ContactDndUpdate is the payload of TypeContactDndUpdate: the contact with its new DND and DNDSettings.
type ContactDndUpdate struct{ Contact }

// EventType returns TypeContactCreate.
func (*ContactCreate) EventType() string { return TypeContactCreate }

// EventType returns TypeContactUpdate.
func (*ContactUpdate) EventType() string { return TypeContactUpdate }

// EventType returns TypeContactDelete.
func (*ContactDelete) EventType() string { return TypeContactDelete }

// EventType returns TypeContactTagUpdate.
func (*ContactTagUpdate) EventType() string { return TypeContactTagUpdate }

// EventType returns TypeContactDndUpdate.
func (*ContactDndUpdate) EventType() string { return TypeContactDndUpdate }
