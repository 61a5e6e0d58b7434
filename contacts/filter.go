package contacts

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/ghlkit/ghl/internal/transport"
)

// Operator is how a search filter compares a field with its value.
type Operator string

// The operators of HighLevel's search.
const (
	OpEq          Operator = "eq"
	OpNotEq       Operator = "not_eq"
	OpContains    Operator = "contains"
	OpNotContains Operator = "not_contains"
	OpExists      Operator = "exists"
	OpNotExists   Operator = "not_exists"
	OpRange       Operator = "range"
)

// Group operators combine filters.
const (
	GroupAnd = "AND"
	GroupOr  = "OR"
)

// MaxFilterValueLength is the longest text value a filter may compare with, in characters.
const MaxFilterValueLength = 75

// Filter is one condition of a search, or a group of conditions. Build it with Eq, NotEq, Contains,
// NotContains, Exists, NotExists, InRange, And and Or. Field names are HighLevel's ("email", "phone", "tags",
// "firstNameLowerCase", "dateAdded", ...); CustomFieldName names a custom field.
type Filter struct {
	Field    string
	Operator Operator
	// Value is what the field is compared with: a string, number or bool, a []string for eq on tags, a Range.
	Value any

	// Group is GroupAnd or GroupOr for a group, whose conditions are Filters. A group has no Field.
	Group   string
	Filters []Filter
}

// Range bounds a range filter; set at least one bound. Bounds are numbers, dates as text
// ("2024-01-31") or time.Time values.
type Range struct {
	GT  any `json:"gt,omitempty"`
	GTE any `json:"gte,omitempty"`
	LT  any `json:"lt,omitempty"`
	LTE any `json:"lte,omitempty"`
}

// Eq matches contacts whose field equals value.
func Eq(field string, value any) Filter { return Filter{Field: field, Operator: OpEq, Value: value} }

// NotEq matches contacts whose field does not equal value.
func NotEq(field string, value any) Filter {
	return Filter{Field: field, Operator: OpNotEq, Value: value}
}

// Contains matches contacts whose field contains text (no special characters).
func Contains(field, text string) Filter {
	return Filter{Field: field, Operator: OpContains, Value: text}
}

// NotContains matches contacts whose field does not contain text.
func NotContains(field, text string) Filter {
	return Filter{Field: field, Operator: OpNotContains, Value: text}
}

// Exists matches contacts whose field has a value.
func Exists(field string) Filter { return Filter{Field: field, Operator: OpExists} }

// NotExists matches contacts whose field has no value.
func NotExists(field string) Filter { return Filter{Field: field, Operator: OpNotExists} }

// InRange matches contacts whose field lies within r.
func InRange(field string, r Range) Filter { return Filter{Field: field, Operator: OpRange, Value: r} }

// And matches contacts that pass every filter.
func And(filters ...Filter) Filter { return Filter{Group: GroupAnd, Filters: filters} }

// Or matches contacts that pass at least one filter.
func Or(filters ...Filter) Filter { return Filter{Group: GroupOr, Filters: filters} }

// CustomFieldName is the search field name of a custom field.
func CustomFieldName(id string) string { return "customFields." + id }

// MarshalJSON writes {"field","operator","value"} or {"group","filters"}.
func (f Filter) MarshalJSON() ([]byte, error) {
	if f.Group != "" {
		return json.Marshal(struct {
			Group   string   `json:"group"`
			Filters []Filter `json:"filters"`
		}{f.Group, f.Filters})
	}
	return json.Marshal(struct {
		Field    string   `json:"field"`
		Operator Operator `json:"operator"`
		Value    any      `json:"value,omitempty"`
	}{f.Field, f.Operator, f.Value})
}

// check reports what HighLevel would refuse in f.
func (f Filter) check(path string) error {
	if f.Group != "" {
		if f.Group != GroupAnd && f.Group != GroupOr {
			return transport.InvalidArgument(path+".Group", "must be AND or OR")
		}
		if f.Field != "" || f.Operator != "" || f.Value != nil {
			return transport.InvalidArgument(path, "a group has filters, not a field, operator or value")
		}
		if len(f.Filters) == 0 {
			return transport.InvalidArgument(path+".Filters", "a group needs at least one filter")
		}
		return checkFilters(path+".Filters", f.Filters)
	}
	if len(f.Filters) > 0 {
		return transport.InvalidArgument(path, "has filters but no group (use And or Or)")
	}
	if strings.TrimSpace(f.Field) == "" {
		return transport.InvalidArgument(path+".Field", "is required")
	}
	switch f.Operator {
	case OpExists, OpNotExists:
		if f.Value != nil {
			return transport.InvalidArgument(path+".Value", "must be empty for "+string(f.Operator))
		}
	case OpRange:
		r, ok := f.Value.(Range)
		if p, isPtr := f.Value.(*Range); isPtr && p != nil {
			r, ok = *p, true
		}
		if !ok || (r.GT == nil && r.GTE == nil && r.LT == nil && r.LTE == nil) {
			return transport.InvalidArgument(path+".Value", "range needs a Range with at least one bound")
		}
	case OpEq, OpNotEq, OpContains, OpNotContains:
		if f.Value == nil {
			return transport.InvalidArgument(path+".Value", "is required for "+string(f.Operator))
		}
		if err := checkValueLength(path+".Value", f.Value); err != nil {
			return err
		}
		if s, ok := f.Value.(string); ok && strings.TrimSpace(s) == "" && (f.Operator == OpContains || f.Operator == OpNotContains) {
			return transport.InvalidArgument(path+".Value", "must not be empty")
		}
	default:
		return transport.InvalidArgument(path+".Operator", "unknown operator "+string(f.Operator))
	}
	return nil
}

func checkValueLength(path string, v any) error {
	var values []string
	switch x := v.(type) {
	case string:
		values = []string{x}
	case []string:
		values = x
	}
	for _, s := range values {
		if utf8.RuneCountInString(s) > MaxFilterValueLength {
			return transport.InvalidArgument(path, "is longer than 75 characters, HighLevel's limit")
		}
	}
	return nil
}

func checkFilters(path string, filters []Filter) error {
	for i, f := range filters {
		if err := f.check(path + "[" + itoa(i) + "]"); err != nil {
			return err
		}
	}
	return nil
}
