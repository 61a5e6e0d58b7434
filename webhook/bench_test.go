package webhook

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
)

// BenchmarkVerify measures Verifier.Verify on a documented ContactCreate; compare with
// BenchmarkVerifyBaseline, which does only the Ed25519 check (target: at most 1.10x its ns/op).
func BenchmarkVerify(b *testing.B) {
	body := stamped(b, TypeContactCreate, "wh-bench", testNow)
	header := signedHeader(body)
	v := testVerifier(b, newFakeClock())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Verify(body, header); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyBaseline calls crypto/ed25519.Verify directly on the same body and signature.
func BenchmarkVerifyBaseline(b *testing.B) {
	body := stamped(b, TypeContactCreate, "wh-bench", testNow)
	sig, err := base64.StdEncoding.DecodeString(testSigner.Sign(body))
	if err != nil {
		b.Fatal(err)
	}
	pub := testSigner.PublicKey()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if !ed25519.Verify(pub, body, sig) {
			b.Fatal("does not verify")
		}
	}
}

// BenchmarkConstructEvent adds the envelope probe, the window and the typed parse to Verify.
func BenchmarkConstructEvent(b *testing.B) {
	body := stamped(b, TypeContactCreate, "wh-bench", testNow)
	header := signedHeader(body)
	v := testVerifier(b, newFakeClock())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.ConstructEvent(body, header); err != nil {
			b.Fatal(err)
		}
	}
}

// signedDeliveries makes n ContactCreate deliveries with distinct webhookIds, so none is a replay.
func signedDeliveries(b *testing.B, n int) (bodies [][]byte, sigs []string) {
	base := ghltest.WebhookSample(TypeContactCreate)
	for i := range n {
		body, err := ghltest.StampWebhook(base, "wh-"+strconv.Itoa(i), testNow)
		if err != nil {
			b.Fatal(err)
		}
		bodies, sigs = append(bodies, body), append(sigs, testSigner.Sign(body))
	}
	return bodies, sigs
}

// BenchmarkHandler measures a delivery end to end through ServeHTTP: body cap, verification, envelope,
// window, replay claim and completion in the MemoryStore, typed parse and dispatch.
func BenchmarkHandler(b *testing.B) {
	bodies, sigs := signedDeliveries(b, b.N)
	h, err := NewHandler(WithPublicKeys(testSigner.PublicKey()), WithClock(newFakeClock().Now))
	if err != nil {
		b.Fatal(err)
	}
	h.On(TypeContactCreate, func(context.Context, *Event) error { return nil })
	b.SetBytes(int64(len(bodies[0])))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(bodies[i]))
		r.Header.Set(SignatureHeader, sigs[i])
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkHandlerBaseline is the least a receiver can do with plain net/http, crypto/ed25519 and
// encoding/json: read, verify, decode. No window, no replay check.
func BenchmarkHandlerBaseline(b *testing.B) {
	bodies, sigs := signedDeliveries(b, b.N)
	pub := testSigner.PublicKey()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, DefaultMaxBodyBytes))
		sig, serr := base64.StdEncoding.DecodeString(r.Header.Get(SignatureHeader))
		if err != nil || serr != nil || !ed25519.Verify(pub, body, sig) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var c ContactCreate
		if json.Unmarshal(body, &c) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	b.SetBytes(int64(len(bodies[0])))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(bodies[i]))
		r.Header.Set(SignatureHeader, sigs[i])
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
