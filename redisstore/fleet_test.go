package redisstore_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/stretchr/testify/require"
)

// The fleet tests run replicas as OS processes (this test binary, re-executed) that share one Redis and one
// ghltest server, which enforces HighLevel's 100 requests per sliding 10 s.
//
// Time: processes cannot share an in-memory fake clock, and Redis keeps the shared budget on its own clock,
// which is real time. So the fleet shares a clock that every process computes from the same start and speed:
// fleetClock runs fleetSpeed times faster than real time from a start the parent passes on. ghltest reads it
// (its 10 s window lasts 2 real seconds), the replicas' clients wait on it (a 429's 10 s back-off lasts two
// real seconds), their apps read token expiry from it, and their Redis limiters are given the budget scaled
// the same way (100 per 10 s / fleetSpeed of Redis' clock). A run of 600 requests then takes about 13 real
// seconds instead of a minute, and every figure is reported in the fleet's time, as HighLevel would see it.
const (
	fleetSpeed      = 5
	fleetProcesses  = 3
	fleetGoroutines = 20
	fleetClientID   = "fleet-client.app"
	fleetSecret     = "fleet-client-secret-7c2a"
	fleetLocation   = "loc1"
)

// fleetClock is a clock that runs speed times faster than real time from start.
type fleetClock struct {
	start time.Time
	speed int64
}

func newFleetClock() fleetClock { return fleetClock{start: time.Now().Round(0), speed: fleetSpeed} }

// Now is start plus speed times the real time since start.
func (c fleetClock) Now() time.Time { return c.start.Add(time.Since(c.start) * time.Duration(c.speed)) }

// SleepUntil waits until this clock reads t: 1/speed of the difference in real time.
func (c fleetClock) SleepUntil(ctx context.Context, t time.Time) error {
	d := t.Sub(c.Now())
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d / time.Duration(c.speed))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// fleet is the parent's side: Redis, ghltest on the fleet clock, an OAuth token stored in Redis, and the
// replicas.
type fleet struct {
	t       *testing.T
	redis   *redisServer
	srv     *ghltest.Server
	clk     fleetClock
	store   *redisstore.TokenStore
	key     auth.Key
	contact ghltest.Contact
	workers []*worker
}

func newFleet(t *testing.T) *fleet {
	t.Helper()
	f := &fleet{t: t, redis: startRedis(t), clk: newFleetClock()}
	f.srv = ghltest.NewServer(ghltest.WithClock(f.clk), ghltest.WithLocation(fleetLocation))
	t.Cleanup(f.srv.Close)
	f.srv.RegisterApp(ghltest.App{ClientID: fleetClientID, ClientSecret: fleetSecret})
	f.contact = f.srv.AddContact(ghltest.Contact{LocationID: fleetLocation, FirstName: "Ada"})
	f.store = redisstore.NewTokenStore(f.redis.Client(), redisstore.TokenStoreOptions{})
	f.key = auth.Key{ClientID: fleetClientID, UserType: auth.Location, ID: fleetLocation}
	p := f.srv.IssueOAuthPair(fleetLocation)
	now := f.clk.Now()
	save(t, f.store, f.key, &auth.Token{AccessToken: p.AccessToken, RefreshToken: p.RefreshToken, TokenType: "Bearer",
		IssuedAt: now, Expiry: now.Add(p.ExpiresIn), Scopes: p.Scopes, UserType: auth.Location,
		LocationID: fleetLocation, CompanyID: f.srv.CompanyID()})
	return f
}

// env is what a child needs to join the fleet.
func (f *fleet) env(role string, extra ...string) []string {
	return append(append(os.Environ(), childEnv+"="+role,
		"FLEET_URL="+f.srv.URL, "FLEET_REDIS="+f.redis.Addr, "FLEET_CONTACT="+f.contact.ID,
		"FLEET_START="+strconv.FormatInt(f.clk.start.UnixNano(), 10)), extra...)
}

