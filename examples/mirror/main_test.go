package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemo(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), []string{"-demo"}, func(string) string { return "" }, &out,
		ghl.WithClock(clock.NewFake(time.Now()))))
	got := out.String()
	want := []string{
		"No GHL_TOKEN set: using the in-memory fake HighLevel",
		"backfill: 3 contacts, 4 tasks, 4 notes",
		"delivered ContactUpdate (Ada: last name)",
		`msg="stale event skipped" type=ContactUpdate`,
		"delivered ContactUpdate (Ada: first name), late",
		`msg="webhook replay ignored" type=NoteCreate`,
		"delivered NoteCreate (Marie), the same delivery again",
		"events: 9 delivered, 7 applied, 1 stale, 1 replays refused",
		"rows: 3 contacts, 4 tasks, 3 notes, 4 tombstones",
		"the mirror holds exactly what the fake holds",
	}
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		require.GreaterOrEqual(t, i, 0, "missing or out of order: %q\nin:\n%s", w, got)
		rest = rest[i+len(w):]
	}
	assert.True(t, strings.HasPrefix(got, want[0]))
}

// fake is a ghltest server on a simulated clock shared with the client, so that the rate limiter never waits
// for real.
type fake struct {
	srv   *ghltest.Server
	clk   *clock.Fake
	loc   string
	token string
}

func newFake(t *testing.T) *fake {
	t.Helper()
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	return &fake{srv: srv, clk: clk, loc: "loc-1", token: srv.IssueToken("loc-1")}
}

func (f *fake) client(t *testing.T) *ghl.Client {
	t.Helper()
	c, err := ghl.NewClient(ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk),
		ghl.WithTokenSource(auth.PrivateToken(f.token)), ghl.WithLocationID(f.loc))
	require.NoError(t, err)
	return c
}

func (f *fake) env(k string) string {
	return map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}[k]
}

func memStore(t *testing.T) *store {
	t.Helper()
	st, err := openStore(t.Context(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// TestBackfillCopiesTheLocation backfills 150 contacts (301 requests) against a fake that enforces HighLevel's
// rate limit on the simulated clock. One worker: with several, the simulated clock jumps while a request is on
// its way and stamps it seconds late, a skew real time does not have.
func TestBackfillCopiesTheLocation(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			f := newFake(t)
			f.srv.SeedContacts(f.loc, 150, ghltest.SeedOptions{})
			for i, c := range f.srv.Contacts(f.loc) {
				for j := range i % 3 {
					f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: fmt.Sprint("task ", j), DueDate: time.Now(), Completed: j == 1})
				}
				if i%2 == 0 {
					f.srv.AddNote(ghltest.Note{ContactID: c.ID, Body: fmt.Sprint("note of ", i)})
				}
			}
			st := memStore(t)
			n, err := backfill(t.Context(), f.client(t), st, workers, time.Now())
			require.NoError(t, err)
			assert.Equal(t, counts{Contacts: 150, Tasks: 150, Notes: 75}, n)
			require.NoError(t, sameAsFake(t.Context(), st, f.srv))
			if workers == 1 {
				assert.Zero(t, f.srv.Stats(f.loc).RateLimited)
			}
		})
	}
}

func TestBackfillStopsAtTheFirstError(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 20, ghltest.SeedOptions{})
	f.srv.InjectFault("GET", "/contacts/{contactId}/notes", ghltest.Fault{Status: 401, Body: `{"statusCode":401,"message":"The token is not authorized for this scope."}`})
	_, err := backfill(t.Context(), f.client(t), memStore(t), 2, time.Now())
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrScope)
	assert.Less(t, len(f.srv.RequestsTo("GET", "/contacts/{contactId}/notes")), 20)
}

// receiver is the mirror's handler behind an httptest server, trusting a ghltest signer.
type receiver struct {
	st     *store
	m      *mirror
	url    string
	signer *ghltest.WebhookSigner
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	st := memStore(t)
	m := &mirror{st: st, locationID: "loc-1", logger: slog.New(slog.DiscardHandler)}
	signer := ghltest.NewWebhookSigner()
	h, err := m.handler(webhook.WithPublicKeys(signer.PublicKey()))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &receiver{st: st, m: m, url: srv.URL, signer: signer}
}

