package businesses

import (
	"bytes"
	"cmp"
	"encoding/json"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/wire"
)

// Business is a business (company) of a location (the spec's BusinessDto). Contacts belong to one through
// their businessId; contacts.Service.ListByBusiness lists them.
type Business struct {
	ID          string
	LocationID  string
	Name        string
	Phone       string
	Email       string
	Website     string
	Address     string
	City        string
	State       string
	PostalCode  string
	Country     string
	Description string
	// CreatedAt and UpdatedAt are not Valid when HighLevel sent none or a format this package cannot read.
	CreatedAt api.Time
	UpdatedAt api.Time
	// Raw is the business's JSON as HighLevel sent it, with what this type does not model (createdBy,
	// updatedBy).
	Raw json.RawMessage
}

type businessWire struct {
	ID          string   `json:"id"`
	LegacyID    string   `json:"_id"`
	LocationID  string   `json:"locationId"`
	Name        string   `json:"name"`
	Phone       string   `json:"phone"`
	Email       string   `json:"email"`
	Website     string   `json:"website"`
	Address     string   `json:"address"`
	City        string   `json:"city"`
	State       string   `json:"state"`
	PostalCode  string   `json:"postalCode"`
	Country     string   `json:"country"`
	Description string   `json:"description"`
	CreatedAt   api.Time `json:"createdAt"`
	UpdatedAt   api.Time `json:"updatedAt"`
}

// UnmarshalJSON reads a business tolerantly: a field of an unexpected type is left zero instead of failing
// the business (and the list that holds it).
func (b *Business) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var w businessWire
	if err := wire.Decode(data, &w); err != nil {
		return err
	}
	*b = Business{
		ID: cmp.Or(w.ID, w.LegacyID), LocationID: w.LocationID, Name: w.Name, Phone: w.Phone, Email: w.Email,
		Website: w.Website, Address: w.Address, City: w.City, State: w.State, PostalCode: w.PostalCode,
		Country: w.Country, Description: w.Description, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt,
		Raw: append(json.RawMessage(nil), data...),
	}
	return nil
}

// written is the answer of a create and an update (the spec's UpdateBusinessResponseDto). HighLevel spells
// its key "buiseness"; "business" is read too, in case HighLevel fixes it.
type written struct {
	Success  *bool     `json:"success"`
	Misspelt *Business `json:"buiseness"`
	Business *Business `json:"business"`
}

func (w *written) business() *Business { return cmp.Or(w.Misspelt, w.Business) }
