package ghltest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decode reads the JSON body into v, a pointer to one of ghltest's request structs. HighLevel validates bodies
// against a whitelist, so a property the struct does not name, even one that differs only in case, is
// answered 422 "property <name> should not exist". On failure decode answers and returns false.
func (c *call) decode(v any) bool {
	body := bytes.TrimSpace(c.body)
	if len(body) == 0 {
		body = []byte("{}")
	}
	if !json.Valid(body) {
		// body-parser's answer to malformed JSON, which HighLevel passes on.
		writeError(c.w, http.StatusBadRequest, "Unexpected token in JSON body")
		return false
	}
	if bad := unknownProperty(body, reflect.TypeOf(v), ""); bad != "" {
		writeValidation(c.w, "property "+bad+" should not exist")
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			writeValidation(c.w, fmt.Sprintf("%s must be %s", te.Field, kindName(te.Type)))
			return false
		}
		writeValidation(c.w, strings.TrimPrefix(err.Error(), "json: "))
		return false
	}
	return true
}

// unknownProperty walks data along t and returns the path of the first object key that no field of the
// matching struct names exactly; "" when there is none.
func unknownProperty(data []byte, t reflect.Type, path string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return "" // not an object: the typed decode reports it
		}
		fields := jsonFields(t)
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			ft, ok := fields[key]
			if !ok {
				return join(path, key)
			}
			if bad := unknownProperty(obj[key], ft, join(path, key)); bad != "" {
				return bad
			}
		}
	case reflect.Slice:
		if t == reflect.TypeOf(json.RawMessage(nil)) {
			return ""
		}
		var arr []json.RawMessage
		if json.Unmarshal(data, &arr) != nil {
			return ""
		}
		for i, raw := range arr {
			if bad := unknownProperty(raw, t.Elem(), join(path, strconv.Itoa(i))); bad != "" {
				return bad
			}
		}
	}
	return ""
}

func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		m[cmp.Or(name, f.Name)] = f.Type
	}
	return m
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// kindName says what a property must be, in class-validator's words.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean value"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number conforming to the specified constraints"
	case reflect.Slice:
		return "an array"
	default:
		return "an object"
	}
}
