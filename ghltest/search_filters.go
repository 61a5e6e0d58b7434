package ghltest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// searchNode is one entry of a search's filters: a comparison {"field","operator","value"} or a group
// {"group":"AND"|"OR","filters":[...]}, as HighLevel's search guide describes them.
type searchNode struct {
	Field    string          `json:"field"`
	Operator string          `json:"operator"`
	Value    json.RawMessage `json:"value"`
	Group    string          `json:"group"`
	Filters  []searchNode    `json:"filters"`
}

// maxFilterValue is the longest text a filter compares with, as HighLevel's guide documents.
const maxFilterValue = 75

// compileTree turns a search's filters into one predicate (all must pass), or validation messages.
func compileTree(nodes []searchNode) (predicate, []string) {
	preds := make([]predicate, 0, len(nodes))
	var msgs []string
	for _, n := range nodes {
		p, m := compileNode(n)
		msgs = append(msgs, m...)
		if p != nil {
			preds = append(preds, p)
		}
	}
	return all(preds...), msgs
}

func compileNode(n searchNode) (predicate, []string) {
	if n.Group == "" {
		if n.Filters != nil {
			return nil, []string{"filters: a filter with filters needs a group (AND or OR)"}
		}
		return compileLeaf(n)
	}
	if n.Field != "" || n.Operator != "" || n.Value != nil {
		return nil, []string{"filters: a group has filters, not a field, operator or value"}
	}
	if len(n.Filters) == 0 {
		return nil, []string{"filters: group " + n.Group + " needs at least one filter"}
	}
	switch n.Group {
	case "AND":
		return compileTree(n.Filters)
	case "OR":
		preds := make([]predicate, 0, len(n.Filters))
		var msgs []string
		for _, m := range n.Filters {
			p, ms := compileNode(m)
			msgs = append(msgs, ms...)
			if p != nil {
				preds = append(preds, p)
			}
		}
		return anyOf(preds...), msgs
	}
	return nil, []string{"filters: group must be one of the following values: AND, OR"}
}

// compileLeaf compiles one comparison: custom fields ("customFields.<id>") here, the standard fields through
// compileFilters.
func compileLeaf(n searchNode) (predicate, []string) {
	if msg := checkValueLength(n.Value); msg != "" {
		return nil, []string{"filters: " + n.Field + " " + n.Operator + ": " + msg}
	}
	if id, ok := strings.CutPrefix(n.Field, "customFields."); ok && id != "" {
		op, ok := filterOperators[n.Operator]
		if !ok {
			return nil, []string{"filters: operator " + n.Operator + " is not supported"}
		}
		p, msg := op(customFieldFilter(id), n.Value)
		if msg != "" {
			return nil, []string{"filters: " + n.Field + " " + n.Operator + ": " + msg}
		}
		return p, nil
	}
	return compileFilters([]searchFilter{{Field: n.Field, Operator: n.Operator, Value: n.Value}})
}

func checkValueLength(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil && len([]rune(s)) > maxFilterValue {
		return "value must be shorter than or equal to 75 characters"
	}
	return ""
}

// anyOf passes a contact that at least one predicate passes.
func anyOf(preds ...predicate) predicate {
	return func(c *Contact) bool {
		for _, p := range preds {
			if p(c) {
				return true
			}
		}
		return false
	}
}

func init() {
	// The operators of HighLevel's search guide beyond eq and contains, and eq of numbers and booleans.
	filterOperators["eq"] = opEqScalar
	filterOperators["not_eq"] = negate(opEqScalar)
	filterOperators["not_contains"] = negate(opContains)
	filterOperators["exists"] = opExists(true)
	filterOperators["not_exists"] = opExists(false)
	filterOperators["range"] = opRange

	lower := strings.ToLower
	text := func(get func(*Contact) string) filterField { return filterField{values: one(get), norm: lower} }
	date := func(get func(*Contact) time.Time) filterField {
		return filterField{values: func(c *Contact) []string {
			if t := get(c); !t.IsZero() {
				return []string{t.UTC().Format(timeLayout)}
			}
			return nil
		}, norm: identity}
	}
	for name, f := range map[string]filterField{
		"id":                 {values: one(func(c *Contact) string { return c.ID }), norm: identity},
		"firstNameLowerCase": text(func(c *Contact) string { return c.FirstName }),
		"lastNameLowerCase":  text(func(c *Contact) string { return c.LastName }),
		"fullNameLowerCase":  text(func(c *Contact) string { return c.fullName() }),
		"contactName":        text(func(c *Contact) string { return c.fullName() }),
		"name":               text(func(c *Contact) string { return c.fullName() }),
		"companyName":        text(func(c *Contact) string { return c.CompanyName }),
		"address1":           text(func(c *Contact) string { return c.Address1 }),
		"city":               text(func(c *Contact) string { return c.City }),
		"state":              text(func(c *Contact) string { return c.State }),
		"country":            text(func(c *Contact) string { return c.Country }),
		"postalCode":         text(func(c *Contact) string { return c.PostalCode }),
		"source":             text(func(c *Contact) string { return c.Source }),
		"type":               text(func(c *Contact) string { return c.Type }),
		"website":            text(func(c *Contact) string { return c.Website }),
		"timezone":           text(func(c *Contact) string { return c.Timezone }),
		"assignedTo":         {values: one(func(c *Contact) string { return c.AssignedTo }), norm: identity},
		"businessId":         {values: one(func(c *Contact) string { return c.BusinessID }), norm: identity},
		"followers":          {values: func(c *Contact) []string { return c.Followers }, norm: identity},
		"dnd":                {values: func(c *Contact) []string { return []string{strconv.FormatBool(c.DND)} }, norm: lower},
		"dateAdded":          date(func(c *Contact) time.Time { return c.DateAdded }),
		"dateUpdated":        date(func(c *Contact) time.Time { return c.DateUpdated }),
		"dateOfBirth":        {values: one(func(c *Contact) string { return c.DateOfBirth }), norm: identity},
	} {
		filterFields[name] = f
	}
}

