// Command modproxy writes a Go module proxy into a directory (the GOPROXY protocol's files: list, .info, .mod
// and .zip under <module>/@v/), so that `GOPROXY=file://<dir>` serves exactly what it was given. The release
// check uses it to prove what a user outside the checkout gets from `go install` and `go get`.
//
//	modproxy -out DIR -repo ROOT -version V [-rev REV] path=subdir ...
//
// Each argument names a module and its directory relative to ROOT. Without -rev the module is made from the
// working tree: the files git tracks or would track (untracked files that .gitignore leaves out, and files of
// nested modules, are left out as a proxy would). With -rev it is made from that git revision.
//
//	modproxy -out DIR -cache GOMODCACHE/cache/download < list
//
// copies the files of each module@version read from stdin (one a line) from the module cache, which has the
// proxy's layout. A version the cache does not hold is left out: the module graph also names versions whose
// go.mod was never loaded.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	out := flag.String("out", "", "proxy directory to write")
	repo := flag.String("repo", ".", "root of the git checkout")
	version := flag.String("version", "", "version to publish the modules at")
	rev := flag.String("rev", "", "git revision to take the modules from; empty means the working tree")
	cache := flag.String("cache", "", "module download cache to copy the module@version lines of stdin from")
	flag.Parse()
	if *out == "" {
		fail(errors.New("-out is required"))
	}
	var err error
	if *cache != "" {
		err = copyFromCache(*out, *cache, os.Stdin)
	} else {
		err = publish(*out, *repo, *version, *rev, flag.Args())
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "modproxy:", err)
	os.Exit(1)
}

func publish(out, repo, version, rev string, specs []string) error {
	if version == "" || len(specs) == 0 {
		return errors.New("-version and at least one path=subdir are required")
	}
	var files []string
	if rev == "" {
		var err error
		if files, err = workingTreeFiles(repo); err != nil {
			return err
		}
	}
	for _, spec := range specs {
		modPath, sub, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("%q: want path=subdir", spec)
		}
		m := module.Version{Path: modPath, Version: version}
		if err := module.Check(m.Path, m.Version); err != nil {
			return err
		}
		var zipData bytes.Buffer
		var err error
		if rev == "" {
			err = zip.Create(&zipData, m, moduleFiles(repo, path.Clean(sub), files))
		} else {
			vcsSub := path.Clean(sub)
			if vcsSub == "." {
				vcsSub = "" // CreateFromVCS names the repository's root ""
			}
			err = zip.CreateFromVCS(&zipData, m, repo, rev, vcsSub)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", m, err)
		}
		goMod, err := readGoMod(repo, rev, sub)
		if err != nil {
			return fmt.Errorf("%s: %w", m, err)
		}
		info, _ := json.Marshal(struct {
			Version string
			Time    time.Time
		}{version, time.Now().UTC().Truncate(time.Second)})
		if err := write(out, m, map[string][]byte{".zip": zipData.Bytes(), ".mod": goMod, ".info": info}); err != nil {
			return err
		}
	}
	return nil
}

// workingTreeFiles lists, relative to repo, the files of the working tree that a commit of it would hold.
func workingTreeFiles(repo string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = repo
	outText, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	var files []string
	for _, f := range strings.Split(string(outText), "\x00") {
		if f == "" {
			continue
		}
		if _, err := os.Lstat(filepath.Join(repo, f)); err == nil { // deleted but not yet committed: gone
			files = append(files, f)
		}
	}
	return files, nil
}

// moduleFiles selects the files of the module rooted at sub, leaving out those of modules nested in it.
func moduleFiles(repo, sub string, all []string) []zip.File {
	prefix := sub + "/"
	if sub == "." {
		prefix = ""
	}
	nested := map[string]bool{}
	for _, f := range all {
		if strings.HasPrefix(f, prefix) && path.Base(f) == "go.mod" && path.Dir(f) != sub {
			nested[path.Dir(f)+"/"] = true
		}
	}
	var files []zip.File
	hasLicense := false
	for _, f := range all {
		if !strings.HasPrefix(f, prefix) {
			continue
		}
		if inNested(f, nested) {
			continue
		}
		rel := strings.TrimPrefix(f, prefix)
		hasLicense = hasLicense || rel == "LICENSE"
		files = append(files, diskFile{rel: rel, abs: filepath.Join(repo, f)})
	}
	// The go command gives a nested module without a LICENSE of its own the repository's, and so does this.
	if !hasLicense && prefix != "" && slices.Contains(all, "LICENSE") {
		files = append(files, diskFile{rel: "LICENSE", abs: filepath.Join(repo, "LICENSE")})
	}
	return files
}

func inNested(f string, nested map[string]bool) bool {
	for dir := range nested {
		if strings.HasPrefix(f, dir) {
			return true
		}
	}
	return false
}

func readGoMod(repo, rev, sub string) ([]byte, error) {
	if rev == "" {
		return os.ReadFile(filepath.Join(repo, sub, "go.mod"))
	}
	cmd := exec.Command("git", "show", rev+":"+path.Join(sub, "go.mod"))
	cmd.Dir = repo
	return cmd.Output()
}

// diskFile is a file of the working tree as golang.org/x/mod/zip wants it.
type diskFile struct{ rel, abs string }

func (f diskFile) Path() string                 { return f.rel }
func (f diskFile) Lstat() (os.FileInfo, error)  { return os.Lstat(f.abs) }
func (f diskFile) Open() (io.ReadCloser, error) { return os.Open(f.abs) }

func copyFromCache(out, cache string, list io.Reader) error {
	sc := bufio.NewScanner(list)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		p, v, ok := strings.Cut(line, "@")
		if !ok {
			return fmt.Errorf("%q: want module@version", line)
		}
		m := module.Version{Path: p, Version: v}
		dir, err := versionDir(cache, m)
		if err != nil {
			return err
		}
		ev, err := module.EscapeVersion(v)
		if err != nil {
			return err
		}
		files := map[string][]byte{}
		for _, ext := range []string{".mod", ".info", ".zip"} {
			data, err := os.ReadFile(filepath.Join(dir, ev+ext))
			if errors.Is(err, os.ErrNotExist) {
				// No .zip: only the go.mod of this version was ever needed. No .mod: the module graph names
				// the version but pruning never loaded it. A build that needs it fails naming it.
				continue
			}
			if err != nil {
				return err
			}
			files[ext] = data
		}
		if files[".mod"] == nil {
			continue
		}
		if files[".info"] == nil { // a cache filled by go mod tidy may lack it; the protocol needs only Version
			files[".info"], _ = json.Marshal(struct{ Version string }{v})
		}
		if err := write(out, m, files); err != nil {
			return err
		}
	}
	return sc.Err()
}

func versionDir(root string, m module.Version) (string, error) {
	ep, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, filepath.FromSlash(ep), "@v"), nil
}

// write puts the files of m into the proxy and adds its version to the module's list.
func write(out string, m module.Version, files map[string][]byte) error {
	dir, err := versionDir(out, m)
	if err != nil {
		return err
	}
	ev, err := module.EscapeVersion(m.Version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for ext, data := range files {
		if err := os.WriteFile(filepath.Join(dir, ev+ext), data, 0o644); err != nil {
			return err
		}
	}
	listFile := filepath.Join(dir, "list")
	old, err := os.ReadFile(listFile)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	versions := strings.Fields(string(old))
	if !slices.Contains(versions, m.Version) {
		versions = append(versions, m.Version)
	}
	slices.Sort(versions)
	return os.WriteFile(listFile, []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}
