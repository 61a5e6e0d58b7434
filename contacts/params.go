package contacts

import (
	"github.com/ghlkit/ghl/internal/location"
	"strings"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
)

// CreateParams describes a new contact. Only the location is required; it defaults to the client's location.
// UpsertParams embeds it, so the two send the same fields the same way.
type CreateParams struct {
	// LocationID defaults to the client's location (ghl.WithLocationID).
	LocationID string `json:"locationId"`
	FirstName  string `json:"firstName,omitempty"`
	LastName   string `json:"lastName,omitempty"`
	Name       string `json:"name,omitempty"`
	Email      string `json:"email,omitempty"`
	// Phone is best given in E.164 form ("+15550100").
	Phone       string `json:"phone,omitempty"`
	CompanyName string `json:"companyName,omitempty"`
	Gender      string `json:"gender,omitempty"`
	Address1    string `json:"address1,omitempty"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	PostalCode  string `json:"postalCode,omitempty"`
	// Country is a two-letter code ("US").
	Country  string `json:"country,omitempty"`
	Website  string `json:"website,omitempty"`
	Timezone string `json:"timezone,omitempty"`
	Source   string `json:"source,omitempty"`
	// AssignedTo is a user ID.
	AssignedTo string `json:"assignedTo,omitempty"`
	// DateOfBirth is a date such as "1990-09-25".
	DateOfBirth        string              `json:"dateOfBirth,omitempty"`
	DND                bool                `json:"dnd,omitempty"`
	DNDSettings        *DNDSettings        `json:"dndSettings,omitempty"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings,omitempty"`
	// Tags are the contact's tags; in UpsertParams they replace the found contact's tags.
	Tags         []string     `json:"tags,omitempty"`
	CustomFields []FieldValue `json:"customFields,omitempty"`
}

// UpsertParams describes a contact to create or update. HighLevel finds an existing contact by the
// location's duplicate rule (email first, then phone), so Email or Phone is required.
//
// Its fields are CreateParams', sent the same way, with one difference: Tags replaces all the tags of the
// contact the upsert finds (HighLevel's spec: it overwrites the current tags); nil leaves them. To add tags
// and keep the others, call client.Tags.Add after the upsert.
type UpsertParams struct {
	CreateParams
	// CreateNewIfDuplicateAllowed makes HighLevel create a new contact, instead of updating the match, in a
	// location that allows duplicates.
	CreateNewIfDuplicateAllowed bool `json:"createNewIfDuplicateAllowed,omitempty"`
}

// locationOr returns id, or the client's location when id is empty; an error names the field when neither
// is set.
func locationOr(id string, t *transport.Client) (string, error) { return location.Or(t, id) }

// checkShared checks what the create, upsert and update bodies share. An empty email or phone passes: it
// is absent, or in an update it clears the field.
func checkShared(email, phone string, dnd *DNDSettings, inbound *InboundDNDSettings, fields []FieldValue, tags []string) error {
	if err := check.Email("Email", email); err != nil {
		return err
	}
	if err := check.Phone("Phone", phone); err != nil {
		return err
	}
	if dnd != nil {
		channels := []struct {
			name string
			d    *DNDSetting
		}{{"Call", dnd.Call}, {"Email", dnd.Email}, {"SMS", dnd.SMS}, {"WhatsApp", dnd.WhatsApp}, {"GMB", dnd.GMB}, {"FB", dnd.FB}}
		for _, c := range channels {
			if c.d != nil && c.d.Status != DNDActive && c.d.Status != DNDInactive && c.d.Status != DNDPermanent {
				return transport.InvalidArgument("DNDSettings."+c.name+".Status", "must be active, inactive or permanent")
			}
		}
	}
	if inbound != nil && inbound.All != nil && inbound.All.Status != DNDActive && inbound.All.Status != DNDInactive {
		return transport.InvalidArgument("InboundDNDSettings.All.Status", "must be active or inactive")
	}
	for i, f := range fields {
		if strings.TrimSpace(f.ID) == "" {
			return transport.InvalidArgument("CustomFields["+itoa(i)+"].ID", "is required")
		}
	}
	for i, t := range tags {
		if strings.TrimSpace(t) == "" {
			return transport.InvalidArgument("Tags["+itoa(i)+"]", "is empty")
		}
	}
	return nil
}

func (p *CreateParams) check(t *transport.Client) error {
	var err error
	if p.LocationID, err = locationOr(p.LocationID, t); err != nil {
		return err
	}
	return checkShared(p.Email, p.Phone, p.DNDSettings, p.InboundDNDSettings, p.CustomFields, p.Tags)
}

func (p *UpsertParams) check(t *transport.Client) error {
	var err error
	if p.LocationID, err = locationOr(p.LocationID, t); err != nil {
		return err
	}
	return p.Validate()
}

// Validate returns the first problem Upsert would refuse p for before sending anything, an *ArgumentError
// (ghl.ArgumentError) that names the field, or nil. The one check it leaves out is the location's, which the
// client's location may satisfy. A bulk import can run it on every row to report a bad row as such rather
// than as a failed request.
func (p *UpsertParams) Validate() error {
	if strings.TrimSpace(p.Email) == "" && strings.TrimSpace(p.Phone) == "" {
		// HighLevel refuses it too: "Pass at least one of number, email".
		return transport.InvalidArgument("Email", "is required when Phone is empty: upsert finds the contact by them")
	}
	return checkShared(p.Email, p.Phone, p.DNDSettings, p.InboundDNDSettings, p.CustomFields, p.Tags)
}
