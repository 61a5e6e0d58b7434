package ghltest

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// received is one delivery a receiver got.
type received struct {
	body map[string]any
	ok   bool // the signature verified with the server's key
}

// eventReceiver starts a receiver and returns it with the channel of what it got and the fixture's option.
func eventReceiver(t *testing.T, signer *WebhookSigner) (Option, <-chan received) {
	got := make(chan received, 64)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		sig, _ := base64.StdEncoding.DecodeString(r.Header.Get(WebhookSignatureHeader))
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		got <- received{body: body, ok: ed25519.Verify(signer.PublicKey(), raw, sig)}
	}))
	t.Cleanup(rcv.Close)
	return WithWebhookTarget(WebhookTarget{URL: rcv.URL, Signer: signer, AppID: "app1", VersionID: "ver1"}), got
}

// next waits for the next delivery; a server that never delivers fails by the test binary's timeout.
func next(got <-chan received) received { return <-got }

func TestWritesDeliverSignedEvents(t *testing.T) {
	signer := NewWebhookSignerFromSeed("events")
	opt, got := eventReceiver(t, signer)
	f := newFixture(t, opt)
	assert.Equal(t, signer, f.srv.WebhookSigner())

	id := f.create(t, map[string]any{"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"})
	r := f.do(t, "PUT", "/contacts/"+id, map[string]any{"tags": []string{"vip"}, "dndSettings": map[string]any{"SMS": map[string]any{"status": "active"}}})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	r = f.do(t, "POST", "/contacts/"+id+"/tasks", map[string]any{"title": "Call", "dueDate": "2026-03-03T09:00:00Z", "completed": false})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	taskID := r.json(t)["task"].(map[string]any)["id"].(string)
	r = f.do(t, "PUT", "/contacts/"+id+"/tasks/"+taskID+"/completed", map[string]any{"completed": true})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	r = f.do(t, "POST", "/contacts/"+id+"/notes", map[string]any{"body": "Met at the conference"})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	r = f.do(t, "GET", "/contacts/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	r = f.do(t, "DELETE", "/contacts/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)

	for _, want := range []string{"ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDndUpdate",
		"TaskCreate", "TaskComplete", "NoteCreate", "ContactDelete"} {
		d := next(got)
		assert.True(t, d.ok, "%s is signed with the server's key", want)
		assert.Equal(t, want, d.body["type"])
		assert.Equal(t, f.loc, d.body["locationId"], want)
		assert.Equal(t, "app1", d.body["appId"], want)
		assert.Equal(t, "ver1", d.body["versionId"], want)
		assert.Regexp(t, uuidV4, d.body["webhookId"], want)
		assert.Equal(t, f.clock.Now().Format(WebhookTimestampLayout), d.body["timestamp"], want)
		switch want {
		case "ContactCreate", "ContactDelete":
			assert.Equal(t, id, d.body["id"], want)
			assert.Equal(t, "Ada Lovelace", d.body["name"], "events carry name, unlike GET answers")
		case "ContactTagUpdate":
			assert.Equal(t, []any{"vip"}, d.body["tags"])
		case "TaskCreate", "TaskComplete", "NoteCreate":
			assert.Equal(t, id, d.body["contactId"], want)
		}
	}
	select {
	case d := <-got:
		t.Fatalf("unexpected delivery %v", d.body["type"])
	default:
	}
}

func TestFailedWritesDeliverNothing(t *testing.T) {
	opt, got := eventReceiver(t, NewWebhookSigner())
	f := newFixture(t, opt)
	r := f.do(t, "POST", "/contacts/", map[string]any{"locationId": f.loc, "email": "not an email"})
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	f.srv.InjectFault("POST", "/contacts/", Fault{Status: 500})
	r = f.do(t, "POST", "/contacts/", map[string]any{"locationId": f.loc, "email": "a@example.com"})
	require.Equal(t, http.StatusInternalServerError, r.status)
	id := f.create(t, map[string]any{"email": "b@example.com"})
	d := next(got)
	assert.Equal(t, "ContactCreate", d.body["type"], "the first delivery is of the first write that succeeded")
	assert.Equal(t, id, d.body["id"])
}

func TestWebhookTargetDefaults(t *testing.T) {
	var reported []string
	done := make(chan struct{})
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer rcv.Close()
	f := newFixture(t, WithWebhookTarget(WebhookTarget{URL: rcv.URL, Delivered: func(typ string, d *WebhookDelivery, err error) {
		if err == nil {
			reported = append(reported, typ+" "+http.StatusText(d.StatusCode))
		}
		close(done)
	}}))
	app, version := f.srv.WebhookApp()
	assert.Regexp(t, `^[0-9a-f]{24}$`, app)
	assert.Regexp(t, `^[0-9a-f]{24}$`, version)
	assert.NotEqual(t, app, version)
	require.NotNil(t, f.srv.WebhookSigner())
	f.create(t, map[string]any{"email": "c@example.com"})
	<-done
	assert.Equal(t, []string{"ContactCreate Too Many Requests"}, reported, "the outcome is reported, not resent")

	plain := newFixture(t)
	assert.Nil(t, plain.srv.WebhookSigner())
	app, _ = plain.srv.WebhookApp()
	assert.Empty(t, app)
}
