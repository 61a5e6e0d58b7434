package customfields

import (
	"cmp"
	"encoding/json"

	"github.com/ghlkit/ghl/internal/wire"
)

// Field is a custom field of a location (the spec's CustomFieldSchema). Contacts carry values of it by ID.
type Field struct {
	ID         string
	LocationID string
	Name       string
	// FieldKey is how merge tags and imports name the field, like "contact.company_size".
	FieldKey string
	// DataType is HighLevel's type name, such as TEXT, LARGE_TEXT, NUMERICAL, MONETORY, DATE, CHECKBOX,
	// SINGLE_OPTIONS or MULTIPLE_OPTIONS.
	DataType    string
	Placeholder string
	Position    int
	// Options are the choices of a picklist field (picklistOptions).
	Options []string
	// Model is "contact" or "opportunity".
	Model string
	// Raw is the field's JSON as HighLevel sent it.
	Raw json.RawMessage
}

type fieldWire struct {
	ID              string       `json:"id"`
	LegacyID        string       `json:"_id"`
	LocationID      string       `json:"locationId"`
	Name            string       `json:"name"`
	FieldKey        string       `json:"fieldKey"`
	DataType        string       `json:"dataType"`
	Placeholder     string       `json:"placeholder"`
	Position        float64      `json:"position"`
	PicklistOptions wire.Strings `json:"picklistOptions"`
	Model           string       `json:"model"`
}

// UnmarshalJSON reads a field tolerantly: a property of an unexpected type is left zero.
func (f *Field) UnmarshalJSON(b []byte) error {
	return wire.Record(b, f, func(w *fieldWire, raw json.RawMessage) Field {
		return Field{
			ID: cmp.Or(w.ID, w.LegacyID), LocationID: w.LocationID, Name: w.Name, FieldKey: w.FieldKey,
			DataType: w.DataType, Placeholder: w.Placeholder, Position: int(w.Position), Options: w.PicklistOptions,
			Model: w.Model, Raw: raw,
		}
	})
}
