package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goTool is the go command on PATH, the one running the tests.
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds the binaries under test")
	return p
}

// build compiles pkg into dir and returns the binary's path.
func build(t *testing.T, dir, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command(goTool(t), "build", "-o", out, pkg)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build %s: %s", pkg, b)
	return out
}

// The standalone fake as a user runs it: cmd/ghltest as a process, then ghl export against the base URL,
// token and location it prints.
func TestExportAgainstStandaloneFake(t *testing.T) {
	dir := t.TempDir()
	fake := build(t, dir, "github.com/ghlkit/ghl/cmd/ghltest")
	ghlBin := build(t, dir, "github.com/ghlkit/ghl/cmd/ghl")

	srv := exec.Command(fake, "-addr", "127.0.0.1:0", "-seed", "1200")
	stdout, err := srv.StdoutPipe()
	require.NoError(t, err)
	errPath := filepath.Join(dir, "ghltest.stderr")
	errFile, err := os.Create(errPath)
	require.NoError(t, err)
	defer errFile.Close()
	srv.Stderr = errFile
	srvErr := func() string { b, _ := os.ReadFile(errPath); return string(b) }
	require.NoError(t, srv.Start())
	exited := make(chan error, 1)
	waiting, stopped := false, false
	t.Cleanup(func() {
		if stopped {
			return
		}
		_ = srv.Process.Kill() // a failed check left it running
		if waiting {
			<-exited
		} else {
			_ = srv.Wait()
		}
	})
	env := map[string]string{}
	sc := bufio.NewScanner(stdout)
	for range 3 {
		require.True(t, sc.Scan(), "first lines of ghltest; stderr: %s", srvErr())
		k, v, ok := strings.Cut(sc.Text(), "=")
		require.True(t, ok, "a KEY=value line: %q", sc.Text())
		env[k] = v
	}
	require.Contains(t, env, "GHL_BASE_URL")
	require.Contains(t, env, "GHL_TOKEN")
	require.Contains(t, env, "GHL_LOCATION_ID")
	waiting = true
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		exited <- srv.Wait()
	}()

	out := filepath.Join(dir, "contacts.jsonl")
	export := exec.Command(ghlBin, "export", "--out", out, "--quiet")
	export.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	for k, v := range env {
		export.Env = append(export.Env, k+"="+v)
	}
	msg, err := export.CombinedOutput()
	require.NoError(t, err, "ghl export: %s", msg)

	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	ids := map[string]bool{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		var c map[string]any
		require.NoError(t, json.Unmarshal(lines.Bytes(), &c), "line %d", len(ids)+1)
		assert.Equal(t, env["GHL_LOCATION_ID"], c["locationId"])
		assert.NotContains(t, c, "name", "the fake answers as HighLevel does")
		assert.Contains(t, c, "firstNameLowerCase")
		ids[c["id"].(string)] = true
	}
	require.NoError(t, lines.Err())
	assert.Len(t, ids, 1200, "every seeded contact once")
	assert.Contains(t, string(msg), "1,200")

	require.NoError(t, srv.Process.Signal(os.Interrupt))
	err = <-exited
	stopped = true
	assert.NoError(t, err, "an interrupt stops ghltest cleanly; stderr: %s", srvErr())
	assert.Contains(t, srvErr(), "ghltest: stopping")
}
