package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunAgainstTheFake(t *testing.T) {
	t.Setenv("GHL_CLIENT_ID", "")
	t.Setenv("GHL_CLIENT_SECRET", "")
	t.Setenv("GHL_REDIRECT_URL", "")
	dir := filepath.Join(t.TempDir(), "tokens")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"-store", dir}, &out), "output:\n%s", out.String())

	text := out.String()
	assert.Contains(t, text, "No GHL_CLIENT_ID set")
	assert.Contains(t, text, "ghltest")
	assert.Contains(t, text, "/oauth/chooselocation?")
	assert.Contains(t, text, "scope=contacts.readonly+contacts.write")
	assert.Contains(t, text, "has 1 contact(s)")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var tokenFile string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			tokenFile = filepath.Join(dir, e.Name())
		}
	}
	require.NotEmpty(t, tokenFile, "a token file was saved")
	assert.Contains(t, text, tokenFile)
	info, err := os.Stat(tokenFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	b, err := os.ReadFile(tokenFile)
	require.NoError(t, err)
	tok, err := auth.UnmarshalToken(b)
	require.NoError(t, err)
	assert.Equal(t, auth.Location, tok.UserType)
	assert.NotEmpty(t, tok.RefreshToken)
	assert.NotContains(t, text, tok.AccessToken)
	assert.NotContains(t, text, tok.RefreshToken)
	assert.NotContains(t, text, "demo-secret")
}

func TestRunNeedsTheSecret(t *testing.T) {
	t.Setenv("GHL_CLIENT_ID", "some-client")
	t.Setenv("GHL_CLIENT_SECRET", "")
	var out bytes.Buffer
	err := run(context.Background(), []string{"-store", t.TempDir() + "/tokens"}, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GHL_CLIENT_SECRET")
}

// Against the fake the token goes where it is asked to, and otherwise to a temporary directory that is gone at
// exit: nothing is written under the user's home.
func TestRunAgainstTheFakeLeavesTheHomeAlone(t *testing.T) {
	cases := []struct {
		name     string
		envDir   bool
		wantKept bool
	}{
		{"no -store and no GHL_TOKEN_DIR: a temporary directory", false, false},
		{"GHL_TOKEN_DIR asks for a directory", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GHL_CLIENT_ID", "")
			t.Setenv("GHL_CLIENT_SECRET", "")
			t.Setenv("GHL_REDIRECT_URL", "")
			home, tmp := t.TempDir(), t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			t.Setenv("TMPDIR", tmp)
			asked := filepath.Join(t.TempDir(), "asked")
			t.Setenv("GHL_TOKEN_DIR", "")
			if c.envDir {
				t.Setenv("GHL_TOKEN_DIR", asked)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var out bytes.Buffer
			require.NoError(t, run(ctx, nil, &out), "output:\n%s", out.String())
			assert.Contains(t, out.String(), "has 1 contact(s)")

			homeEntries, err := os.ReadDir(home)
			require.NoError(t, err)
			assert.Empty(t, homeEntries, "nothing is written under the home directory")
			tmpEntries, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, tmpEntries, "the temporary directory is removed at exit")
			kept, err := os.ReadDir(asked)
			if !c.wantKept {
				assert.True(t, os.IsNotExist(err))
				assert.Contains(t, out.String(), "removed at exit")
				assert.Contains(t, out.String(), tmp, "the output says where the token went")
				return
			}
			require.NoError(t, err)
			var names []string
			for _, e := range kept {
				names = append(names, e.Name())
			}
			assert.Contains(t, strings.Join(names, " "), ".json", "the token file is where GHL_TOKEN_DIR said")
			assert.Contains(t, out.String(), asked)
		})
	}
}
