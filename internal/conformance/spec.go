package conformance

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
)

// Spec is a loaded OpenAPI document.
type Spec struct {
	// Path is the file the spec was read from.
	Path string
	root map[string]any
	ops  []*Operation
}

// Operation is one operation of the spec.
type Operation struct {
	ID     string
	Method string
	// Path is the template, like "/contacts/{contactId}".
	Path       string
	Deprecated bool
	// Scopes are the bearer scopes the operation names.
	Scopes []string

	segs   []string
	params []param
	body   *requestBody
}

type param struct {
	name, in string
	required bool
	schema   map[string]any
}

type requestBody struct {
	required bool
	// contentType is the media type the body is sent as; schema is that media type's schema.
	contentType string
	schema      map[string]any
}

var methods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

// Load reads the OpenAPI file at path and applies the errata for it. It fails t when the file cannot be read.
func Load(t testing.TB, path string) *Spec {
	t.Helper()
	s, err := LoadFile(path)
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	return s
}

// LoadFile is Load for callers without a testing.TB.
func LoadFile(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Spec{Path: path, root: root}
	applyErrata(root)
	paths, _ := root["paths"].(map[string]any)
	for _, tmpl := range sortedKeys(paths) {
		item, _ := paths[tmpl].(map[string]any)
		shared := item["parameters"]
		for _, m := range methods {
			raw, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			op, err := s.operation(strings.ToUpper(m), tmpl, raw, shared)
			if err != nil {
				return nil, fmt.Errorf("%s: %s %s: %w", path, strings.ToUpper(m), tmpl, err)
			}
			s.ops = append(s.ops, op)
		}
	}
	return s, nil
}

func (s *Spec) operation(method, tmpl string, raw map[string]any, shared any) (*Operation, error) {
	op := &Operation{Method: method, Path: tmpl, segs: splitPath(tmpl)}
	op.ID, _ = raw["operationId"].(string)
	op.Deprecated, _ = raw["deprecated"].(bool)
	for _, sec := range asList(raw["security"]) {
		for _, scopes := range asMap(sec) {
			for _, sc := range asList(scopes) {
				if str, ok := sc.(string); ok {
					op.Scopes = append(op.Scopes, str)
				}
			}
		}
	}
	for _, p := range append(asList(shared), asList(raw["parameters"])...) {
		pm := s.resolve(asMap(p))
		name, _ := pm["name"].(string)
		in, _ := pm["in"].(string)
		req, _ := pm["required"].(bool)
		op.params = append(op.params, param{name: name, in: in, required: req || in == "path", schema: asMap(pm["schema"])})
	}
	// A path template's wildcard that the operation does not declare is still a required path parameter.
	for _, seg := range op.segs {
		if name, ok := wildcard(seg); ok && op.param("path", name) == nil {
			op.params = append(op.params, param{name: name, in: "path", required: true, schema: map[string]any{"type": "string"}})
		}
	}
	if rb := s.resolve(asMap(raw["requestBody"])); rb != nil {
		body := &requestBody{}
		body.required, _ = rb["required"].(bool)
		content := asMap(rb["content"])
		// multipart/form-data is the locations spec's file upload: loaded so the spec loads, never checked.
		for _, ct := range []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"} {
			if media, ok := content[ct]; ok {
				body.contentType = ct
				body.schema = asMap(asMap(media)["schema"])
				break
			}
		}
		if body.contentType == "" {
			return nil, fmt.Errorf("request body has no JSON or form media type")
		}
		op.body = body
	}
	return op, nil
}

func (op *Operation) param(in, name string) *param {
	for i := range op.params {
		if op.params[i].in == in && op.params[i].name == name {
			return &op.params[i]
		}
	}
	return nil
}

// Operations returns the spec's operations, sorted by path then method.
func (s *Spec) Operations() []Operation {
	out := make([]Operation, len(s.ops))
	for i, op := range s.ops {
		out[i] = *op
	}
	return out
}

// Operation returns the operation of method and template, as written in the spec (a trailing slash matters
// not).
func (s *Spec) Operation(method, template string) (Operation, bool) {
	want := strings.Join(splitPath(template), "/")
	for _, op := range s.ops {
		if op.Method == strings.ToUpper(method) && strings.Join(op.segs, "/") == want {
			return *op, true
		}
	}
	return Operation{}, false
}

// match finds the operation a request calls: its method and escaped path. Where several templates fit, the
// one with a literal segment earliest wins, as HighLevel's router (and ghltest's) decide.
func (s *Spec) match(method, rawPath string) (*Operation, map[string]string, bool) {
	segs, ok := splitEscaped(rawPath)
	if !ok {
		return nil, nil, false
	}
	var best *Operation
	for _, op := range s.ops {
		if op.Method != method || len(op.segs) != len(segs) || !fits(op.segs, segs) {
			continue
		}
		if best == nil || moreSpecific(op.segs, best.segs) {
			best = op
		}
	}
	if best == nil {
		return nil, nil, false
	}
	values := map[string]string{}
	for i, seg := range best.segs {
		if name, ok := wildcard(seg); ok {
			values[name] = segs[i]
		}
	}
	return best, values, true
}

func fits(tmpl, segs []string) bool {
	for i, t := range tmpl {
		if _, wild := wildcard(t); !wild && t != segs[i] {
			return false
		}
	}
	return true
}

func moreSpecific(a, b []string) bool {
	for i := range a {
		_, wa := wildcard(a[i])
		_, wb := wildcard(b[i])
		if wa != wb {
			return !wa
		}
	}
	return false
}

func wildcard(seg string) (string, bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// splitPath splits a template; a trailing slash does not count, as HighLevel answers "/contacts/" and
// "/contacts" alike.
func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// splitEscaped splits an escaped request path and unescapes each segment, so that an ID holding "%2F" stays
// one segment.
func splitEscaped(raw string) ([]string, bool) {
	parts := splitPath(raw)
	for i, p := range parts {
		u, err := url.PathUnescape(p)
		if err != nil {
			return nil, false
		}
		parts[i] = u
	}
	return parts, true
}

func (s *Spec) resolve(m map[string]any) map[string]any {
	for i := 0; m != nil && i < 32; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		m = s.lookup(ref)
	}
	return m
}

// lookup follows a local reference ("#/components/schemas/X"). References to other files are only used by
// responses, which are not checked; they resolve to nil.
func (s *Spec) lookup(ref string) map[string]any {
	ptr, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = s.root
	for _, tok := range strings.Split(ptr, "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		cur = asMap(cur)[tok]
	}
	return asMap(cur)
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asList(v any) []any         { l, _ := v.([]any); return l }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
