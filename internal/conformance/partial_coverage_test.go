package conformance_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wrappedSubsets are the specs the SDK wraps in part: the operations the connectors' use cases need, each list
// checked against the spec and the packages that wrap it.
var wrappedSubsets = []struct {
	spec   string
	dirs   []string
	prefix string
	wanted []string
}{
	{"calendars.json", []string{"appointments"}, "/calendars", []string{
		"get-calendars", "get-slots", "create-appointment", "get-appointment", "edit-appointment", "delete-event",
	}},
	{"businesses.json", []string{"businesses"}, "/businesses", []string{
		"get-business", "get-businesses-by-location", "create-business", "update-business", "delete-Business",
	}},
	{"locations.json", []string{"customfields"}, "/locations", []string{"get-custom-fields", "get-custom-field"}},
}

const notWrapped = "not among the operations the SDK wraps; add it to wanted when a method wraps it"

// TestNamedOperationsAreWrapped fails when an operation of a wanted list has no SDK method, when a method
// wraps an operation not on the list, or when a list names an operation the spec lacks.
func TestNamedOperationsAreWrapped(t *testing.T) {
	for _, sub := range wrappedSubsets {
		t.Run(sub.spec, func(t *testing.T) {
			spec := conformance.Load(t, filepath.Join(root, "testdata/openapi/apps", sub.spec))
			var dirs []string
			for _, d := range sub.dirs {
				dirs = append(dirs, filepath.Join(root, d))
			}
			anns := conformance.OnSpec(conformance.Annotations(t, dirs...), sub.prefix)
			require.Len(t, anns, len(sub.wanted), "every wanted operation has one annotation")
			pending, probs := spec.AllBut(sub.wanted, notWrapped)
			for _, p := range append(probs, spec.Coverage(anns, pending)...) {
				t.Error(p)
			}
			wrappers := spec.Wrappers(anns)
			for _, id := range sub.wanted {
				t.Logf("%-28s %s", id, wrappers[id])
			}
		})
	}
}

// Every annotation of the resource packages names a path of one of the specs the coverage tests read.
func TestEveryAnnotationBelongsToASpec(t *testing.T) {
	all := conformance.Annotations(t, filepath.Join(root, "contacts"), filepath.Join(root, "tags"), filepath.Join(root, "tasks"),
		filepath.Join(root, "notes"), filepath.Join(root, "appointments"), filepath.Join(root, "businesses"), filepath.Join(root, "customfields"))
	for _, a := range all {
		ok := slices.ContainsFunc([]string{"/contacts", "/calendars", "/businesses", "/locations"}, func(p string) bool { return strings.HasPrefix(a.Path, p) })
		assert.True(t, ok, "%s: %s names %s, which no coverage test reads", a.Pos, a.Func, a.Path)
	}
}

func TestNamedCoverageReportsGaps(t *testing.T) {
	spec := conformance.Load(t, filepath.Join(root, "testdata/openapi/apps/calendars.json"))
	anns := conformance.OnSpec(conformance.Annotations(t, filepath.Join(root, "appointments")), "/calendars")
	require.NotEmpty(t, anns)
	wanted := wrappedSubsets[0].wanted
	has := func(probs []string, want string) bool {
		return slices.ContainsFunc(probs, func(p string) bool { return strings.Contains(p, want) })
	}
	pending, _ := spec.AllBut(wanted, notWrapped)
	assert.True(t, has(spec.Coverage(anns[1:], pending), "has no SDK method"), "a wanted operation without a wrapper")
	narrower, _ := spec.AllBut(wanted[1:], notWrapped)
	assert.True(t, has(spec.Coverage(anns, narrower), "take it off the pending list"), "a wrapper of an operation not wanted")
	_, probs := spec.AllBut(append(slices.Clone(wanted), "no-such-op"), notWrapped)
	assert.True(t, has(probs, "is not in"), "a wanted operation the spec lacks")
}