func (r *receiver) deliver(t *testing.T, body []byte) int {
	t.Helper()
	d, err := r.signer.Deliver(t.Context(), r.url, body)
	require.NoError(t, err)
	return d.StatusCode
}

func mustEvent(t *testing.T, typ string, record any, at time.Time) []byte {
	t.Helper()
	body, err := event(typ, "loc-1", record, at)
	require.NoError(t, err)
	return body
}

func (r *receiver) rows(t *testing.T) []string {
	t.Helper()
	rows, err := r.st.liveRows(t.Context())
	require.NoError(t, err)
	return rows
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestAnyOrderEndsTheSame delivers the events of one history in every order, then each again under a fresh
// webhookId (as after a restart of the receiver): the rows always end as the history ends.
func TestAnyOrderEndsTheSame(t *testing.T) {
	base := time.Now().Add(-time.Minute)
	at := func(s int) time.Time { return base.Add(time.Duration(s) * time.Second) }
	ada := ghltest.Contact{ID: "c1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"}
	king := ada
	king.LastName = "King"
	augusta := king
	augusta.FirstName = "Augusta"
	task := ghltest.Task{ID: "t1", ContactID: "c1", Title: "Call", DueDate: base}
	note := ghltest.Note{ID: "n1", ContactID: "c1", Body: "Hello", DateAdded: base}
	edited := note
	edited.Body = "Hello again"

	type ev struct {
		typ    string
		record any
		at     time.Time
	}
	tests := []struct {
		name   string
		events []ev
		want   []string
	}{
		{"contact created then renamed twice", []ev{
			{webhook.TypeContactCreate, ada, at(1)},
			{webhook.TypeContactUpdate, king, at(2)},
			{webhook.TypeContactUpdate, augusta, at(3)},
		}, []string{"contact c1 Augusta King ada@example.com"}},
		{"task created, completed, deleted", []ev{
			{webhook.TypeContactCreate, ada, at(1)},
			{webhook.TypeTaskCreate, task, at(2)},
			{webhook.TypeTaskComplete, task, at(3)},
			{webhook.TypeTaskDelete, task, at(4)},
		}, []string{"contact c1 Ada Lovelace ada@example.com"}},
		{"task created and completed", []ev{
			{webhook.TypeTaskCreate, task, at(2)},
			{webhook.TypeTaskComplete, task, at(3)},
		}, []string{"task t1 of c1: Call, completed true"}},
		{"note created and edited", []ev{
			{webhook.TypeNoteCreate, note, at(2)},
			{webhook.TypeNoteUpdate, edited, at(3)},
		}, []string{"note n1 of c1: Hello again"}},
		{"contact deleted with its task and note", []ev{
			{webhook.TypeContactCreate, ada, at(1)},
			{webhook.TypeTaskCreate, task, at(2)},
			{webhook.TypeNoteCreate, note, at(3)},
			{webhook.TypeContactDelete, ada, at(4)},
		}, nil},
	}
	for _, tt := range tests {
		for _, order := range permutations(len(tt.events)) {
			t.Run(fmt.Sprint(tt.name, order), func(t *testing.T) {
				r := newReceiver(t)
				for range 2 { // event() gives each delivery a fresh webhookId
					for _, i := range order {
						e := tt.events[i]
						require.Equal(t, http.StatusOK, r.deliver(t, mustEvent(t, e.typ, e.record, e.at)))
					}
				}
				assert.Equal(t, tt.want, r.rows(t))
				assert.Equal(t, int64(2*len(order)), r.m.applied.Load()+r.m.stale.Load())
			})
		}
	}
}

func TestReplayIsNotAppliedTwice(t *testing.T) {
	r := newReceiver(t)
	body := mustEvent(t, webhook.TypeNoteCreate, ghltest.Note{ID: "n1", ContactID: "c1", Body: "Hi"}, time.Now())
	assert.Equal(t, http.StatusOK, r.deliver(t, body))
	assert.Equal(t, http.StatusOK, r.deliver(t, body))
	assert.Equal(t, int64(1), r.m.applied.Load()+r.m.stale.Load(), "the replay reached the store")
	assert.Equal(t, []string{"note n1 of c1: Hi"}, r.rows(t))
}

func TestEventsTheMirrorDoesNotKeep(t *testing.T) {
	r := newReceiver(t)
	elsewhere, err := event(webhook.TypeContactCreate, "other-location", ghltest.Contact{ID: "c9", FirstName: "X"}, time.Now())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.deliver(t, elsewhere))
	assert.Equal(t, http.StatusOK, r.deliver(t, ghltest.WebhookPayload(webhook.TypeAppointmentCreate, time.Now())))
	assert.Empty(t, r.rows(t))
	assert.Zero(t, r.m.applied.Load()+r.m.stale.Load())
}

