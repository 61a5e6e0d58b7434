package ghltest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhookSignerSignatureVerifies(t *testing.T) {
	s := NewWebhookSigner()
	body := []byte(`{"type":"ContactCreate"}`)
	sig, err := base64.StdEncoding.DecodeString(s.Sign(body))
	require.NoError(t, err)
	assert.True(t, ed25519.Verify(s.PublicKey(), body, sig))
	assert.False(t, ed25519.Verify(s.PublicKey(), append(body, ' '), sig))
	assert.False(t, ed25519.Verify(NewWebhookSigner().PublicKey(), body, sig), "two signers share a key")
}

func TestWebhookSignerFromSeedIsReproducible(t *testing.T) {
	a, b, c := NewWebhookSignerFromSeed("x"), NewWebhookSignerFromSeed("x"), NewWebhookSignerFromSeed("y")
	assert.Equal(t, a.PublicKey(), b.PublicKey())
	assert.Equal(t, a.Sign([]byte("m")), b.Sign([]byte("m")))
	assert.NotEqual(t, a.PublicKey(), c.PublicKey())
}

func TestWebhookSignerPublicKeyEncodings(t *testing.T) {
	s := NewWebhookSignerFromSeed("encodings")
	der, err := base64.StdEncoding.DecodeString(s.PublicKeyBase64())
	require.NoError(t, err)
	pub, err := x509.ParsePKIXPublicKey(der)
	require.NoError(t, err)
	assert.Equal(t, s.PublicKey(), pub)

	block, rest := pem.Decode([]byte(s.PublicKeyPEM()))
	require.NotNil(t, block)
	assert.Empty(t, rest)
	assert.Equal(t, "PUBLIC KEY", block.Type)
	assert.Equal(t, der, block.Bytes)
	// HighLevel's published key has the same SPKI shape: 44 bytes, 60 base64 characters.
	assert.Len(t, s.PublicKeyBase64(), 60)
}

func TestStampWebhook(t *testing.T) {
	at := time.Date(2025, 1, 28, 14, 35, 0, 123e6, time.FixedZone("x", 3600))
	out, err := StampWebhook([]byte(`{"type":"NoteCreate","webhookId":"old","n":1}`), "wh-1", at)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got))
	assert.Equal(t, map[string]any{"type": "NoteCreate", "webhookId": "wh-1", "timestamp": "2025-01-28T13:35:00.123Z", "n": 1.0}, got)

	for _, bad := range []string{``, `[]`, `null`, `"s"`, `{`} {
		_, err := StampWebhook([]byte(bad), "id", at)
		assert.Error(t, err, bad)
	}
}

// uuidV4 is the shape of HighLevel's webhookId and traceId values.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewWebhookIDIsFresh(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := NewWebhookID()
		assert.Regexp(t, uuidV4, id)
		assert.False(t, seen[id], "repeated %s", id)
		seen[id] = true
	}
}

func TestWebhookSamples(t *testing.T) {
	types := WebhookSampleTypes()
	assert.Equal(t, []string{
		"AppointmentCreate", "AppointmentDelete", "AppointmentUpdate",
		"ContactCreate", "ContactDelete", "ContactDndUpdate", "ContactTagUpdate", "ContactUpdate",
		"INSTALL", "NoteCreate", "NoteDelete", "NoteUpdate", "TaskComplete", "TaskCreate", "TaskDelete", "UNINSTALL",
	}, types)
	for _, typ := range types {
		var body struct {
			Type       string `json:"type"`
			LocationID string `json:"locationId"`
		}
		require.NoError(t, json.Unmarshal(WebhookSample(typ), &body), typ)
		assert.Equal(t, typ, body.Type)
		assert.NotEmpty(t, body.LocationID, typ)
	}
	a := WebhookSample("NoteCreate")
	a[0] = 'x'
	assert.Equal(t, byte('{'), WebhookSample("NoteCreate")[0], "samples are shared, not copied")
	assert.Nil(t, WebhookSample("NoSuchType"))
}

