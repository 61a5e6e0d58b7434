package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemo(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-demo"}, &out))
	got := out.String()
	want := []string{
		"receiver listening on http://127.0.0.1:",
		`msg="event received" type=ContactCreate`,
		"delivered signed ContactCreate -> 200 OK: accepted and handled",
		`msg="webhook signature rejected" status=401`,
		"delivered tampered ContactCreate (one byte changed after signing) -> 401 Unauthorized: rejected",
		`msg="webhook replay ignored" type=ContactCreate`,
		"delivered replay of the signed ContactCreate -> 200 OK: rejected as a replay",
		"events handled: 1 of 3 deliveries",
	}
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		require.GreaterOrEqual(t, i, 0, "missing or out of order: %q\nin:\n%s", w, got)
		rest = rest[i+len(w):]
	}
	assert.Equal(t, 1, strings.Count(got, "event received"))
	assert.NotContains(t, got, "JohnDeo@gmail.comm", "the log shows personal data")
}

func TestServe(t *testing.T) {
	signer := ghltest.NewWebhookSigner()
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte(signer.PublicKeyPEM()), 0o600))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-path", "/hooks", "-public-key", keyFile, "-legacy"}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	require.True(t, lines.Scan())
	url, ok := strings.CutPrefix(lines.Text(), "listening on ")
	require.True(t, ok, lines.Text())
	rest := make(chan string)
	go func() { // keep draining so the server's logger never blocks
		var b strings.Builder
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()

	body := ghltest.WebhookPayload("TaskComplete", time.Now())
	tests := []struct {
		name string
		opts []ghltest.WebhookDeliveryOption
		want int
	}{
		{"signed", nil, http.StatusOK},
		{"replayed", nil, http.StatusOK},
		{"unsigned", []ghltest.WebhookDeliveryOption{ghltest.WithoutWebhookSignature()}, http.StatusUnauthorized},
		{"GET", []ghltest.WebhookDeliveryOption{ghltest.WithWebhookMethod(http.MethodGet)}, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		d, err := signer.Deliver(ctx, url, body, tt.opts...)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, d.StatusCode, tt.name)
	}
	other, err := ghltest.NewWebhookSigner().Deliver(ctx, url, body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, other.StatusCode, "a key other than the one given is trusted")

	cancel()
	require.NoError(t, <-done)
	logs := <-rest
	assert.Equal(t, 1, strings.Count(logs, `msg="event received" type=TaskComplete`), logs)
	assert.Contains(t, logs, "taskId=5HrB1IbmnKMBXloldFuP")
}

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	badKey := filepath.Join(dir, "bad.pem")
	require.NoError(t, os.WriteFile(badKey, []byte("not a key"), 0o600))
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"help", []string{"-h"}, ""},
		{"unknown flag", []string{"-nope"}, "flag provided but not defined"},
		{"missing key file", []string{"-public-key", filepath.Join(dir, "absent.pem")}, "no such file"},
		{"bad key file", []string{"-public-key", badKey}, "invalid public key"},
		{"bad address", []string{"-addr", "127.0.0.1:-1"}, "invalid port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, &out)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				assert.Contains(t, out.String(), "-demo")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}
