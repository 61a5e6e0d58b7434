package contacts

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// UnmarshalJSON decodes a contact without ever failing on valid JSON, so that one odd record cannot fail a
// page of a 100,000-contact export. Well-formed records take encoding/json's fast path; a record with a value
// of the wrong type is decoded again field by field, coercing what can be coerced (a number where text was
// expected, text where a number or a list was expected) and leaving the rest zero. Raw keeps the record.
func (c *Contact) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	var p plainContact // no methods, so no recursion
	if err := json.Unmarshal(data, &p); err != nil {
		p = plainContact{}
		decodeLeniently(data, reflect.ValueOf(&p).Elem())
	}
	*c = Contact(p)
	// The decoder's buffer is reused after UnmarshalJSON returns, so the record is copied.
	c.Raw = append(json.RawMessage(nil), data...)
	return nil
}

// Field returns the raw JSON of one top-level field of the contact as HighLevel sent it, including fields
// Contact does not model. ok is false when the field was absent or the contact was not decoded from JSON.
func (c *Contact) Field(name string) (raw json.RawMessage, ok bool) {
	if len(c.Raw) == 0 {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(c.Raw, &m) != nil {
		return nil, false
	}
	raw, ok = m[name]
	return raw, ok
}

// fieldIndex maps JSON names to the fields of a struct type, for the lenient decoder.
var fieldIndex sync.Map // reflect.Type → map[string]int

func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fieldIndex.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	fieldIndex.Store(t, m)
	return m
}

// decodeLeniently fills the struct dst from a JSON object one field at a time. A field whose value does not
// fit is coerced when the intent is clear and left zero otherwise. Keys match exactly first, then ignoring
// case, as encoding/json does.
func decodeLeniently(data []byte, dst reflect.Value) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return
	}
	fields := fieldsOf(dst.Type())
	for key, raw := range obj {
		i, ok := fields[key]
		if !ok {
			for name, j := range fields {
				if strings.EqualFold(name, key) {
					i, ok = j, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		fv := dst.Field(i)
		if json.Unmarshal(raw, fv.Addr().Interface()) != nil {
			fv.SetZero()
			coerce(raw, fv)
		}
	}
}

// coerce stores raw into v when the value's intent is clear despite its JSON type.
func coerce(raw json.RawMessage, v reflect.Value) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		// A number or a boolean where text was expected keeps its literal text.
		if isNumber(raw) || string(raw) == "true" || string(raw) == "false" {
			v.SetString(string(raw))
		}
	case reflect.Int, reflect.Int64:
		if s := rawString(raw); s != "" {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				v.SetInt(int64(f))
			}
		}
	case reflect.Bool:
		if s := rawString(raw); s != "" {
			if b, err := strconv.ParseBool(s); err == nil {
				v.SetBool(b)
			}
		}
	case reflect.Slice:
		switch {
		case v.Type() == customFieldsType && raw[0] == '{':
			v.Set(reflect.ValueOf(customFieldsFromMap(raw)))
		case v.Type().Elem().Kind() == reflect.String:
			v.Set(reflect.ValueOf(lenientStrings(raw)).Convert(v.Type()))
		case v.Type().Elem().Kind() == reflect.Struct && raw[0] == '{':
			// One object where a list was expected: a list of one.
			one := reflect.New(v.Type().Elem()).Elem()
			decodeLeniently(raw, one)
			v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), one))
		case v.Type().Elem().Kind() == reflect.Struct && raw[0] == '[':
			// A list with an odd element: each element on its own.
			var items []json.RawMessage
			if json.Unmarshal(raw, &items) != nil {
				return
			}
			out := reflect.MakeSlice(v.Type(), len(items), len(items))
			for i, it := range items {
				if json.Unmarshal(it, out.Index(i).Addr().Interface()) != nil {
					decodeLeniently(it, out.Index(i))
				}
			}
			v.Set(out)
		}
	case reflect.Struct:
		decodeLeniently(raw, v)
	case reflect.Pointer:
		if v.Type().Elem().Kind() == reflect.Struct && raw[0] == '{' {
			p := reflect.New(v.Type().Elem())
			decodeLeniently(raw, p.Elem())
			v.Set(p)
		}
	}
}

// lenientStrings reads a list of strings from a list with numbers in it, or from one string.
func lenientStrings(raw json.RawMessage) []string {
	if raw[0] == '"' {
		if s := rawString(raw); s != "" {
			return []string{s}
		}
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s := rawString(it); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var customFieldsType = reflect.TypeOf([]CustomField(nil))

// customFieldsFromMap reads custom fields sent as an object keyed by field ID.
func customFieldsFromMap(raw json.RawMessage) []CustomField {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := make([]CustomField, 0, len(m))
	for _, id := range slices.Sorted(maps.Keys(m)) {
		out = append(out, CustomField{ID: id, Value: m[id]})
	}
	return out
}
