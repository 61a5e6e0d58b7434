package webhook

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHighLevelKeysParse(t *testing.T) {
	k, err := ParsePublicKey([]byte(HighLevelPublicKey))
	require.NoError(t, err)
	assert.Len(t, k, ed25519.PublicKeySize)
	der, err := x509.MarshalPKIXPublicKey(k)
	require.NoError(t, err)
	assert.Equal(t, HighLevelPublicKey, base64.StdEncoding.EncodeToString(der))

	rk, err := ParseLegacyPublicKey([]byte(HighLevelLegacyPublicKeyPEM))
	require.NoError(t, err)
	assert.Equal(t, 4096, rk.N.BitLen())
}

func TestParsePublicKeyForms(t *testing.T) {
	want := testSigner.PublicKey()
	raw := bytes.Clone(want)
	spki, err := x509.MarshalPKIXPublicKey(want)
	require.NoError(t, err)
	tests := []struct {
		name string
		in   []byte
	}{
		{"pem", []byte(testSigner.PublicKeyPEM())},
		{"pem with blank lines around", []byte("\n\n" + testSigner.PublicKeyPEM() + "\n")},
		{"base64 spki", []byte(testSigner.PublicKeyBase64())},
		{"base64 spki unpadded", []byte(strings.TrimRight(testSigner.PublicKeyBase64(), "="))},
		{"base64 spki with newline", []byte(testSigner.PublicKeyBase64() + "\n")},
		{"raw 32 bytes", raw},
		{"binary spki", spki},
		{"base64 raw", []byte(base64.StdEncoding.EncodeToString(raw))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePublicKey(tt.in)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
	// The result must not alias the caller's buffer.
	got, err := ParsePublicKey(raw)
	require.NoError(t, err)
	raw[0] ^= 1
	assert.Equal(t, want, got)
}

func TestParsePublicKeyRejects(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	rsaDER, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	require.NoError(t, err)
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: rsaDER})
	tests := map[string][]byte{
		"empty":              nil,
		"spaces":             []byte("   "),
		"31 bytes":           make([]byte, 31),
		"not base64":         []byte("not a key!"),
		"base64 of junk":     []byte(base64.StdEncoding.EncodeToString([]byte("junk junk junk junk junk junk junk"))),
		"rsa spki":           []byte(base64.StdEncoding.EncodeToString(rsaDER)),
		"rsa pem":            rsaPEM,
		"private key pem":    pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1}}),
		"broken pem":         []byte("-----BEGIN PUBLIC KEY-----\nAAAA"),
		"pem of a bad spki":  pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1, 2, 3}}),
		"legacy rsa as text": []byte(HighLevelLegacyPublicKeyPEM),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParsePublicKey(in)
			assert.ErrorIs(t, err, ErrInvalidKey)
		})
	}
}

func TestParseLegacyPublicKey(t *testing.T) {
	key := legacyTestKey(t)
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	pkcs1 := x509.MarshalPKCS1PublicKey(&key.PublicKey)
	good := map[string][]byte{
		"spki pem":      pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}),
		"pkcs1 pem":     pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: pkcs1}),
		"base64 spki":   []byte(base64.StdEncoding.EncodeToString(spki)),
		"base64 pkcs1":  []byte(base64.StdEncoding.EncodeToString(pkcs1)),
		"raw der spki":  spki,
		"raw der pkcs1": pkcs1,
	}
	for name, in := range good {
		t.Run(name, func(t *testing.T) {
			got, err := ParseLegacyPublicKey(in)
			require.NoError(t, err)
			assert.True(t, key.PublicKey.Equal(got))
		})
	}

	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	smallDER, err := x509.MarshalPKIXPublicKey(&small.PublicKey)
	require.NoError(t, err)
	edDER, err := x509.MarshalPKIXPublicKey(testSigner.PublicKey())
	require.NoError(t, err)
	bad := map[string][]byte{
		"1024 bits": smallDER,
		"ed25519":   edDER,
		"junk":      []byte("junk"),
		"empty":     nil,
	}
	for name, in := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := ParseLegacyPublicKey(in)
			assert.ErrorIs(t, err, ErrInvalidKey)
		})
	}
}

func TestOptionsRejectBadValues(t *testing.T) {
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	tests := map[string]Option{
		"no keys":           WithPublicKeys(),
		"short key":         WithPublicKeys(ed25519.PublicKey{1, 2, 3}),
		"nil rsa key":       WithLegacySignatures(nil),
		"small rsa key":     WithLegacySignatures(&small.PublicKey),
		"zero tolerance":    WithTolerance(0),
		"nil clock":         WithClock(nil),
		"zero body cap":     WithMaxBodyBytes(0),
		"nil store":         WithReplayStore(nil),
		"replay status 429": WithReplayStatus(429),
		"replay status 302": WithReplayStatus(302),
		"replay status 500": WithReplayStatus(500),
	}
	for name, opt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := NewVerifier(opt)
			assert.Error(t, err)
			_, err = NewHandler(opt)
			assert.Error(t, err)
		})
	}
	for _, status := range []int{200, 202, 204, 409, 410} {
		_, err := NewHandler(WithReplayStatus(status))
		assert.NoError(t, err, status)
	}
}
