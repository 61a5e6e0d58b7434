package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveJSONReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.checkpoint")
	require.NoError(t, saveJSON(path, map[string]int{"count": 1}))
	require.NoError(t, saveJSON(path, map[string]int{"count": 2}))
	var got map[string]int
	require.NoError(t, loadJSON(path, &got))
	assert.Equal(t, 2, got["count"])
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left behind")

	assert.ErrorIs(t, loadJSON(filepath.Join(dir, "none"), &got), errNoCheckpoint)
	writeFile(t, path, `{"count":`)
	err = loadJSON(path, &got)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--restart")
	require.NoError(t, removeCheckpoint(path))
	require.NoError(t, removeCheckpoint(path), "removing a missing checkpoint is fine")
}

func TestTruncateTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	writeFile(t, path, "line 1\nline 2\nhalf a li")
	f, err := truncateTail(path, 14)
	require.NoError(t, err)
	_, err = f.WriteString("line 3\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "line 1\nline 2\nline 3\n", string(b))

	_, err = truncateTail(path, 1000)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cut short")
	_, err = truncateTail(filepath.Join(t.TempDir(), "missing"), 0)
	assert.Error(t, err)
}

func TestFingerprintTellsJobsApart(t *testing.T) {
	a := fingerprint("export", "loc", "q", []string{"tags=vip"})
	assert.Equal(t, a, fingerprint("export", "loc", "q", []string{"tags=vip"}))
	assert.NotEqual(t, a, fingerprint("export", "loc", "q", []string{"tags=lead"}))
	assert.NotEqual(t, a, fingerprint("export", "loc2", "q", []string{"tags=vip"}))
}
