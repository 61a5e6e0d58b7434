package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFault(t *testing.T) {
	tests := []struct {
		in      string
		want    faultFlag
		wantErr string
	}{
		{"POST /contacts/=500x2", faultFlag{"POST", "/contacts/", ghltest.Fault{Status: 500, Times: 2}}, ""},
		{"get /contacts/{contactId}=429", faultFlag{"GET", "/contacts/{contactId}", ghltest.Fault{Status: 429, Times: 1}}, ""},
		{" PUT  /contacts/{contactId} = reset x3", faultFlag{"PUT", "/contacts/{contactId}", ghltest.Fault{Reset: true, Times: 3}}, ""},
		{"POST /contacts/search=truncate", faultFlag{"POST", "/contacts/search", ghltest.Fault{Truncate: true, Times: 1}}, ""},
		{"GET /contacts/=stall", faultFlag{"GET", "/contacts/", ghltest.Fault{Stall: true, Times: 1}}, ""},
		{"POST /contacts/", faultFlag{}, "no ="},
		{"/contacts/=500", faultFlag{}, "no method and route"},
		{"POST contacts=500", faultFlag{}, "no method and route"},
		{"FETCH /contacts/=500", faultFlag{}, "unknown method FETCH"},
		{"POST /contacts/=700", faultFlag{}, "status must be"},
		{"POST /contacts/=oops", faultFlag{}, "status must be"},
		{"POST /contacts/=500x0", faultFlag{}, "times must be"},
		{"POST /contacts/=500xx", faultFlag{}, "times must be"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseFault(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), "'METHOD /route=STATUS[xTIMES]'", "the error shows the form")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		check   func(t *testing.T, c config)
		wantErr string
	}{
		{"defaults", nil, func(t *testing.T, c config) {
			assert.Equal(t, "127.0.0.1:8080", c.addr)
			assert.Equal(t, 100, c.seed)
			assert.True(t, c.rateLimit)
			assert.False(t, c.strictVersion)
			assert.Regexp(t, `^pit-[0-9a-f]{32}$`, c.token)
			assert.Regexp(t, `^[A-Za-z0-9]{20}$`, c.location)
		}, ""},
		{"everything", []string{"-addr", ":9", "-seed", "7", "-token", "pit-x", "-location", "loc1", "-strict-version",
			"-rate-limit=false", "-burst", "5", "-window", "1s", "-daily", "9", "-webhook", "http://127.0.0.1:1/hook",
			"-fault", "POST /contacts/=500", "-fault", "GET /contacts/=reset"}, func(t *testing.T, c config) {
			assert.Equal(t, config{addr: ":9", token: "pit-x", location: "loc1", seed: 7, strictVersion: true,
				burst: 5, daily: 9, window: 1e9, webhookURL: "http://127.0.0.1:1/hook", faults: []faultFlag{
					{"POST", "/contacts/", ghltest.Fault{Status: 500, Times: 1}},
					{"GET", "/contacts/", ghltest.Fault{Reset: true, Times: 1}},
				}}, c)
		}, ""},
		{"bad fault", []string{"-fault", "POST /contacts/"}, nil, "no ="},
		{"negative seed", []string{"-seed", "-1"}, nil, "-seed"},
		{"zero burst", []string{"-burst", "0"}, nil, "-burst"},
		{"webhook not a URL", []string{"-webhook", "localhost:9000"}, nil, "not an http(s) URL"},
		{"stray argument", []string{"serve"}, nil, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, c)
		})
	}
}

// started is a run of the command in this process, on a free port.
type started struct {
	env  map[string]string
	stop func() int // interrupts the command and returns its exit code
}

