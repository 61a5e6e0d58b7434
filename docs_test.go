package ghl_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryExportedNameIsDocumented walks the module's packages (not nested modules) and lists exported
// functions, methods, types, constants and variables that have no doc comment, and packages with no Example.
func TestEveryExportedNameIsDocumented(t *testing.T) {
	var missing, noExample []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != "." {
			return filepath.SkipDir // a nested module checks itself
		}
		pkgs, err := parseDir(path)
		if err != nil {
			return err
		}
		for name, pkg := range pkgs {
			if strings.HasSuffix(name, "_test") || name == "main" {
				continue
			}
			hasExample := false
			for file, f := range pkg {
				if strings.HasSuffix(file, "_test.go") {
					hasExample = hasExample || definesExample(f)
					continue
				}
				missing = append(missing, undocumented(file, f)...)
			}
			if !hasExample && !strings.Contains(path, "internal") && path != "." {
				noExample = append(noExample, path)
			}
		}
		// External test packages hold most Examples.
		for name, pkg := range pkgs {
			if !strings.HasSuffix(name, "_test") {
				continue
			}
			for _, f := range pkg {
				if definesExample(f) {
					noExample = remove(noExample, path)
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Empty(t, missing, "exported names without a doc comment")
	assert.Empty(t, noExample, "packages without a runnable Example")
}

func definesExample(f *ast.File) bool {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Example") {
			return true
		}
	}
	return false
}

func undocumented(file string, f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && d.Doc == nil && receiverExported(d) {
				out = append(out, file+": func "+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() && s.Doc == nil && d.Doc == nil {
						out = append(out, file+": type "+s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && s.Doc == nil && d.Doc == nil && s.Comment == nil {
							out = append(out, file+": "+n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

func receiverExported(fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return true
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if idx, ok := typ.(*ast.IndexExpr); ok {
		typ = idx.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

func remove(list []string, v string) []string {
	out := list[:0]
	for _, s := range list {
		if s != v {
			out = append(out, s)
		}
	}
	return out
}

// parseDir parses the Go files of one directory, build tags aside, grouped by package name and then by file.
func parseDir(dir string) (map[string]map[string]*ast.File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	pkgs := map[string]map[string]*ast.File{}
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if pkgs[f.Name.Name] == nil {
			pkgs[f.Name.Name] = map[string]*ast.File{}
		}
		pkgs[f.Name.Name][p] = f
	}
	return pkgs, nil
}