func TestWebhookPayload(t *testing.T) {
	at := time.Date(2025, 1, 28, 14, 35, 0, 0, time.UTC)
	for _, typ := range []string{"ContactCreate", "SomethingNew"} {
		var got map[string]any
		require.NoError(t, json.Unmarshal(WebhookPayload(typ, at), &got))
		assert.Equal(t, typ, got["type"])
		assert.Equal(t, "2025-01-28T14:35:00.000Z", got["timestamp"])
		assert.Regexp(t, uuidV4, got["webhookId"])
	}
}

func TestWebhookTamperChangesOneByteAndKeepsJSON(t *testing.T) {
	for _, typ := range WebhookSampleTypes() {
		body := WebhookSample(typ)
		out := webhookTamper(body)
		require.Len(t, out, len(body), typ)
		diff := 0
		for i := range body {
			if body[i] != out[i] {
				diff++
			}
		}
		assert.Equal(t, 1, diff, typ)
		assert.True(t, json.Valid(out), typ)
	}
	assert.Equal(t, []byte(" "), webhookTamper(nil))
	assert.Equal(t, []byte("{!"), webhookTamper([]byte("{ ")))
}

// webhookReceiver records the last request it got and answers status.
type webhookReceiver struct {
	method, signature, contentType, extra string
	body                                  []byte
}

func newWebhookReceiver(t *testing.T, status int) (*webhookReceiver, string) {
	rec := &webhookReceiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.method = r.Method
		rec.signature = r.Header.Get(WebhookSignatureHeader)
		rec.contentType = r.Header.Get("Content-Type")
		rec.extra = r.Header.Get("X-Extra")
		rec.body, _ = io.ReadAll(r.Body)
		w.WriteHeader(status)
		_, _ = w.Write([]byte("answer"))
	}))
	t.Cleanup(srv.Close)
	return rec, srv.URL
}

func TestWebhookDeliver(t *testing.T) {
	s := NewWebhookSignerFromSeed("deliver")
	body := WebhookPayload("ContactCreate", time.Now())
	verifies := func(body []byte, sig string) bool {
		raw, err := base64.StdEncoding.DecodeString(sig)
		return err == nil && ed25519.Verify(s.PublicKey(), body, raw)
	}
	tests := []struct {
		name     string
		opts     []WebhookDeliveryOption
		method   string
		verifies bool
		sameBody bool
		sig      string // expected header when not the real one
	}{
		{name: "signed", method: http.MethodPost, verifies: true, sameBody: true},
		{name: "tampered", opts: []WebhookDeliveryOption{WithWebhookTamper()}, method: http.MethodPost},
		{name: "no signature", opts: []WebhookDeliveryOption{WithoutWebhookSignature()}, method: http.MethodPost, sameBody: true, sig: ""},
		{name: "wrong signature", opts: []WebhookDeliveryOption{WithWebhookSignature("bm9wZQ==")}, method: http.MethodPost, sameBody: true, sig: "bm9wZQ=="},
		{name: "method", opts: []WebhookDeliveryOption{WithWebhookMethod(http.MethodPut)}, method: http.MethodPut, verifies: true, sameBody: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, url := newWebhookReceiver(t, http.StatusAccepted)
			opts := append([]WebhookDeliveryOption{WithWebhookHeader("X-Extra", "1"), WithWebhookClient(&http.Client{})}, tt.opts...)
			d, err := s.Deliver(context.Background(), url, body, opts...)
			require.NoError(t, err)
			assert.Equal(t, http.StatusAccepted, d.StatusCode)
			assert.Equal(t, []byte("answer"), d.Body)
			assert.Equal(t, tt.method, rec.method)
			assert.Equal(t, "application/json", rec.contentType)
			assert.Equal(t, "1", rec.extra)
			assert.Equal(t, d.Sent, rec.body)
			assert.Equal(t, d.Signature, rec.signature)
			assert.Equal(t, tt.sameBody, bytes.Equal(body, rec.body))
			assert.Equal(t, tt.verifies, verifies(rec.body, rec.signature))
			if !tt.verifies && tt.sameBody {
				assert.Equal(t, tt.sig, rec.signature)
			}
		})
	}
}

func TestWebhookDeliverUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, err := NewWebhookSigner().Deliver(context.Background(), url, []byte(`{}`))
	assert.Error(t, err)
}
