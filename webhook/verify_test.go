package webhook

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var legacyKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

func legacyTestKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := legacyKey()
	require.NoError(t, err)
	return k
}

func legacySign(t testing.TB, body []byte) string {
	t.Helper()
	sum := sha256.Sum256(body)
	sig, err := rsa.SignPKCS1v15(rand.Reader, legacyTestKey(t), crypto.SHA256, sum[:])
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

// reserialised decodes and re-encodes body, as a framework that binds JSON before the check would.
func reserialised(t testing.TB, body []byte) []byte {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(body, &v))
	out, err := json.MarshalIndent(v, "", " ")
	require.NoError(t, err)
	require.NotEqual(t, body, out)
	return out
}

func TestVerify(t *testing.T) {
	body := stamped(t, TypeContactCreate, "wh-1", testNow)
	sig := testSigner.Sign(body)
	tampered := bytes.Clone(body)
	tampered[bytes.Index(tampered, []byte("John"))] = 'j'
	other := ghltest.NewWebhookSignerFromSeed("someone else")
	rawSig, _ := base64.StdEncoding.DecodeString(sig)
	tests := []struct {
		name    string
		body    []byte
		header  http.Header
		opts    []Option
		wantErr error
	}{
		{name: "valid", body: body, header: http.Header{"X-Ghl-Signature": {sig}}},
		{name: "valid, header key not canonical", body: body, header: http.Header{"x-ghl-signature": {sig}}},
		{name: "valid, unpadded base64", body: body, header: http.Header{"X-Ghl-Signature": {strings.TrimRight(sig, "=")}}},
		{name: "valid with the second of two keys", body: body, header: signedHeader(body),
			opts: []Option{WithPublicKeys(other.PublicKey())}},
		{name: "tampered byte", body: tampered, header: signedHeader(body), wantErr: ErrInvalidSignature},
		{name: "re-serialised JSON", body: reserialised(t, body), header: signedHeader(body), wantErr: ErrInvalidSignature},
		{name: "trailing newline added", body: append(bytes.Clone(body), '\n'), header: signedHeader(body), wantErr: ErrInvalidSignature},
		{name: "missing header", body: body, header: http.Header{}, wantErr: ErrMissingSignature},
		{name: "nil header", body: body, wantErr: ErrMissingSignature},
		{name: "empty header", body: body, header: http.Header{"X-Ghl-Signature": {""}}, wantErr: ErrMissingSignature},
		{name: "header not base64", body: body, header: http.Header{"X-Ghl-Signature": {"not base64!"}}, wantErr: ErrInvalidSignature},
		{name: "header too short", body: body, header: http.Header{"X-Ghl-Signature": {"AAAA"}}, wantErr: ErrInvalidSignature},
		{name: "header too long", body: body, header: http.Header{"X-Ghl-Signature": {strings.Repeat("A", 4096)}}, wantErr: ErrInvalidSignature},
		{name: "header signs another body", body: body, header: signedHeader([]byte(`{}`)), wantErr: ErrInvalidSignature},
		{name: "wrong key", body: body, header: http.Header{"X-Ghl-Signature": {other.Sign(body)}}, wantErr: ErrInvalidSignature},
		{name: "signature bit flipped", body: body, header: http.Header{"X-Ghl-Signature": {flipBit(rawSig)}}, wantErr: ErrInvalidSignature},
		{name: "legacy header not opted in", body: body, header: http.Header{"X-Wh-Signature": {legacySign(t, body)}}, wantErr: ErrMissingSignature},
		{name: "over the cap", body: body, header: signedHeader(body), opts: []Option{WithMaxBodyBytes(int64(len(body) - 1))}, wantErr: ErrTooLarge},
		{name: "at the cap", body: body, header: signedHeader(body), opts: []Option{WithMaxBodyBytes(int64(len(body)))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := testVerifier(t, newFakeClock(), tt.opts...)
			err := v.Verify(tt.body, tt.header)
			if tt.wantErr == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.NotContains(t, err.Error(), sig[:16], "an error quotes the signature")
		})
	}
}

func flipBit(sig []byte) string {
	s := bytes.Clone(sig)
	s[10] ^= 0x04
	return base64.StdEncoding.EncodeToString(s)
}

