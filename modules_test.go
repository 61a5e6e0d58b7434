package ghl_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nested module builds on its own, against the SDK's published version, only when it imports nothing that
// Go's internal rule keeps inside another module: the SDK's internal packages and those of examples/, which
// belong to the root module.
func TestNestedModulesImportNoOtherModulesInternals(t *testing.T) {
	var modules []string
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "go.mod" && path != "go.mod" {
			modules = append(modules, filepath.Dir(path))
		}
		return nil
	}))
	require.NotEmpty(t, modules, "cmd/ghl, examples/mirror and the stores are nested modules")

	for _, dir := range modules {
		own := "github.com/ghlkit/ghl/" + filepath.ToSlash(dir) + "/"
		require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(p, "github.com/ghlkit/ghl/") || strings.HasPrefix(p, own) {
					continue
				}
				assert.NotContains(t, "/"+p+"/", "/internal/", "%s imports %s, internal to another module", path, p)
			}
			return nil
		}))
	}
}
