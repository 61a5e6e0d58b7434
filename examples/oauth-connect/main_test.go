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