// A write that fails answers 429, so that HighLevel delivers the event again.
func TestStoreFailureAsksForARetry(t *testing.T) {
	r := newReceiver(t)
	require.NoError(t, r.st.Close())
	body := mustEvent(t, webhook.TypeNoteCreate, ghltest.Note{ID: "n1", ContactID: "c1", Body: "Hi"}, time.Now())
	assert.Equal(t, http.StatusTooManyRequests, r.deliver(t, body))
}

func TestChangedAt(t *testing.T) {
	stamp := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		body string
		want time.Time
	}{
		{"dateUpdated in the payload", `{"type":"ContactUpdate","dateUpdated":"2026-04-30T08:00:00.000Z"}`,
			time.Date(2026, 4, 30, 8, 0, 0, 0, time.UTC)},
		{"no dateUpdated", `{"type":"TaskComplete","dateAdded":"2026-04-30T08:00:00.000Z"}`, stamp},
		{"unreadable dateUpdated", `{"type":"ContactUpdate","dateUpdated":"soon"}`, stamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &webhook.Event{Type: "x", Timestamp: stamp, Raw: []byte(tt.body)}
			assert.True(t, tt.want.Equal(changedAt(e)), "got %s", changedAt(e))
		})
	}
}

func TestServe(t *testing.T) {
	f := newFake(t)
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada", Email: "ada@example.com"})
	f.srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "Signed up."})
	dir := t.TempDir()
	signer := ghltest.NewWebhookSigner()
	keyFile := filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte(signer.PublicKeyPEM()), 0o600))
	dbFile := filepath.Join(dir, "mirror.db")

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", dbFile, "-public-key", keyFile}, f.env, pw,
			ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk))
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	next := func() string {
		require.True(t, lines.Scan())
		return lines.Text()
	}
	assert.Equal(t, "Using the API at "+f.srv.URL+" for location loc-1.", next())
	rest, ok := strings.CutPrefix(next(), "listening on ")
	require.True(t, ok)
	url, _, _ := strings.Cut(rest, ", ")
	assert.Equal(t, "backfill: 1 contacts, 0 tasks, 1 notes", next())
	go func() { // keep draining so the server's logger never blocks
		for lines.Scan() {
		}
	}()

	task := ghltest.Task{ID: "t1", ContactID: c.ID, Title: "Call", DueDate: time.Now()}
	d, err := signer.Deliver(ctx, url, mustEvent(t, webhook.TypeTaskCreate, task, time.Now()))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, d.StatusCode)
	cancel()
	require.NoError(t, <-done)

	st, err := openStore(t.Context(), dbFile) // the rows outlive the process
	require.NoError(t, err)
	defer st.Close()
	rows, err := st.liveRows(t.Context())
	require.NoError(t, err)
	assert.Len(t, rows, 3)
	assert.Contains(t, rows, "task t1 of "+c.ID+": Call, completed false")
}

func TestArguments(t *testing.T) {
	both := map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, nil, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, nil, "GHL_TOKEN"},
		{"demo against the real API", both, []string{"-demo"}, "unset GHL_TOKEN"},
		{"no workers", nil, []string{"-workers", "0"}, "-workers"},
		{"missing key file", both, []string{"-public-key", "/nonexistent/key.pem"}, "no such file"},
		{"database in a missing directory", both, []string{"-db", "/nonexistent/dir/mirror.db"}, "mirror.db"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "-demo")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}
