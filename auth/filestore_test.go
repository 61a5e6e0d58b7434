package auth_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileStorePermissionsAndAtomicity(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "tokens")
	s, err := auth.NewFileStore(dir)
	require.NoError(t, err)
	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())

	put(t, s, storetest.Key(1), storetest.SampleToken(1))
	put(t, s, storetest.Key(1), storetest.SampleToken(2))
	info, err = os.Stat(s.Path(storetest.Key(1)))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Len(t, names, 2, "one token file and its lock file, no temporary files left: %v", names)
	for _, n := range names {
		assert.NotContains(t, n, "/")
		assert.True(t, strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".lock"), n)
	}
}

func TestFileStoreRefusesASharedDirectory(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o755))
	_, err := auth.NewFileStore(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "0755")
}

// A process killed while it holds a key's lock must not block the others: the kernel drops its flock.
func TestFileStoreLockOfAKilledProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tokens")
	s, err := auth.NewFileStore(dir)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=hold-lock", "GHL_AUTH_STORE_DIR="+dir)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stdin, err := cmd.StdinPipe() // never written: the child waits on it forever
	require.NoError(t, err)
	defer stdin.Close()
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, err = s.Lock(ctx, storetest.Key(1))
	cancel()
	require.ErrorIs(t, err, context.DeadlineExceeded, "the child holds the lock")

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	err = cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the child was killed: %v", err)

	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	lk, err := s.Lock(ctx, storetest.Key(1))
	require.NoError(t, err, "the lock of a killed process is released")
	require.NoError(t, lk.Unlock())
}

// holdLock is the child of TestFileStoreLockOfAKilledProcess.
func holdLock() {
	s, err := auth.NewFileStore(os.Getenv("GHL_AUTH_STORE_DIR"))
	if err != nil {
		panic(err)
	}
	if _, err := s.Lock(context.Background(), storetest.Key(1)); err != nil {
		panic(err)
	}
	os.Stdout.WriteString("locked\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	os.Exit(3)
}
