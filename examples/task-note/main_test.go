package main

import (
	"bufio"
	"context"
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
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fake is a ghltest server the receiver writes to as if it were HighLevel, on a simulated clock shared with
// the client so that the rate limiter never waits for real.
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

func (f *fake) env(k string) string {
	return map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}[k]
}

// receiver starts the handler behind an httptest server, trusting signer.
func (f *fake) receiver(t *testing.T, signer *ghltest.WebhookSigner, logs io.Writer) string {
	t.Helper()
	client, err := ghl.NewClient(ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk),
		ghl.WithTokenSource(auth.PrivateToken(f.token)), ghl.WithLocationID(f.loc))
	require.NoError(t, err)
	h, err := newHandler(client, testLogger(logs), webhook.WithPublicKeys(signer.PublicKey()))
	require.NoError(t, err)
	rcv := httptest.NewServer(h)
	t.Cleanup(rcv.Close)
	return rcv.URL
}

func TestOneNotePerCompletedTask(t *testing.T) {
	f := newFake(t)
	signer := ghltest.NewWebhookSigner()
	url := f.receiver(t, signer, io.Discard)
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada"})
	task := f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Call back", DueDate: time.Now(), Completed: true})
	first, err := taskComplete(f.loc, task, time.Now())
	require.NoError(t, err)
	again, err := taskComplete(f.loc, task, time.Now()) // a fresh webhookId: as after a restart of the receiver
	require.NoError(t, err)
	wantBody := "Task completed: Call back (task " + task.ID + ")"

	for i, body := range [][]byte{first, first, again} {
		d, err := signer.Deliver(t.Context(), url, body)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, d.StatusCode, "delivery %d", i)
		notes := f.srv.Notes(c.ID)
		require.Len(t, notes, 1, "after delivery %d", i)
		assert.Equal(t, wantBody, notes[0].Body)
	}
	assert.Len(t, f.srv.RequestsTo("GET", "/contacts/{contactId}/notes"), 2, "the replay reached the API")
	assert.Len(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/notes"), 1)
}

// A failed note answers 429, so that HighLevel delivers again; the retry adds the note once. A note HighLevel
// made although its answer was lost is found by the SDK at once, so that delivery succeeds.
func TestFailureIsRetriedWithoutADuplicate(t *testing.T) {
	tests := []struct {
		name         string
		madeAnyway   bool
		wantCreates  int
		wantAfterOne int
		wantFirst    int
	}{
		{"note not made", false, 2, 0, http.StatusTooManyRequests},
		{"note made, answer lost", true, 1, 1, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			signer := ghltest.NewWebhookSigner()
			url := f.receiver(t, signer, io.Discard)
			c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada"})
			task := f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Call back", DueDate: time.Now()})
			f.srv.InjectFault("POST", "/contacts/{contactId}/notes", ghltest.Fault{Status: 500, AfterHandler: tt.madeAnyway})
			body, err := taskComplete(f.loc, task, time.Now())
			require.NoError(t, err)

			d, err := signer.Deliver(t.Context(), url, body)
			require.NoError(t, err)
			assert.Equal(t, tt.wantFirst, d.StatusCode)
			assert.Len(t, f.srv.Notes(c.ID), tt.wantAfterOne)

			d, err = signer.Deliver(t.Context(), url, body) // HighLevel's retry repeats the delivery
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, d.StatusCode)
			assert.Len(t, f.srv.Notes(c.ID), 1)
			assert.Len(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/notes"), tt.wantCreates)
		})
	}
}

func TestIgnoredEvents(t *testing.T) {
	f := newFake(t)
	signer := ghltest.NewWebhookSigner()
	var logs strings.Builder
	url := f.receiver(t, signer, &logs)
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada"})
	task := ghltest.Task{ID: "t1", ContactID: c.ID, Title: "x"}
	gone, err := taskComplete(f.loc, ghltest.Task{ID: "t2", ContactID: "deleted-contact", Title: "x"}, time.Now())
	require.NoError(t, err)
	elsewhere, err := taskComplete("other-location", task, time.Now())
	require.NoError(t, err)
	tests := []struct {
		name string
		body []byte
		opts []ghltest.WebhookDeliveryOption
		want int
	}{
		{"contact gone", gone, nil, http.StatusOK},
		{"other location", elsewhere, nil, http.StatusOK},
		{"another event type", ghltest.WebhookPayload(webhook.TypeTaskCreate, time.Now()), nil, http.StatusOK},
		{"unsigned", elsewhere, []ghltest.WebhookDeliveryOption{ghltest.WithoutWebhookSignature()}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		d, err := signer.Deliver(t.Context(), url, tt.body, tt.opts...)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, d.StatusCode, tt.name)
	}
	assert.Empty(t, f.srv.Notes(c.ID))
	assert.Empty(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/notes"))
	assert.Contains(t, logs.String(), `msg="contact gone, no note" contactId=deleted-contact`)
	assert.Contains(t, logs.String(), `msg="task of another location ignored" locationId=other-location`)
}

func TestDemo(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), []string{"-demo"}, func(string) string { return "" }, &out,
		ghl.WithClock(clock.NewFake(time.Now()))))
	got := out.String()
	want := []string{
		"No GHL_TOKEN set: using the in-memory fake HighLevel",
		"receiver listening on http://127.0.0.1:",
		`task "Send the contract" of Ada Lovelace completed`,
		`msg="completed task noted"`,
		"delivered signed TaskComplete -> 200 OK",
		`msg="webhook replay ignored" type=TaskComplete`,
		"delivered the same delivery again -> 200 OK",
		"notes of Ada Lovelace: 1",
		"  Task completed: Send the contract (task ",
	}
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		require.GreaterOrEqual(t, i, 0, "missing or out of order: %q\nin:\n%s", w, got)
		rest = rest[i+len(w):]
	}
	assert.True(t, strings.HasPrefix(got, want[0]))
}

func TestServe(t *testing.T) {
	f := newFake(t)
	signer := ghltest.NewWebhookSigner()
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte(signer.PublicKeyPEM()), 0o600))
	c := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, FirstName: "Ada"})
	task := f.srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Call back", DueDate: time.Now()})

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-path", "/hooks", "-public-key", keyFile}, f.env, pw,
			ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk))
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	require.True(t, lines.Scan())
	assert.Contains(t, lines.Text(), "Using the API at "+f.srv.URL+" for location loc-1.")
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

	body, err := taskComplete(f.loc, task, time.Now())
	require.NoError(t, err)
	d, err := signer.Deliver(ctx, url, body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, d.StatusCode)
	other, err := ghltest.NewWebhookSigner().Deliver(ctx, url, body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, other.StatusCode, "a key other than the one given is trusted")

	cancel()
	require.NoError(t, <-done)
	logs := <-rest
	assert.Contains(t, logs, `msg="completed task noted" contactId=`+c.ID)
	assert.NotContains(t, logs, f.token)
	assert.Len(t, f.srv.Notes(c.ID), 1)
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
		{"missing key file", both, []string{"-public-key", "/nonexistent/key.pem"}, "no such file"},
		{"bad address", both, []string{"-addr", "127.0.0.1:-1"}, "invalid port"},
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

func testLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(&kit.LockedWriter{W: w}, &slog.HandlerOptions{ReplaceAttr: kit.DropTime}))
}