func TestVerifyLegacy(t *testing.T) {
	body := stamped(t, TypeNoteCreate, "wh-legacy", testNow)
	legacy := legacySign(t, body)
	key := &legacyTestKey(t).PublicKey
	tests := []struct {
		name    string
		header  http.Header
		opts    []Option
		wantErr error
	}{
		{name: "legacy opted in", header: http.Header{"X-Wh-Signature": {legacy}}, opts: []Option{WithLegacySignatures(key)}},
		{name: "legacy lowercase key", header: http.Header{"x-wh-signature": {legacy}}, opts: []Option{WithLegacySignatures(key)}},
		{name: "legacy with HighLevel's key only", header: http.Header{"X-Wh-Signature": {legacy}},
			opts: []Option{WithLegacySignatures()}, wantErr: ErrInvalidSignature},
		{name: "legacy not opted in", header: http.Header{"X-Wh-Signature": {legacy}}, wantErr: ErrMissingSignature},
		{name: "legacy not base64", header: http.Header{"X-Wh-Signature": {"%%%"}}, opts: []Option{WithLegacySignatures(key)},
			wantErr: ErrInvalidSignature},
		{name: "legacy over another body", header: http.Header{"X-Wh-Signature": {legacySign(t, []byte("x"))}},
			opts: []Option{WithLegacySignatures(key)}, wantErr: ErrInvalidSignature},
		{name: "bad Ed25519 is not rescued by a good legacy signature",
			header: http.Header{"X-Wh-Signature": {legacy}, "X-Ghl-Signature": {testSigner.Sign([]byte("x"))}},
			opts:   []Option{WithLegacySignatures(key)}, wantErr: ErrInvalidSignature},
		{name: "Ed25519 preferred when both are sent",
			header: http.Header{"X-Wh-Signature": {"%%%"}, "X-Ghl-Signature": {testSigner.Sign(body)}},
			opts:   []Option{WithLegacySignatures(key)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := testVerifier(t, newFakeClock(), tt.opts...).Verify(body, tt.header)
			if tt.wantErr == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tt.wantErr)
			}
		})
	}
}

func TestDefaultVerifierUsesHighLevelKey(t *testing.T) {
	body := ghltest.WebhookPayload(TypeContactCreate, time.Now())
	// Signed by the test key, which HighLevel's key does not verify: the default trusts nothing else.
	assert.ErrorIs(t, ValidatePayload(body, signedHeader(body)), ErrInvalidSignature)
	_, err := ConstructEvent(body, signedHeader(body))
	assert.ErrorIs(t, err, ErrInvalidSignature)
	assert.ErrorIs(t, ValidatePayload(body, nil), ErrMissingSignature)

	v, err := NewVerifier()
	require.NoError(t, err)
	require.Len(t, v.c.keys, 1)
	assert.Equal(t, highLevelKey(), v.c.keys[0])
	assert.Empty(t, v.c.legacy)
	assert.Equal(t, DefaultTolerance, v.c.tolerance)
	assert.Equal(t, DefaultMaxBodyBytes, v.c.maxBody)
}

func TestConstructEventTimestamps(t *testing.T) {
	withTimestamp := func(ts any) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(ghltest.WebhookSample(TypeTaskCreate), &m))
		m["webhookId"] = "wh-ts"
		if ts != nil {
			m["timestamp"] = ts
		}
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	tests := []struct {
		name    string
		ts      any
		opts    []Option
		wantErr error
		wantTS  time.Time
	}{
		{name: "ISO, as in the guide", ts: "2025-01-28T14:35:00Z", wantTS: testNow},
		{name: "ISO with millis", ts: "2025-01-28T14:34:00.250Z", wantTS: testNow.Add(-59750 * time.Millisecond)},
		{name: "ISO with offset", ts: "2025-01-28T15:35:00+01:00", wantTS: testNow},
		{name: "ISO offset without colon", ts: "2025-01-28T15:35:00+0100", wantTS: testNow},
		{name: "epoch millis number", ts: testNow.UnixMilli(), wantTS: testNow},
		{name: "epoch millis string", ts: "1738074900000", wantTS: testNow},
		{name: "epoch seconds", ts: testNow.Unix(), wantTS: testNow},
		{name: "just inside, past", ts: testNow.Add(-DefaultTolerance).Format(time.RFC3339), wantTS: testNow.Add(-DefaultTolerance)},
		{name: "just inside, future", ts: testNow.Add(DefaultTolerance).Format(time.RFC3339), wantTS: testNow.Add(DefaultTolerance)},
		{name: "stale", ts: testNow.Add(-DefaultTolerance - time.Second).Format(time.RFC3339), wantErr: ErrTimestampTooOld},
		{name: "future", ts: testNow.Add(DefaultTolerance + time.Second).Format(time.RFC3339), wantErr: ErrTimestampTooNew},
		{name: "stale with a wider tolerance", ts: testNow.Add(-time.Hour).Format(time.RFC3339),
			opts: []Option{WithTolerance(2 * time.Hour)}, wantTS: testNow.Add(-time.Hour)},
		{name: "missing", wantErr: ErrMissingTimestamp},
		{name: "null", ts: json.RawMessage("null"), wantErr: ErrMissingTimestamp},
		{name: "missing, check off", opts: []Option{WithoutTimestampCheck()}},
		{name: "stale, check off", ts: "2001-01-01T00:00:00Z", opts: []Option{WithoutTimestampCheck()},
			wantTS: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)},
		{name: "garbage", ts: "yesterday", wantErr: ErrInvalidTimestamp},
		{name: "garbage, check off", ts: "yesterday", opts: []Option{WithoutTimestampCheck()}, wantErr: ErrInvalidTimestamp},
		{name: "empty string", ts: "", wantErr: ErrInvalidTimestamp},
		{name: "float", ts: 1.5, wantErr: ErrInvalidTimestamp},
		{name: "negative", ts: -1, wantErr: ErrInvalidTimestamp},
		{name: "bool", ts: true, wantErr: ErrInvalidTimestamp},
		{name: "object", ts: map[string]any{}, wantErr: ErrInvalidTimestamp},
		{name: "overflowing digits", ts: "99999999999999999999999", wantErr: ErrInvalidTimestamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := withTimestamp(tt.ts)
			e, err := testVerifier(t, newFakeClock(), tt.opts...).ConstructEvent(body, signedHeader(body))
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Nil(t, e)
				return
			}
			require.NoError(t, err)
			assert.True(t, tt.wantTS.Equal(e.Timestamp), "timestamp %s, want %s", e.Timestamp, tt.wantTS)
			assert.Equal(t, TypeTaskCreate, e.Type)
		})
	}
}

