package businesses

import (
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

// UnmarshalJSON reads a business tolerantly: a field of an unexpected type is left zero instead of failing
// the business (and the list that holds it). Its fields take their names from the wire, matched regardless of
// case as encoding/json does ("postalCode" fills PostalCode).
func (b *Business) UnmarshalJSON(data []byte) error {
	type plain Business // Business without this method
	return wire.Plain(data, (*plain)(b), &b.ID, &b.Raw)
}

// written is the answer of a create and an update (the spec's UpdateBusinessResponseDto). HighLevel spells
// its key "buiseness"; "business" is read too, in case HighLevel fixes it.
type written struct {
	Success  *bool     `json:"success"`
	Misspelt *Business `json:"buiseness"`
	Business *Business `json:"business"`
}

func (w *written) business() *Business { return cmp.Or(w.Misspelt, w.Business) }
