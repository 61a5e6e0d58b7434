package contacts

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// CustomField is one custom field value of a contact as HighLevel answers it. The value's JSON type depends on
// the field (text, number, list of options, file map), so it is kept as raw JSON with typed accessors. A field
// whose ID is not text is read leniently with the rest of its contact (see Contact).
type CustomField struct {
	ID string `json:"id"`
	// Value is the value as HighLevel sent it; null or absent when the field is empty.
	Value json.RawMessage `json:"value,omitempty"`
}

// rawString reads a JSON string, or a number's literal text; "" for anything else.
func rawString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	if isNumber(raw) {
		return string(raw)
	}
	return ""
}

func isNumber(raw []byte) bool {
	_, err := strconv.ParseFloat(string(raw), 64)
	return err == nil && len(raw) > 0 && (raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'))
}

// IsEmpty reports whether the field has no value (absent, null, "" or an empty list).
func (f CustomField) IsEmpty() bool {
	v := bytes.TrimSpace(f.Value)
	switch string(v) {
	case "", "null", `""`, "[]", "{}":
		return true
	}
	return false
}

// String returns a text value. A number or a boolean is returned as its JSON text; ok is false for lists,
// objects and empty values.
func (f CustomField) String() (s string, ok bool) {
	v := bytes.TrimSpace(f.Value)
	if len(v) == 0 || string(v) == "null" {
		return "", false
	}
	switch v[0] {
	case '"':
		if json.Unmarshal(v, &s) != nil {
			return "", false
		}
		return s, true
	case '[', '{':
		return "", false
	default:
		return string(v), true
	}
}

// Number returns a numeric value; a string that holds a number (HighLevel stores some numbers as text) counts.
func (f CustomField) Number() (float64, bool) {
	s, ok := f.String()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// Strings returns the options of a checkbox or multi-select field. A single text value is returned as a list
// of one.
func (f CustomField) Strings() ([]string, bool) {
	v := bytes.TrimSpace(f.Value)
	if len(v) > 0 && v[0] == '[' {
		var out []string
		if json.Unmarshal(v, &out) == nil {
			return out, true
		}
		return nil, false
	}
	if s, ok := f.String(); ok {
		return []string{s}, true
	}
	return nil, false
}

// Bool returns a boolean value; "true" and "false" as text count.
func (f CustomField) Bool() (bool, bool) {
	s, ok := f.String()
	if !ok {
		return false, false
	}
	b, err := strconv.ParseBool(s)
	return b, err == nil
}

// Decode unmarshals the value into v, for shapes the accessors do not cover (file fields are objects).
func (f CustomField) Decode(v any) error {
	if len(f.Value) == 0 {
		return json.Unmarshal([]byte("null"), v)
	}
	return json.Unmarshal(f.Value, v)
}

// FieldValue sets one custom field in create, update and upsert params. ID is required (HighLevel's spec
// requires it on every custom field input); Key, the field's key, may be sent beside it. Value is sent as is:
// a string for text, select and radio fields, a number for numeric and monetary fields, a []string for
// checkbox and multi-select fields, a map for file fields.
type FieldValue struct {
	ID    string `json:"id"`
	Key   string `json:"key,omitempty"`
	Value any    `json:"field_value"`
}

// Field returns a FieldValue for the custom field with the given ID.
func Field(id string, value any) FieldValue { return FieldValue{ID: id, Value: value} }
