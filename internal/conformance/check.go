package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Request is a recorded request, as ghltest.Server.Requests returns it.
type Request struct {
	Method string
	// RawPath is the path as sent, escapes kept.
	RawPath  string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Check reports through t every way the request departs from the spec and returns the ID of the operation
// it calls ("" when none matches).
func (s *Spec) Check(t testing.TB, method, rawPath, rawQuery string, header http.Header, body []byte) string {
	t.Helper()
	id, probs := s.Problems(Request{Method: method, RawPath: rawPath, RawQuery: rawQuery, Header: header, Body: body})
	for _, p := range probs {
		t.Errorf("conformance: %s %s: %s", method, rawPath, p)
	}
	return id
}

// CheckAll checks each request and returns how many requests called each operation, by operation ID.
func (s *Spec) CheckAll(t testing.TB, reqs []Request) map[string]int {
	t.Helper()
	seen := map[string]int{}
	for _, r := range reqs {
		if id := s.Check(t, r.Method, r.RawPath, r.RawQuery, r.Header, r.Body); id != "" {
			seen[id]++
		}
	}
	return seen
}

// Problems is Check without a testing.TB: the operation's ID and the list of problems.
func (s *Spec) Problems(r Request) (operationID string, problems []string) {
	op, pathValues, ok := s.match(strings.ToUpper(r.Method), r.RawPath)
	if !ok {
		return "", []string{"no operation of " + s.Path + " has this method and path"}
	}
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	for _, p := range op.params {
		if p.in != "path" {
			continue
		}
		v := pathValues[p.name]
		if strings.TrimSpace(v) == "" {
			add("path parameter %s is empty", p.name)
			continue
		}
		probs = append(probs, s.scalar(v, p.schema, "path parameter "+p.name)...)
	}

	query, err := url.ParseQuery(r.RawQuery)
	if err != nil {
		add("query string does not parse: %v", err)
	}
	for _, name := range slices.Sorted(maps.Keys(query)) {
		p := op.param("query", name)
		if p == nil {
			add("query parameter %s is not one the operation takes", name)
			continue
		}
		// An array parameter is sent as OpenAPI's default form style writes it: the name repeated per item.
		if items, isArray := s.arrayItems(p.schema); isArray {
			for _, v := range query[name] {
				probs = append(probs, s.scalar(v, items, "query parameter "+name)...)
			}
			continue
		}
		if len(query[name]) > 1 {
			add("query parameter %s is sent %d times", name, len(query[name]))
		}
		probs = append(probs, s.scalar(query.Get(name), p.schema, "query parameter "+name)...)
	}
	for _, p := range op.params {
		switch {
		case p.in == "query" && p.required && query.Get(p.name) == "":
			add("required query parameter %s is missing", p.name)
		case p.in == "header":
			v := r.Header.Get(p.name)
			if v == "" {
				if p.required {
					add("required header %s is missing", p.name)
				}
				continue
			}
			probs = append(probs, s.scalar(v, p.schema, "header "+p.name)...)
		}
	}
	if len(op.Scopes) > 0 && !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		add("the operation needs a bearer token (scopes %s); Authorization is not Bearer", strings.Join(op.Scopes, ", "))
	}
	probs = append(probs, s.checkBody(op, r)...)
	return op.ID, probs
}

func (s *Spec) checkBody(op *Operation, r Request) []string {
	body := bytes.TrimSpace(r.Body)
	if op.body == nil {
		if len(body) > 0 {
			return []string{"sends a body, but the operation takes none"}
		}
		return nil
	}
	if len(body) == 0 {
		if op.body.required {
			return []string{"sends no body, but the operation requires one"}
		}
		return nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != op.body.contentType {
		return []string{fmt.Sprintf("body is sent as %q, want %q", mt, op.body.contentType)}
	}
	if op.body.contentType == "multipart/form-data" {
		return []string{"multipart/form-data bodies are not checked: add a check before wrapping this operation"}
	}
	var v any
	if op.body.contentType == "application/x-www-form-urlencoded" {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return []string{"form body does not parse: " + err.Error()}
		}
		obj := map[string]any{}
		for k := range form {
			obj[k] = form.Get(k)
		}
		v = obj
		return s.validate(v, formSchema(s.resolve(op.body.schema)), "body", true)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&v); err != nil || dec.More() {
		return []string{"body is not one JSON value"}
	}
	return s.validate(v, op.body.schema, "body", true)
}

// formSchema relaxes a form body's schema: every form value is text, so numbers and booleans are checked as
// strings.
func formSchema(schema map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range schema {
		out[k] = v
	}
	props := map[string]any{}
	for name, p := range asMap(schema["properties"]) {
		props[name] = map[string]any{"type": "string", "enum": asMap(p)["enum"]}
		if asMap(p)["enum"] == nil {
			props[name] = map[string]any{"type": "string"}
		}
	}
	out["properties"] = props
	return out
}

// scalar checks a path, query or header value, which arrives as text, against its schema.
func (s *Spec) scalar(v string, schema map[string]any, what string) []string {
	schema = s.resolve(schema)
	var probs []string
	switch schema["type"] {
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			probs = append(probs, fmt.Sprintf("%s: %q is not a number", what, v))
		}
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			probs = append(probs, fmt.Sprintf("%s: %q is not an integer", what, v))
		}
	case "boolean":
		if v != "true" && v != "false" {
			probs = append(probs, fmt.Sprintf("%s: %q is not a boolean", what, v))
		}
	}
	if enum := asList(schema["enum"]); len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == v }) {
		probs = append(probs, fmt.Sprintf("%s: %q is not one of %v", what, v, enum))
	}
	return probs
}

// arrayItems returns the item schema of an array schema.
func (s *Spec) arrayItems(schema map[string]any) (map[string]any, bool) {
	schema = s.resolve(schema)
	if schema["type"] != "array" {
		return nil, false
	}
	return asMap(schema["items"]), true
}
