package contacts

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// UpdateParams changes a contact. A nil field is left as it is. A pointer to a zero value is sent on purpose:
// ghl.Ptr("") clears a text field (sent as null, which is how HighLevel clears the fields it allows to be
// null; an empty email would be refused as invalid), ghl.Ptr(false) turns DND off, and ghl.Ptr([]string{})
// removes every tag. HighLevel's update does not change the location, the gender or the company name.
type UpdateParams struct {
	FirstName   *string
	LastName    *string
	Name        *string
	Email       *string
	Phone       *string
	Address1    *string
	City        *string
	State       *string
	PostalCode  *string
	Country     *string
	Website     *string
	Timezone    *string
	Source      *string
	AssignedTo  *string
	DateOfBirth *string
	DND         *bool
	// DNDSettings replaces the do-not-disturb settings of the channels it names.
	DNDSettings        *DNDSettings
	InboundDNDSettings *InboundDNDSettings
	// Tags replaces all the contact's tags (HighLevel's spec: it overwrites the current tags). To add or remove
	// some and keep the others, call client.Tags.Add or client.Tags.Remove.
	Tags *[]string
	// CustomFields sets the custom fields it names and leaves the others.
	CustomFields []FieldValue
}

// nullable is a text field of an update body: omitted when unset, null when set to "".
type nullable struct {
	set bool
	v   string
}

func clearable(p *string) nullable {
	if p == nil {
		return nullable{}
	}
	return nullable{set: true, v: *p}
}

func (n nullable) IsZero() bool { return !n.set }

func (n nullable) MarshalJSON() ([]byte, error) {
	if n.v == "" {
		return []byte("null"), nil
	}
	return json.Marshal(n.v)
}

// updateBody is the wire form of UpdateParams. postalCode and country may not be null in HighLevel's schema,
// so they are sent as given.
type updateBody struct {
	FirstName          nullable            `json:"firstName,omitzero"`
	LastName           nullable            `json:"lastName,omitzero"`
	Name               nullable            `json:"name,omitzero"`
	Email              nullable            `json:"email,omitzero"`
	Phone              nullable            `json:"phone,omitzero"`
	Address1           nullable            `json:"address1,omitzero"`
	City               nullable            `json:"city,omitzero"`
	State              nullable            `json:"state,omitzero"`
	PostalCode         *string             `json:"postalCode,omitempty"`
	Country            *string             `json:"country,omitempty"`
	Website            nullable            `json:"website,omitzero"`
	Timezone           nullable            `json:"timezone,omitzero"`
	Source             nullable            `json:"source,omitzero"`
	AssignedTo         nullable            `json:"assignedTo,omitzero"`
	DateOfBirth        nullable            `json:"dateOfBirth,omitzero"`
	DND                *bool               `json:"dnd,omitempty"`
	DNDSettings        *DNDSettings        `json:"dndSettings,omitempty"`
	InboundDNDSettings *InboundDNDSettings `json:"inboundDndSettings,omitempty"`
	Tags               *[]string           `json:"tags,omitempty"`
	CustomFields       []FieldValue        `json:"customFields,omitempty"`
}

func (p *UpdateParams) body() (*updateBody, error) {
	b := &updateBody{
		FirstName: clearable(p.FirstName), LastName: clearable(p.LastName), Name: clearable(p.Name),
		Email: clearable(p.Email), Phone: clearable(p.Phone), Address1: clearable(p.Address1),
		City: clearable(p.City), State: clearable(p.State), PostalCode: p.PostalCode, Country: p.Country,
		Website: clearable(p.Website), Timezone: clearable(p.Timezone), Source: clearable(p.Source),
		AssignedTo: clearable(p.AssignedTo), DateOfBirth: clearable(p.DateOfBirth), DND: p.DND,
		DNDSettings: p.DNDSettings, InboundDNDSettings: p.InboundDNDSettings, Tags: p.Tags,
		CustomFields: p.CustomFields,
	}
	if p.isEmpty() {
		return nil, transport.InvalidArgument("UpdateParams", "changes nothing: set at least one field")
	}
	var tags []string
	if p.Tags != nil {
		tags = *p.Tags
		if tags == nil {
			// An empty list, not null: null is not a list of tags.
			empty := []string{}
			b.Tags = &empty
		}
	}
	if err := checkShared(deref(p.Email), deref(p.Phone), p.DNDSettings, p.InboundDNDSettings, p.CustomFields, tags); err != nil {
		return nil, err
	}
	return b, nil
}

func (p *UpdateParams) isEmpty() bool {
	for _, s := range []*string{p.FirstName, p.LastName, p.Name, p.Email, p.Phone, p.Address1, p.City, p.State,
		p.PostalCode, p.Country, p.Website, p.Timezone, p.Source, p.AssignedTo, p.DateOfBirth} {
		if s != nil {
			return false
		}
	}
	return p.DND == nil && p.DNDSettings == nil && p.InboundDNDSettings == nil && p.Tags == nil && len(p.CustomFields) == 0
}

// Update changes the fields of a contact that params set and returns the contact as it is afterwards.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/update-contact
//
//ghl:operation PUT /contacts/{contactId}
func (s *Service) Update(ctx context.Context, contactID string, params UpdateParams, opts ...option.RequestOption) (*Contact, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	var out contactAnswer
	path := transport.Path("contacts", contactID)
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPut, Path: path, Body: body, Kind: transport.Idempotent,
	}, &out); err != nil {
		return nil, err
	}
	return answered(out.Contact, http.MethodPut, path)
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
