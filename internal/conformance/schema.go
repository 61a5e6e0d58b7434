package conformance

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// validate reports every way v (decoded JSON) departs from schema. Objects are closed: a property the schema
// does not name is reported, unless the schema allows additional properties or names none at all below the
// top level (a free-form value such as a file field's map). path names v in the problems.
func (s *Spec) validate(v any, schema map[string]any, path string, top bool) []string {
	schema = s.resolve(schema)
	if schema == nil {
		return nil
	}
	if v == nil {
		if nullable, _ := schema["nullable"].(bool); nullable || schema["type"] == nil {
			return nil
		}
		return []string{path + ": is null, which the schema does not allow"}
	}
	var probs []string
	if branches := asList(schema["allOf"]); len(branches) > 0 {
		for _, b := range branches {
			probs = append(probs, s.validate(v, asMap(b), path, top)...)
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		branches := asList(schema[key])
		if len(branches) == 0 {
			continue
		}
		var first []string
		matched := false
		for i, b := range branches {
			p := s.validate(v, asMap(b), path, top)
			if len(p) == 0 {
				matched = true
				break
			}
			if i == 0 || len(p) < len(first) {
				first = p
			}
		}
		if !matched {
			probs = append(probs, fmt.Sprintf("%s: fits none of the %d shapes of %s; nearest: %s", path, len(branches), key, strings.Join(first, "; ")))
		}
	}
	if enum := asList(schema["enum"]); len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
		probs = append(probs, fmt.Sprintf("%s: %v is not one of %v", path, v, enum))
	}
	typ, _ := schema["type"].(string)
	switch typ {
	case "":
		if _, ok := v.(map[string]any); ok && schema["properties"] != nil {
			probs = append(probs, s.object(v.(map[string]any), schema, path, top)...)
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return append(probs, fmt.Sprintf("%s: is %s, want an object", path, kind(v)))
		}
		probs = append(probs, s.object(obj, schema, path, top)...)
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return append(probs, fmt.Sprintf("%s: is %s, want an array", path, kind(v)))
		}
		if n, ok := schema["minItems"].(float64); ok && float64(len(arr)) < n {
			probs = append(probs, fmt.Sprintf("%s: has %d items, want at least %v", path, len(arr), n))
		}
		if n, ok := schema["maxItems"].(float64); ok && float64(len(arr)) > n {
			probs = append(probs, fmt.Sprintf("%s: has %d items, want at most %v", path, len(arr), n))
		}
		for i, item := range arr {
			probs = append(probs, s.validate(item, asMap(schema["items"]), fmt.Sprintf("%s[%d]", path, i), false)...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return append(probs, fmt.Sprintf("%s: is %s, want a string", path, kind(v)))
		}
		if n, ok := schema["maxLength"].(float64); ok && float64(utf8.RuneCountInString(str)) > n {
			probs = append(probs, fmt.Sprintf("%s: is %d characters long, want at most %v", path, utf8.RuneCountInString(str), n))
		}
	case "number", "integer":
		n, ok := v.(float64)
		if !ok {
			return append(probs, fmt.Sprintf("%s: is %s, want a %s", path, kind(v), typ))
		}
		if typ == "integer" && n != math.Trunc(n) {
			probs = append(probs, fmt.Sprintf("%s: %v is not an integer", path, n))
		}
		if m, ok := schema["minimum"].(float64); ok && n < m {
			probs = append(probs, fmt.Sprintf("%s: %v is below the minimum %v", path, n, m))
		}
		if m, ok := schema["maximum"].(float64); ok && n > m {
			probs = append(probs, fmt.Sprintf("%s: %v is above the maximum %v", path, n, m))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			probs = append(probs, fmt.Sprintf("%s: is %s, want a boolean", path, kind(v)))
		}
	}
	return probs
}

// object checks an object's properties: each against its schema, required ones present, unknown ones
// reported.
func (s *Spec) object(obj map[string]any, schema map[string]any, path string, top bool) []string {
	var probs []string
	props := asMap(schema["properties"])
	for _, r := range asList(schema["required"]) {
		name, _ := r.(string)
		if _, ok := obj[name]; !ok {
			probs = append(probs, fmt.Sprintf("%s: required property %q is missing", path, name))
		}
	}
	if n, ok := schema["minProperties"].(float64); ok && float64(len(obj)) < n {
		probs = append(probs, fmt.Sprintf("%s: has %d properties, want at least %v", path, len(obj), n))
	}
	open := schema["additionalProperties"] == true || asMap(schema["additionalProperties"]) != nil
	freeForm := len(props) == 0 && !top
	for _, key := range sortedKeys(obj) {
		ps, known := props[key]
		switch {
		case known:
			probs = append(probs, s.validate(obj[key], asMap(ps), join(path, key), false)...)
		case open:
			probs = append(probs, s.validate(obj[key], asMap(schema["additionalProperties"]), join(path, key), false)...)
		case !freeForm:
			probs = append(probs, fmt.Sprintf("%s: property %q is not in the schema", path, key))
		}
	}
	for _, group := range asList(schema["x-mutuallyExclusive"]) {
		var present []string
		for _, name := range asList(group) {
			if _, ok := obj[name.(string)]; ok {
				present = append(present, name.(string))
			}
		}
		if len(present) > 1 {
			probs = append(probs, fmt.Sprintf("%s: %s may not be sent together", path, strings.Join(present, " and ")))
		}
	}
	return probs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
