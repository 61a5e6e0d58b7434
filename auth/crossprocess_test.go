package auth_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	xpProcesses  = 8
	xpGoroutines = 20
	xpPerPhase   = 4 // requests per goroutine per phase
	xpExpiries   = 4 // the access token expires before every phase but the first
)

// worker is one re-executed test binary: it runs a phase of requests each time it reads a line on stdin and
// reports "phase ok=N" (and any "error: ..." lines) on stdout.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  *bufio.Scanner
	stderr *syncBuffer
}

// Eight processes of twenty goroutines share one file store while the server expires the access token
// between phases: every request succeeds, each expiry costs exactly one refresh, and no refresh token is
// ever spent twice.
func TestE2ECrossProcessFileStore(t *testing.T) {
	e := newE2E(t)
	src := e.connect(t, "loc1")
	// The workers run on the wall clock: give the stored token an expiry they see as fresh, so that only the
	// server's expiry (a 401) makes them refresh.
	tok := stored(t, e.store, src.Key())
	tok.IssuedAt, tok.Expiry = time.Now(), time.Now().Add(ghltest.DefaultTokenTTL)
	put(t, e.store, src.Key(), tok)

	workers := make([]*worker, xpProcesses)
	for i := range workers {
		workers[i] = startWorker(t, e)
	}
	total, expiries := 0, 0
	var errLines []string
	for phase := 0; phase <= xpExpiries; phase++ {
		if phase > 0 {
			e.clk.Advance(ghltest.DefaultTokenTTL + time.Second) // every access token issued so far expires
			expiries++
		}
		for _, w := range workers {
			_, err := io.WriteString(w.stdin, "go\n")
			require.NoError(t, err)
		}
		for _, w := range workers {
			ok, errs := w.readPhase(t)
			total += ok
			errLines = append(errLines, errs...)
		}
		require.Equal(t, expiries, e.srv.OAuthStats().Refreshes, "after phase %d", phase)
	}
	var stderr strings.Builder
	for _, w := range workers {
		require.NoError(t, w.stdin.Close())
		require.NoError(t, w.cmd.Wait(), "worker stderr: %s", w.stderr.String())
		stderr.WriteString(w.stderr.String())
	}

	st := e.srv.OAuthStats()
	want := xpProcesses * xpGoroutines * xpPerPhase * (xpExpiries + 1)
	t.Logf("processes=%d goroutines/process=%d requests=%d succeeded=%d expiries=%d refreshes=%d invalid_grant=%d",
		xpProcesses, xpGoroutines, want, total, expiries, st.Refreshes, st.InvalidGrants)
	if len(errLines) > 0 {
		t.Errorf("%d requests failed; the first: %s", len(errLines), errLines[0])
	}
	assert.Equal(t, want, total, "every request succeeds")
	assert.Equal(t, expiries, st.Refreshes, "refreshes = expiries")
	assert.Equal(t, 0, st.InvalidGrants)
	final := stored(t, e.store, src.Key())
	assert.True(t, e.srv.TokenActive(final.AccessToken), "the stored access token is the server's current one")
	assert.True(t, e.srv.TokenActive(final.RefreshToken), "the stored refresh token is the server's current one")
	assert.Contains(t, stderr.String(), "auth: token refreshed and saved")
	checkNoSecrets(t, stderr.String()+strings.Join(errLines, "\n"), e.secrets(t, src.Key()))
}

func startWorker(t *testing.T, e *e2e) *worker {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=cross-process-worker",
		"GHL_XP_URL="+e.srv.URL, "GHL_XP_DIR="+e.store.Dir(), "GHL_XP_CONTACT="+e.contact.ID,
		"GHL_XP_CLIENT_ID="+e2eClientID, "GHL_XP_SECRET="+e2eSecret)
	w := &worker{cmd: cmd, stderr: &syncBuffer{}}
	cmd.Stderr = w.stderr
	var err error
	w.stdin, err = cmd.StdinPipe()
	require.NoError(t, err)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	w.lines = bufio.NewScanner(out)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return w
}

func (w *worker) readPhase(t *testing.T) (ok int, errs []string) {
	t.Helper()
	for w.lines.Scan() {
		line := w.lines.Text()
		if n, found := strings.CutPrefix(line, "phase ok="); found {
			ok, err := strconv.Atoi(n)
			require.NoError(t, err)
			return ok, errs
		}
		errs = append(errs, line)
	}
	t.Fatalf("worker stopped: %v; stderr: %s", w.lines.Err(), w.stderr.String())
	return 0, nil
}

// crossProcessWorker is the child of TestE2ECrossProcessFileStore.
func crossProcessWorker() {
	store, err := auth.NewFileStore(os.Getenv("GHL_XP_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	app := &auth.App{ClientID: os.Getenv("GHL_XP_CLIENT_ID"), ClientSecret: os.Getenv("GHL_XP_SECRET"),
		BaseURL: os.Getenv("GHL_XP_URL"), Logger: log}
	src := app.Source(store, auth.Key{ClientID: app.ClientID, UserType: auth.Location, ID: "loc1"})
	client, err := ghl.NewClient(ghl.WithBaseURL(app.BaseURL), ghl.WithTokenSource(src), ghl.WithLocationID("loc1"),
		ghl.WithoutRateLimit(), ghl.WithLogger(log))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	path := "/contacts/" + os.Getenv("GHL_XP_CONTACT")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var mu sync.Mutex
		ok := 0
		var wg sync.WaitGroup
		for range xpGoroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range xpPerPhase {
					err := client.Do(context.Background(), http.MethodGet, path, nil, nil)
					mu.Lock()
					if err != nil {
						fmt.Printf("error: %v\n", err)
					} else {
						ok++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		fmt.Printf("phase ok=%d\n", ok)
	}
	os.Exit(0)
}
