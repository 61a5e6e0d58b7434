package ghltest

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// WebhookSignatureHeader is the header HighLevel puts a delivery's signature in.
const WebhookSignatureHeader = "x-ghl-signature"

// WebhookTimestampLayout is the form StampWebhook writes "timestamp" in: ISO 8601 in UTC with milliseconds,
// like HighLevel's other dates.
const WebhookTimestampLayout = "2006-01-02T15:04:05.000Z07:00"

// WebhookSigner signs webhook bodies the way HighLevel does: x-ghl-signature is the base64 Ed25519 signature
// of the raw body. It holds its own key pair; give its PublicKey to the receiver under test (with package
// webhook: webhook.WithPublicKeys(signer.PublicKey())). Safe for concurrent use.
type WebhookSigner struct {
	key ed25519.PrivateKey
}

// NewWebhookSigner returns a signer with a fresh random key pair.
func NewWebhookSigner() *WebhookSigner {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("ghltest: generating an Ed25519 key: " + err.Error())
	}
	return &WebhookSigner{key: key}
}

// NewWebhookSignerFromSeed returns a signer whose key pair is derived from seed, the same on every run: for
// golden files and reproducible tests. Never use it outside tests.
func NewWebhookSignerFromSeed(seed string) *WebhookSigner {
	sum := sha256.Sum256([]byte("ghltest webhook signer\x00" + seed))
	return &WebhookSigner{key: ed25519.NewKeyFromSeed(sum[:])}
}

// Sign returns the x-ghl-signature value for body.
func (s *WebhookSigner) Sign(body []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(s.key, body))
}

// PublicKey returns the key that verifies the signer's signatures.
func (s *WebhookSigner) PublicKey() ed25519.PublicKey {
	return s.key.Public().(ed25519.PublicKey)
}

// PublicKeyBase64 returns the public key as base64 SPKI, the form HighLevel publishes its key in.
func (s *WebhookSigner) PublicKeyBase64() string {
	return base64.StdEncoding.EncodeToString(s.spki())
}

// PublicKeyPEM returns the public key as a PEM "PUBLIC KEY" block.
func (s *WebhookSigner) PublicKeyPEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: s.spki()}))
}

func (s *WebhookSigner) spki() []byte {
	der, err := x509.MarshalPKIXPublicKey(s.PublicKey())
	if err != nil {
		panic("ghltest: encoding an Ed25519 public key: " + err.Error())
	}
	return der
}

// NewWebhookID returns a fresh random delivery ID: a version 4 UUID such as
// "3f1c2a9e-7b4d-4e0f-9a61-2d5c8e7b1f03", the shape of HighLevel's webhookId.
func NewWebhookID() string { return newUUID() }

// StampWebhook returns body, a JSON object, with "webhookId" and "timestamp" set as HighLevel sets them for
// replay protection. Keys come out sorted; sign the result, not body.
func StampWebhook(body []byte, webhookID string, at time.Time) ([]byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, fmt.Errorf("ghltest: webhook body is not a JSON object: %w", err)
	}
	if fields == nil {
		return nil, errors.New("ghltest: webhook body is null")
	}
	id, _ := json.Marshal(webhookID)
	ts, _ := json.Marshal(at.UTC().Format(WebhookTimestampLayout))
	fields["webhookId"], fields["timestamp"] = id, ts
	return json.Marshal(fields)
}

// WebhookPayload returns the documented example of eventType (see WebhookSample), or a minimal body for a
// type without one, stamped with a fresh webhookId and at.
func WebhookPayload(eventType string, at time.Time) []byte {
	body := WebhookSample(eventType)
	if body == nil {
		body, _ = json.Marshal(map[string]string{"type": eventType, "locationId": "ve9EPM428h8vShlRW1KT"})
	}
	out, err := StampWebhook(body, NewWebhookID(), at)
	if err != nil {
		panic("ghltest: sample webhook does not stamp: " + err.Error())
	}
	return out
}