// start runs n replicas.
func (f *fleet) start(n int, extra ...string) {
	f.t.Helper()
	for range n {
		f.workers = append(f.workers, startWorker(f.t, f.env("fleet-worker", extra...)))
	}
}

// phase has every replica run each requests per goroutine, and returns what they reported and how long it
// took on the fleet's clock.
func (f *fleet) phase(each int) (phaseResult, time.Duration) {
	f.t.Helper()
	start := f.clk.Now()
	for _, w := range f.workers {
		_, err := fmt.Fprintf(w.stdin, "run %d\n", each)
		require.NoError(f.t, err)
	}
	var total phaseResult
	for _, w := range f.workers {
		total.add(w.read(f.t))
	}
	return total, f.clk.Now().Sub(start)
}

// stop ends the replicas; each must exit 0 (a panic exits 2).
func (f *fleet) stop() string {
	f.t.Helper()
	var logs strings.Builder
	for _, w := range f.workers {
		require.NoError(f.t, w.stdin.Close())
		require.NoError(f.t, w.cmd.Wait(), "replica stderr:\n%s", w.stderr.String())
		logs.WriteString(w.stderr.String())
	}
	return logs.String()
}

func (f *fleet) stored() *auth.Token {
	f.t.Helper()
	tok, err := f.store.Load(ctxT(f.t), f.key)
	require.NoError(f.t, err)
	return tok
}

// expire makes the server refuse the stored access token from now on, as HighLevel does once it expires.
func (f *fleet) expire() {
	f.t.Helper()
	require.True(f.t, f.srv.ExpireToken(f.stored().AccessToken))
}

// secrets lists every credential that went over the wire and the ones stored now.
func (f *fleet) secrets() []string {
	set := map[string]bool{fleetSecret: true}
	for _, r := range f.srv.Requests() {
		if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			set[v] = true
		}
		if form, err := url.ParseQuery(string(r.Body)); err == nil {
			set[form.Get("refresh_token")] = true
		}
	}
	if tok, err := f.store.Load(ctxT(f.t), f.key); err == nil {
		set[tok.AccessToken], set[tok.RefreshToken] = true, true
	}
	delete(set, "")
	var list []string
	for s := range set {
		list = append(list, s)
	}
	return list
}

// peakWindow is the largest number of requests the server accepted within any window of its clock.
func (f *fleet) peakWindow(window time.Duration) int {
	var at []time.Time
	for _, r := range f.srv.Requests() {
		if r.Status >= 200 && r.Status < 300 && r.Route == "/contacts/{contactId}" {
			at = append(at, r.At)
		}
	}
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	peak, j := 0, 0
	for i := range at {
		for at[i].Sub(at[j]) >= window {
			j++
		}
		peak = max(peak, i-j+1)
	}
	return peak
}

// phaseResult is what replicas report for a phase.
type phaseResult struct {
	ok, failed, limited int
	errors              []string
}

func (r *phaseResult) add(o phaseResult) {
	r.ok += o.ok
	r.failed += o.failed
	r.limited += o.limited
	r.errors = append(r.errors, o.errors...)
}

// worker is one replica process: it runs a phase for each line "run N" on stdin and answers
// "done ok=.. failed=.. limited=..", after an "error: ..." line per failed call.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  *bufio.Scanner
	stderr *syncBuffer
}

func startWorker(t *testing.T, env []string) *worker {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = env
	dieWithParent(cmd)
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

func (w *worker) read(t *testing.T) phaseResult {
	t.Helper()
	var r phaseResult
	for w.lines.Scan() {
		line := w.lines.Text()
		if rest, ok := strings.CutPrefix(line, "done "); ok {
			_, err := fmt.Sscanf(rest, "ok=%d failed=%d limited=%d", &r.ok, &r.failed, &r.limited)
			require.NoError(t, err, "replica said %q", line)
			return r
		}
		r.errors = append(r.errors, strings.TrimPrefix(line, "error: "))
	}
	t.Fatalf("replica stopped: %v; stderr:\n%s", w.lines.Err(), w.stderr.String())
	return r
}
