package webhook

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"net/http"
	"testing"
)

// rejections are every sentinel a Verifier may return; a fuzzed input must produce one of them or succeed.
var rejections = []error{
	ErrMissingSignature, ErrInvalidSignature, ErrTooLarge, ErrMalformedPayload, ErrMissingTimestamp,
	ErrInvalidTimestamp, ErrTimestampTooOld, ErrTimestampTooNew,
}

func isRejection(err error) bool {
	for _, r := range rejections {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// FuzzVerify feeds arbitrary bodies and signature headers to a Verifier that trusts testSigner. Since
// Ed25519 signing is deterministic and Go's verifier refuses non-canonical encodings, the only signature
// that may be accepted for a body is testSigner's own: anything else accepted is a forgery.
func FuzzVerify(f *testing.F) {
	body := stamped(f, TypeContactCreate, "wh-fuzz", testNow)
	f.Add(body, testSigner.Sign(body))
	f.Add(body, testSigner.Sign(body)[:86])
	f.Add(append(bytes.Clone(body), ' '), testSigner.Sign(body))
	f.Add([]byte{}, testSigner.Sign(nil))
	f.Add([]byte("{}"), "")
	f.Add([]byte("{}"), "====")
	v := testVerifier(f, newFakeClock(), WithMaxBodyBytes(1<<16))
	f.Fuzz(func(t *testing.T, body []byte, sig string) {
		err := v.Verify(body, http.Header{"X-Ghl-Signature": {sig}})
		want, _ := base64.StdEncoding.DecodeString(testSigner.Sign(body))
		if err == nil {
			var got [66]byte
			n, ok := decodeSignature(got[:], sig)
			if !ok || !bytes.Equal(got[:n], want) {
				t.Fatalf("accepted a signature testSigner did not make: %q", sig)
			}
			if !ed25519.Verify(testSigner.PublicKey(), body, got[:n]) {
				t.Fatal("accepted what crypto/ed25519 refuses")
			}
			return
		}
		if !isRejection(err) {
			t.Fatalf("untyped rejection: %v", err)
		}
		if sig == testSigner.Sign(body) && len(body) <= 1<<16 {
			t.Fatalf("refused testSigner's own signature: %v", err)
		}
	})
}

// FuzzConstructEvent signs arbitrary bodies, so that they get past the signature, and checks that parsing
// never panics, returns only typed rejections, and that the Handler answers 200 or 400 only.
func FuzzConstructEvent(f *testing.F) {
	for typ := range payloadTypes {
		f.Add(stamped(f, typ, "wh-"+typ, testNow))
	}
	f.Add([]byte(`{"type":"X","webhookId":"1","timestamp":1738074900000}`))
	f.Add([]byte(`{"type":"ContactCreate","webhookId":"1","timestamp":"2025-01-28T14:35:00Z","dnd":"x","tags":1}`))
	f.Add([]byte(`{"type":"INSTALL","webhookId":"1","timestamp":"2025-01-28T14:35:00Z","trial":[]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"type":null}`))
	clock := newFakeClock()
	v := testVerifier(f, clock)
	f.Fuzz(func(t *testing.T, body []byte) {
		header := signedHeader(body)
		e, err := v.ConstructEvent(body, header)
		if err != nil {
			if !isRejection(err) {
				t.Fatalf("untyped rejection: %v", err)
			}
		} else {
			if e.Type == "" || !bytes.Equal(e.Raw, body) {
				t.Fatalf("bad event %+v", e)
			}
			if _, known := payloadTypes[e.Type]; known != (e.Data != nil) {
				t.Fatalf("payload %T for type %q", e.Data, e.Type)
			}
			if e.Data != nil && e.Data.EventType() != e.Type {
				t.Fatalf("payload %T for type %q", e.Data, e.Type)
			}
			if checkWindow(e.Timestamp, clock.Now(), DefaultTolerance) != nil {
				t.Fatalf("accepted timestamp %s", e.Timestamp)
			}
		}

		h, herr := NewHandler(WithPublicKeys(testSigner.PublicKey()), WithClock(clock.Now))
		if herr != nil {
			t.Fatal(herr)
		}
		called := false
		h.OnDefault(func(_ context.Context, got *Event) error {
			called = true
			return nil
		})
		switch code := post(h, body, header).Code; {
		case code == http.StatusOK && (err != nil || e.WebhookID == "" || !called):
			t.Fatalf("200 for a body ConstructEvent refused (%v) or without a call", err)
		case code == http.StatusBadRequest && err == nil && e.WebhookID != "":
			t.Fatal("400 for a body ConstructEvent accepted")
		case code != http.StatusOK && code != http.StatusBadRequest:
			t.Fatalf("status %d", code)
		}
	})
}

// FuzzParsePublicKey checks that key parsing never panics and yields a usable key or ErrInvalidKey.
func FuzzParsePublicKey(f *testing.F) {
	f.Add([]byte(HighLevelPublicKey))
	f.Add([]byte(HighLevelLegacyPublicKeyPEM))
	f.Add([]byte(testSigner.PublicKeyPEM()))
	f.Add([]byte(testSigner.PublicKey()))
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := ParsePublicKey(data)
		switch {
		case err == nil && len(k) != ed25519.PublicKeySize:
			t.Fatalf("key of %d bytes", len(k))
		case err != nil && !errors.Is(err, ErrInvalidKey):
			t.Fatalf("untyped error: %v", err)
		}
		rk, err := ParseLegacyPublicKey(data)
		switch {
		case err == nil && rk.N.BitLen() < minRSABits:
			t.Fatalf("RSA key of %d bits", rk.N.BitLen())
		case err != nil && !errors.Is(err, ErrInvalidKey):
			t.Fatalf("untyped error: %v", err)
		}
	})
}
