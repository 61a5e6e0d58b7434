package conformance_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the module's root, from this package's directory.
const root = "../.."

// resourceDirs are the packages whose methods wrap the contacts spec's operations.
var resourceDirs = []string{"contacts", "tags", "tasks", "notes", "appointments"}

// pending lists operations whose wrapper has not landed yet, with the reason. Empty: every operation of
// contacts.json is wrapped. An entry whose operation gets wrapped makes the test fail until it is removed.
var pending = map[string]string{}

func dirs() []string {
	out := make([]string, len(resourceDirs))
	for i, d := range resourceDirs {
		out[i] = filepath.Join(root, d)
	}
	return out
}

// contactsAnnotations are the annotations of the resource packages that name the contacts API's paths.
func contactsAnnotations(t *testing.T) []conformance.Annotation {
	return conformance.OnSpec(conformance.Annotations(t, dirs()...), "/contacts")
}

// TestEveryOperationIsWrapped maps every operationId of contacts.json to the SDK method that wraps it.
func TestEveryOperationIsWrapped(t *testing.T) {
	spec := conformance.Load(t, filepath.Join(root, "testdata/openapi/apps/contacts.json"))
	anns := contactsAnnotations(t)
	require.NotEmpty(t, anns)
	for _, p := range spec.Coverage(anns, pending) {
		t.Error(p)
	}
	wrappers := spec.Wrappers(anns)
	assert.Len(t, spec.Operations(), 32, "FACTS.md counts 32 operations")
	for _, op := range spec.Operations() {
		if fn, ok := wrappers[op.ID]; ok {
			t.Logf("%-40s %-6s %-48s %s", op.ID, op.Method, op.Path, fn)
		}
	}
}

func TestCoverageReportsGaps(t *testing.T) {
	spec := conformance.Load(t, filepath.Join(root, "testdata/openapi/apps/contacts.json"))
	anns := contactsAnnotations(t)
	tests := []struct {
		name    string
		anns    []conformance.Annotation
		pending map[string]string
		want    string
	}{
		{"missing wrapper", anns[1:], nil, "has no SDK method"},
		{"unknown operation", slices.Concat(anns, []conformance.Annotation{{Method: "GET", Path: "/contacts/nope/{x}", Func: "x.Y", Pos: "x.go:1"}}), nil, "does not have"},
		{"pending but wrapped", anns, map[string]string{"get-contact": "later"}, "take it off the pending list"},
		{"pending unknown", anns, map[string]string{"no-such-op": "later"}, "is not in"},
		{"wrapped twice", slices.Concat(anns, []conformance.Annotation{{Method: "GET", Path: "/contacts/{contactId}", Func: "x.Get", Pos: "x.go:1"}}), nil, "several methods"},
		{"path written differently", slices.Concat(anns, []conformance.Annotation{{Method: "POST", Path: "/contacts", Func: "x.Create", Pos: "x.go:1"}}), nil, "the spec writes /contacts/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := spec.Coverage(tt.anns, tt.pending)
			require.NotEmpty(t, probs)
			found := false
			for _, p := range probs {
				if contains(p, tt.want) {
					found = true
				}
			}
			assert.True(t, found, "want a problem with %q, got %q", tt.want, probs)
		})
	}
}

func TestAnnotationsRejectMalformedLines(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.go"), "package a\n\n// F does.\n//\n//ghl:operation GET\nfunc F() {}\n")
	_, err := conformance.ReadAnnotations(dir)
	assert.ErrorContains(t, err, "followed by a method and a path")

	writeFile(t, filepath.Join(dir, "a.go"), "package a\n\n//ghl:operation GET /x\nvar V int\n")
	_, err = conformance.ReadAnnotations(dir)
	assert.ErrorContains(t, err, "not in the doc of a function")

	writeFile(t, filepath.Join(dir, "a.go"), "package a\n\ntype S struct{}\n\n// M does.\n//\n//ghl:operation get /x/{id}\nfunc (s *S) M() {}\n")
	anns, err := conformance.ReadAnnotations(dir, filepath.Join(dir, "missing"))
	require.NoError(t, err)
	require.Len(t, anns, 1)
	assert.Equal(t, conformance.Annotation{Method: "GET", Path: "/x/{id}", Func: "a.S.M", Pos: anns[0].Pos}, anns[0])
}