// start runs the command with args and reads the KEY=value lines it prints first.
func start(t *testing.T, keys int, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), w, io.Discard)
		_ = w.Close()
	}()
	s := &started{env: map[string]string{}, stop: sync.OnceValue(func() int {
		cancel()
		return <-code
	})}
	t.Cleanup(func() { s.stop() })
	sc := bufio.NewScanner(out)
	for range keys {
		require.True(t, sc.Scan(), "the command prints its KEY=value lines")
		k, v, ok := strings.Cut(sc.Text(), "=")
		require.True(t, ok, "line %q", sc.Text())
		s.env[k] = v
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return s
}

func (s *started) get(t *testing.T, path, version string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.env["GHL_BASE_URL"]+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+s.env["GHL_TOKEN"])
	req.Header.Set("Version", version)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestRunPrintsHowToReachItAndServes(t *testing.T) {
	s := start(t, 3, "-seed", "12", "-token", "pit-test", "-location", "loc-test")
	assert.Regexp(t, `^http://127\.0\.0\.1:[0-9]+$`, s.env["GHL_BASE_URL"])
	assert.Equal(t, "pit-test", s.env["GHL_TOKEN"])
	assert.Equal(t, "loc-test", s.env["GHL_LOCATION_ID"])
	list := "/contacts/?locationId=loc-test&limit=100"
	assert.Equal(t, http.StatusOK, s.get(t, list, ghltest.APIVersion))
	assert.Equal(t, http.StatusOK, s.get(t, list, ghltest.NodeSDKVersion), "lenient by default")
	assert.Equal(t, 0, s.stop(), "an interrupt ends it cleanly")
	_, err := http.Get(s.env["GHL_BASE_URL"])
	assert.Error(t, err, "and it no longer listens")
}

func TestRunStrictVersionAndRateLimit(t *testing.T) {
	s := start(t, 3, "-seed", "1", "-strict-version", "-burst", "2", "-window", "1h")
	list := "/contacts/?locationId=" + s.env["GHL_LOCATION_ID"]
	assert.Equal(t, http.StatusBadRequest, s.get(t, list, ghltest.NodeSDKVersion))
	assert.Equal(t, http.StatusOK, s.get(t, list, ghltest.APIVersion))
	assert.Equal(t, http.StatusOK, s.get(t, list, ghltest.APIVersion))
	assert.Equal(t, http.StatusTooManyRequests, s.get(t, list, ghltest.APIVersion), "a burst of 2 per hour")

	off := start(t, 3, "-seed", "1", "-rate-limit=false", "-burst", "1")
	list = "/contacts/?locationId=" + off.env["GHL_LOCATION_ID"]
	for range 5 {
		assert.Equal(t, http.StatusOK, off.get(t, list, ghltest.APIVersion), "no limit")
	}
}

func TestRunInjectsFaults(t *testing.T) {
	s := start(t, 3, "-seed", "1", "-fault", "GET /contacts/=503x2")
	list := "/contacts/?locationId=" + s.env["GHL_LOCATION_ID"]
	assert.Equal(t, http.StatusServiceUnavailable, s.get(t, list, ghltest.APIVersion))
	assert.Equal(t, http.StatusServiceUnavailable, s.get(t, list, ghltest.APIVersion))
	assert.Equal(t, http.StatusOK, s.get(t, list, ghltest.APIVersion), "two times, then the normal answer")
}

func TestRunPrintsTheWebhookKey(t *testing.T) {
	s := start(t, 4, "-seed", "0", "-webhook", "http://127.0.0.1:1/hook", "-webhook-seed", "k")
	assert.Equal(t, ghltest.NewWebhookSignerFromSeed("k").PublicKeyBase64(), s.env["GHL_WEBHOOK_PUBLIC_KEY"])
}

func TestRunRefusesBadFlagsAndBusyAddresses(t *testing.T) {
	assert.Equal(t, 2, run(context.Background(), []string{"-fault", "nope"}, io.Discard, io.Discard))
	assert.Equal(t, 0, run(context.Background(), []string{"-h"}, io.Discard, io.Discard))
	assert.Equal(t, 1, run(context.Background(), []string{"-addr", "256.0.0.1:1"}, io.Discard, io.Discard))
}