func TestConstructEventVerifiesBeforeParsing(t *testing.T) {
	v := testVerifier(t, newFakeClock())
	for _, body := range [][]byte{[]byte("not json"), []byte(`{"type":1}`), nil} {
		// Unsigned junk is a signature problem, never a parse problem.
		_, err := v.ConstructEvent(body, http.Header{"X-Ghl-Signature": {testSigner.Sign([]byte("x"))}})
		assert.ErrorIs(t, err, ErrInvalidSignature)
		_, err = v.ConstructEvent(body, nil)
		assert.ErrorIs(t, err, ErrMissingSignature)
		// Signed junk verifies, then fails to parse.
		_, err = v.ConstructEvent(body, signedHeader(body))
		assert.ErrorIs(t, err, ErrMalformedPayload)
	}
}

func TestMalformedPayloads(t *testing.T) {
	tests := map[string]string{
		"not json":         `nope`,
		"array":            `[]`,
		"string":           `"ContactCreate"`,
		"null":             `null`,
		"no type":          `{"webhookId":"x","timestamp":"2025-01-28T14:35:00Z"}`,
		"empty type":       `{"type":"","webhookId":"x","timestamp":"2025-01-28T14:35:00Z"}`,
		"numeric type":     `{"type":7,"webhookId":"x","timestamp":"2025-01-28T14:35:00Z"}`,
		"numeric id":       `{"type":"NoteCreate","webhookId":7,"timestamp":"2025-01-28T14:35:00Z"}`,
		"truncated":        `{"type":"NoteCreate","webhookId":"x","timestamp":"2025-01-28T14:35:00Z"`,
		"trailing garbage": `{"type":"NoteCreate","webhookId":"x","timestamp":"2025-01-28T14:35:00Z"} x`,
	}
	v := testVerifier(t, newFakeClock())
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := v.ConstructEvent([]byte(body), signedHeader([]byte(body)))
			assert.ErrorIs(t, err, ErrMalformedPayload)
		})
	}
}

func TestVerifierAcceptsGhltestKeyInEveryForm(t *testing.T) {
	body := ghltest.WebhookPayload(TypeContactCreate, testNow)
	for _, form := range []string{testSigner.PublicKeyPEM(), testSigner.PublicKeyBase64()} {
		k, err := ParsePublicKey([]byte(form))
		require.NoError(t, err)
		v, err := NewVerifier(WithPublicKeys(k), WithClock(newFakeClock().Now))
		require.NoError(t, err)
		e, err := v.ConstructEvent(body, signedHeader(body))
		require.NoError(t, err)
		assert.Equal(t, TypeContactCreate, e.Type)
	}
	assert.Equal(t, ed25519.PublicKeySize, len(testSigner.PublicKey()))
}
