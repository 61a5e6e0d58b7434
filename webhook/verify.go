package webhook

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"sync"
)

// Header names HighLevel signs deliveries with.
const (
	// SignatureHeader carries the base64 Ed25519 signature of the raw body.
	SignatureHeader = "x-ghl-signature"
	// LegacySignatureHeader carries the base64 RSA-SHA256 (PKCS#1 v1.5) signature of the raw body.
	LegacySignatureHeader = "x-wh-signature"
)

// Canonical forms, looked up first so that a header from net/http costs no canonicalisation.
const (
	canonicalSignature       = "X-Ghl-Signature"
	canonicalLegacySignature = "X-Wh-Signature"
)

// Verifier checks that a delivery's body was signed by HighLevel, then reads its envelope and timestamp. It
// keeps no per-delivery state (replays are the Handler's job) and is safe for concurrent use.
//
// Signatures are public-key signatures: the receiver holds no secret, so there is nothing for a timing
// side channel to leak, and comparisons need no constant-time care. What matters is that nothing is parsed
// before the exact received bytes verify.
type Verifier struct{ c *config }

// NewVerifier returns a Verifier for HighLevel's key, DefaultTolerance and the wall clock, changed by opts.
func NewVerifier(opts ...Option) (*Verifier, error) {
	c, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return &Verifier{c: c}, nil
}

var defaultVerifier = sync.OnceValue(func() *Verifier {
	v, err := NewVerifier()
	if err != nil {
		panic(err)
	}
	return v
})

// ValidatePayload checks payload's signature in header with HighLevel's key. It reads nothing in payload.
func ValidatePayload(payload []byte, header http.Header) error {
	return defaultVerifier().Verify(payload, header)
}

// ConstructEvent verifies payload with HighLevel's key, checks its timestamp against the wall clock with
// DefaultTolerance, and parses it. It does not detect replays: record Event.WebhookID (or use a Handler).
func ConstructEvent(payload []byte, header http.Header) (*Event, error) {
	return defaultVerifier().ConstructEvent(payload, header)
}

// Verify checks that payload, exactly as received, carries a valid signature: x-ghl-signature with one of the
// Verifier's Ed25519 keys or, when opted in and x-ghl-signature is absent, x-wh-signature with an RSA key.
// A present but failing x-ghl-signature is never rescued by the legacy header.
func (v *Verifier) Verify(payload []byte, header http.Header) error {
	if int64(len(payload)) > v.c.maxBody {
		return ErrTooLarge
	}
	if sig, ok := headerValue(header, canonicalSignature, SignatureHeader); ok {
		return v.verifyEd25519(payload, sig)
	}
	if len(v.c.legacy) > 0 {
		if sig, ok := headerValue(header, canonicalLegacySignature, LegacySignatureHeader); ok {
			return v.verifyLegacy(payload, sig)
		}
	}
	return ErrMissingSignature
}

// ConstructEvent verifies payload, then reads its envelope, checks its timestamp and parses the typed event.
func (v *Verifier) ConstructEvent(payload []byte, header http.Header) (*Event, error) {
	if err := v.Verify(payload, header); err != nil {
		return nil, err
	}
	return v.parseVerified(payload)
}

// parseVerified runs every check that follows the signature; the Handler calls it too.
func (v *Verifier) parseVerified(payload []byte) (*Event, error) {
	env, err := probe(payload)
	if err != nil {
		return nil, err
	}
	if err := v.checkTime(env); err != nil {
		return nil, err
	}
	return newEvent(payload, env), nil
}

func (v *Verifier) checkTime(env *envelope) error {
	if v.c.ignoreTime {
		return nil
	}
	if !env.hasTime {
		return ErrMissingTimestamp
	}
	return checkWindow(env.timestamp, v.c.now(), v.c.tolerance)
}

func (v *Verifier) verifyEd25519(payload []byte, sig string) error {
	var buf [66]byte // DecodedLen of an 88-character signature
	n, ok := decodeSignature(buf[:], sig)
	if !ok || n != ed25519.SignatureSize {
		return fmt.Errorf("%w: not a base64 Ed25519 signature", ErrInvalidSignature)
	}
	for _, k := range v.c.keys {
		if ed25519.Verify(k, payload, buf[:n]) {
			return nil
		}
	}
	return ErrInvalidSignature
}

func (v *Verifier) verifyLegacy(payload []byte, sig string) error {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return fmt.Errorf("%w: legacy signature is not base64", ErrInvalidSignature)
	}
	sum := sha256.Sum256(payload)
	for _, k := range v.c.legacy {
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], raw) == nil {
			return nil
		}
	}
	return ErrInvalidSignature
}

// headerValue finds a header whether header came from net/http (canonical keys) or was built by hand.
func headerValue(h http.Header, canonical, lower string) (string, bool) {
	vs := h[canonical]
	if len(vs) == 0 {
		vs = h[lower]
	}
	if len(vs) == 0 || vs[0] == "" {
		return "", false
	}
	return vs[0], true
}

// decodeSignature accepts padded and unpadded standard base64, into dst without allocating.
func decodeSignature(dst []byte, s string) (int, bool) {
	if len(s) > base64.StdEncoding.EncodedLen(len(dst)) || len(s) > maxSignatureText {
		return 0, false
	}
	enc := base64.StdEncoding
	if len(s)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	var src [maxSignatureText]byte // on the stack: the conversion []byte(s) would allocate
	n, err := enc.Decode(dst, src[:copy(src[:], s)])
	return n, err == nil
}

// maxSignatureText bounds the text decodeSignature reads (an Ed25519 signature is 88 characters).
const maxSignatureText = 128
