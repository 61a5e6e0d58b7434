package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/require"
)

const testLocation = "loc-1"

// fake is a ghltest server with a token for testLocation. The server and the command share a simulated
// clock, so that the rate limit is kept without waiting for it.
type fake struct {
	srv   *ghltest.Server
	clk   *clock.Fake
	token string
}

func newFake(t testing.TB, opts ...ghltest.Option) *fake {
	t.Helper()
	clk := clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	srv := ghltest.NewServer(append([]ghltest.Option{ghltest.WithLocation(testLocation), ghltest.WithClock(clk)}, opts...)...)
	t.Cleanup(srv.Close)
	return &fake{srv: srv, clk: clk, token: srv.IssueToken(testLocation)}
}

// getenv is the environment of a user with a Private Integration Token for testLocation.
func (f *fake) getenv(extra ...string) func(string) string {
	vars := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": testLocation}
	for i := 0; i+1 < len(extra); i += 2 {
		vars[extra[i]] = extra[i+1]
	}
	return func(k string) string { return vars[k] }
}

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command in-process, with --base-url pointing at f and --quiet, and seams set by mods.
func (f *fake) run(ctx context.Context, args []string, mods ...func(*env)) result {
	var stdout, stderr bytes.Buffer
	e := &env{getenv: f.getenv(), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, clock: f.clk}
	for _, m := range mods {
		m(e)
	}
	if len(args) > 0 && (args[0] == "export" || args[0] == "import") {
		args = append([]string{args[0], "--base-url", f.srv.URL, "--quiet"}, args[1:]...)
	}
	code := run(ctx, args, e)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// afterAnswers is an HTTP transport that calls do once n answers to path have come back: a Ctrl-C (or a
// fault) at a known point, without sleeping.
type afterAnswers struct {
	base http.RoundTripper
	path string
	n    int64
	seen atomic.Int64
	do   func()
}

func (a *afterAnswers) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := a.base.RoundTrip(r)
	if r.URL.Path == a.path && a.seen.Add(1) == a.n {
		a.do()
	}
	return resp, err
}

// cancelAfter cancels ctx once n answers to path have come back.
func cancelAfter(path string, n int64, cancel context.CancelFunc) *afterAnswers {
	return &afterAnswers{base: http.DefaultTransport, path: path, n: n, do: cancel}
}

func withHTTP(rt http.RoundTripper) func(*env) {
	return func(e *env) { e.httpClient = &http.Client{Transport: rt} }
}

// readJSONL returns the IDs of the contacts of a jsonl export, in order.
func readJSONL(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var c struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c), "line %q", sc.Text())
		ids = append(ids, c.ID)
	}
	require.NoError(t, sc.Err())
	return ids
}

// countOnce checks that got holds each of want exactly once and nothing else.
func countOnce(t *testing.T, want, got []string) {
	t.Helper()
	seen := make(map[string]int, len(got))
	for _, id := range got {
		seen[id]++
	}
	var dup, missing []string
	for id, n := range seen {
		if n > 1 {
			dup = append(dup, id)
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			missing = append(missing, id)
		}
	}
	require.Empty(t, dup, "contacts written more than once")
	require.Empty(t, missing, "contacts missing")
	require.Len(t, got, len(want))
}

func tempPath(t *testing.T, name string) string {
	return filepath.Join(t.TempDir(), name)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
}
