package conformance

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Annotation is one "//ghl:operation METHOD /path" line in the doc of an SDK method.
type Annotation struct {
	Method string
	Path   string
	// Func is the method it documents, like "contacts.Service.Get".
	Func string
	// Pos is the file and line of the annotation.
	Pos string
}

const directive = "//ghl:operation "

// Annotations reads the annotations of every non-test Go file in dirs (a missing directory is skipped, so
// that packages not written yet can be listed). A malformed line, or one on anything but a function, fails t.
func Annotations(t testing.TB, dirs ...string) []Annotation {
	t.Helper()
	out, err := ReadAnnotations(dirs...)
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	return out
}

// ReadAnnotations is Annotations for callers without a testing.TB.
func ReadAnnotations(dirs ...string) ([]Annotation, error) {
	var out []Annotation
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		sort.Strings(files)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				return nil, err
			}
			found, err := fileAnnotations(fset, f)
			if err != nil {
				return nil, err
			}
			out = append(out, found...)
		}
	}
	return out, nil
}

func fileAnnotations(fset *token.FileSet, f *ast.File) ([]Annotation, error) {
	onFuncs := map[*ast.Comment]string{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Doc == nil {
			continue
		}
		name := f.Name.Name + "." + fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			name = f.Name.Name + "." + receiverName(fd.Recv.List[0].Type) + "." + fd.Name.Name
		}
		for _, c := range fd.Doc.List {
			onFuncs[c] = name
		}
	}
	var out []Annotation
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !strings.HasPrefix(c.Text, "//ghl:operation") {
				continue
			}
			pos := fset.Position(c.Pos()).String()
			fields := strings.Fields(strings.TrimPrefix(c.Text, directive))
			if !strings.HasPrefix(c.Text, directive) || len(fields) != 2 || !strings.HasPrefix(fields[1], "/") {
				return nil, fmt.Errorf("%s: want %q followed by a method and a path: %s", pos, directive, c.Text)
			}
			fn, ok := onFuncs[c]
			if !ok {
				return nil, fmt.Errorf("%s: %s is not in the doc of a function", pos, c.Text)
			}
			out = append(out, Annotation{Method: strings.ToUpper(fields[0]), Path: fields[1], Func: fn, Pos: pos})
		}
	}
	return out, nil
}

func receiverName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return receiverName(x.X)
	case *ast.Ident:
		return x.Name
	case *ast.IndexExpr:
		return receiverName(x.X)
	}
	return "?"
}

// Coverage compares the annotations with the spec's operations and returns the problems: an operation no
// method wraps (unless pending names it, with the reason), an annotation naming no operation, an operation
// wrapped twice, and a pending entry whose operation is wrapped after all (it must leave the list).
func (s *Spec) Coverage(anns []Annotation, pending map[string]string) []string {
	var probs []string
	wrapped := map[string][]string{}
	for _, a := range anns {
		op, ok := s.Operation(a.Method, a.Path)
		if !ok {
			probs = append(probs, fmt.Sprintf("%s: %s names %s %s, which %s does not have", a.Pos, a.Func, a.Method, a.Path, s.Path))
			continue
		}
		if op.Path != a.Path {
			probs = append(probs, fmt.Sprintf("%s: %s writes %s; the spec writes %s", a.Pos, a.Func, a.Path, op.Path))
		}
		wrapped[op.ID] = append(wrapped[op.ID], a.Func)
	}
	for _, op := range s.ops {
		funcs := wrapped[op.ID]
		_, isPending := pending[op.ID]
		switch {
		case len(funcs) == 0 && !isPending:
			probs = append(probs, fmt.Sprintf("operation %s (%s %s) has no SDK method: annotate its wrapper with %s%s %s",
				op.ID, op.Method, op.Path, directive, op.Method, op.Path))
		case len(funcs) > 0 && isPending:
			probs = append(probs, fmt.Sprintf("operation %s is wrapped by %s: take it off the pending list", op.ID, strings.Join(funcs, ", ")))
		case len(funcs) > 1:
			probs = append(probs, fmt.Sprintf("operation %s is wrapped by several methods: %s", op.ID, strings.Join(funcs, ", ")))
		}
	}
	for id := range pending {
		if !s.hasID(id) {
			probs = append(probs, fmt.Sprintf("pending operation %s is not in %s", id, s.Path))
		}
	}
	sort.Strings(probs)
	return probs
}

// Wrappers maps each operation ID to the method that wraps it.
func (s *Spec) Wrappers(anns []Annotation) map[string]string {
	out := map[string]string{}
	for _, a := range anns {
		if op, ok := s.Operation(a.Method, a.Path); ok {
			out[op.ID] = a.Func
		}
	}
	return out
}

func (s *Spec) hasID(id string) bool {
	for _, op := range s.ops {
		if op.ID == id {
			return true
		}
	}
	return false
}

// OnSpec keeps the annotations whose path starts with one of prefixes, for packages that wrap operations of
// several specs (the appointments package wraps both contacts.json and calendars.json).
func OnSpec(anns []Annotation, prefixes ...string) []Annotation {
	var out []Annotation
	for _, a := range anns {
		for _, p := range prefixes {
			if strings.HasPrefix(a.Path, p) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// AllBut returns a pending list holding every operation of the spec except those of wanted, each with reason,
// for a spec the SDK wraps only in part: Coverage then fails for a wanted operation without a wrapper and for
// a wrapper of an operation that is not wanted (which must join wanted). A wanted ID the spec does not have
// is a problem too, returned in the second result.
func (s *Spec) AllBut(wanted []string, reason string) (pending map[string]string, probs []string) {
	pending = map[string]string{}
	want := map[string]bool{}
	for _, id := range wanted {
		want[id] = true
		if !s.hasID(id) {
			probs = append(probs, fmt.Sprintf("wanted operation %s is not in %s", id, s.Path))
		}
	}
	for _, op := range s.ops {
		if !want[op.ID] {
			pending[op.ID] = reason
		}
	}
	return pending, probs
}