func identity(s string) string { return s }

// customFieldFilter reads the values of one custom field: text as is, numbers and booleans as their JSON text,
// each entry of a list.
func customFieldFilter(id string) filterField {
	return filterField{values: func(c *Contact) []string {
		for _, f := range c.CustomFields {
			if f.ID == id {
				return customValues(f.Value)
			}
		}
		return nil
	}, norm: strings.ToLower}
}

func customValues(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, customValues(e)...)
		}
		return out
	case []string:
		return x
	case map[string]any:
		return nil
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return nil
		}
		return []string{string(b)}
	}
}

// opEqScalar is opEq that also takes a number or a boolean, which HighLevel's guide allows.
func opEqScalar(f filterField, value json.RawMessage) (predicate, string) {
	v := bytes.TrimSpace(value)
	if len(v) > 0 && v[0] != '"' && v[0] != '[' && string(v) != "null" {
		var scalar any
		if json.Unmarshal(v, &scalar) == nil {
			switch scalar.(type) {
			case float64, bool:
				quoted, _ := json.Marshal(string(v))
				value = quoted
			}
		}
	}
	return opEq(f, value)
}

// negate passes the contacts op does not; a contact without a value passes.
func negate(op func(filterField, json.RawMessage) (predicate, string)) func(filterField, json.RawMessage) (predicate, string) {
	return func(f filterField, value json.RawMessage) (predicate, string) {
		p, msg := op(f, value)
		if msg != "" {
			return nil, msg
		}
		return func(c *Contact) bool { return !p(c) }, ""
	}
}

// opExists passes a contact with (want) or without (!want) a non-empty value. It takes no value.
func opExists(want bool) func(filterField, json.RawMessage) (predicate, string) {
	return func(f filterField, value json.RawMessage) (predicate, string) {
		if len(value) > 0 && string(bytes.TrimSpace(value)) != "null" {
			return nil, "value should not exist"
		}
		return func(c *Contact) bool {
			has := false
			for _, v := range f.values(c) {
				if strings.TrimSpace(v) != "" {
					has = true
					break
				}
			}
			return has == want
		}, ""
	}
}

// rangeBounds is a range filter's value.
type rangeBounds struct {
	GT  json.RawMessage `json:"gt"`
	GTE json.RawMessage `json:"gte"`
	LT  json.RawMessage `json:"lt"`
	LTE json.RawMessage `json:"lte"`
}

// opRange passes a contact whose value lies within the bounds. Values and bounds compare as numbers when both
// read as numbers, as times when both read as dates, and as text otherwise.
func opRange(f filterField, value json.RawMessage) (predicate, string) {
	var b rangeBounds
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.DisallowUnknownFields()
	if len(value) == 0 || dec.Decode(&b) != nil {
		return nil, "value must be an object with gt, gte, lt or lte"
	}
	type bound struct {
		v  string
		ok func(int) bool
	}
	var bounds []bound
	for _, x := range []struct {
		raw json.RawMessage
		ok  func(int) bool
	}{
		{b.GT, func(n int) bool { return n > 0 }}, {b.GTE, func(n int) bool { return n >= 0 }},
		{b.LT, func(n int) bool { return n < 0 }}, {b.LTE, func(n int) bool { return n <= 0 }},
	} {
		if len(x.raw) == 0 || string(x.raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(x.raw, &s) != nil {
			var n json.Number
			if json.Unmarshal(x.raw, &n) != nil {
				return nil, "range bounds must be numbers or strings"
			}
			s = n.String()
		}
		bounds = append(bounds, bound{s, x.ok})
	}
	if len(bounds) == 0 {
		return nil, "value must have at least one of gt, gte, lt, lte"
	}
	return func(c *Contact) bool {
		for _, v := range f.values(c) {
			if v == "" {
				continue
			}
			inside := true
			for _, bd := range bounds {
				if !bd.ok(compareLoose(v, bd.v)) {
					inside = false
					break
				}
			}
			if inside {
				return true
			}
		}
		return false
	}, ""
}

// compareLoose compares a and b as numbers, then as times, then as text.
func compareLoose(a, b string) int {
	if x, err := strconv.ParseFloat(a, 64); err == nil {
		if y, err := strconv.ParseFloat(b, 64); err == nil {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	if x, ok := looseTime(a); ok {
		if y, ok := looseTime(b); ok {
			return x.Compare(y)
		}
	}
	return strings.Compare(a, b)
}

func looseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 1e11 {
		return time.UnixMilli(ms), true
	}
	return time.Time{}, false
}
