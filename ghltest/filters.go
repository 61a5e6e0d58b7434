package ghltest

import (
	"encoding/json"
	"strings"
)

// searchFilter is one filter of a search body: {"field":"email","operator":"eq","value":"a@b.co"}.
type searchFilter struct {
	Field    string          `json:"field"`
	Operator string          `json:"operator"`
	Value    json.RawMessage `json:"value"`
}

// predicate tells whether a contact passes a filter.
type predicate func(*Contact) bool

// filterField is a field filters can name: its values on a contact (tags have several) and how a value is
// normalised before it is compared.
type filterField struct {
	values func(*Contact) []string
	norm   func(string) string
	// contains normalises for substring matching; norm when nil.
	contains func(string) string
}

// filterFields lists the fields filters support. New fields are added here.
var filterFields = map[string]filterField{
	"email":     {values: one(func(c *Contact) string { return c.Email }), norm: strings.ToLower},
	"firstName": {values: one(func(c *Contact) string { return c.FirstName }), norm: strings.ToLower},
	"lastName":  {values: one(func(c *Contact) string { return c.LastName }), norm: strings.ToLower},
	"phone":     {values: one(func(c *Contact) string { return c.Phone }), norm: normalizePhone, contains: digitsOnly},
	"tags":      {values: func(c *Contact) []string { return c.Tags }, norm: strings.ToLower},
}

// filterOperators build a predicate for a field from the filter's value, or say why they cannot.
// New operators are added here.
var filterOperators = map[string]func(f filterField, value json.RawMessage) (predicate, string){
	"eq":       opEq,
	"contains": opContains,
}

// compileFilters turns the filters of a search into one predicate (all must pass), or validation messages.
func compileFilters(filters []searchFilter) (predicate, []string) {
	var preds []predicate
	var msgs []string
	for _, f := range filters {
		field, ok := filterFields[f.Field]
		if !ok {
			msgs = append(msgs, "filters: field "+f.Field+" is not supported")
			continue
		}
		op, ok := filterOperators[f.Operator]
		if !ok {
			msgs = append(msgs, "filters: operator "+f.Operator+" is not supported")
			continue
		}
		p, msg := op(field, f.Value)
		if msg != "" {
			msgs = append(msgs, "filters: "+f.Field+" "+f.Operator+": "+msg)
			continue
		}
		preds = append(preds, p)
	}
	return all(preds...), msgs
}

// all passes a contact that every predicate passes.
func all(preds ...predicate) predicate {
	return func(c *Contact) bool {
		for _, p := range preds {
			if !p(c) {
				return false
			}
		}
		return true
	}
}

// opEq passes a contact with a value equal to the filter's value, or to one of them when it is a list.
func opEq(f filterField, value json.RawMessage) (predicate, string) {
	want, ok := stringOrList(value)
	if !ok || len(want) == 0 {
		return nil, "value must be a string or a list of strings"
	}
	set := map[string]bool{}
	for _, w := range want {
		set[f.norm(w)] = true
	}
	return func(c *Contact) bool {
		for _, v := range f.values(c) {
			if v != "" && set[f.norm(v)] {
				return true
			}
		}
		return false
	}, ""
}

// opContains passes a contact with a value that holds the filter's value, ignoring case.
func opContains(f filterField, value json.RawMessage) (predicate, string) {
	var want string
	if json.Unmarshal(value, &want) != nil || want == "" {
		return nil, "value must be a non-empty string"
	}
	norm := f.contains
	if norm == nil {
		norm = strings.ToLower
	}
	if want = norm(want); want == "" {
		return nil, "value has nothing to match"
	}
	return func(c *Contact) bool {
		for _, v := range f.values(c) {
			if strings.Contains(norm(v), want) {
				return true
			}
		}
		return false
	}, ""
}

func one(get func(*Contact) string) func(*Contact) []string {
	return func(c *Contact) []string { return []string{get(c)} }
}

func stringOrList(raw json.RawMessage) ([]string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}, true
	}
	var l []string
	if json.Unmarshal(raw, &l) == nil {
		return l, true
	}
	return nil, false
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
