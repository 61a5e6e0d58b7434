package webhook

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
)

// HighLevelPublicKey is the Ed25519 key HighLevel signs x-ghl-signature with, as published (base64 SPKI). A
// Verifier uses it unless WithPublicKeys says otherwise.
const HighLevelPublicKey = "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg="

// HighLevelLegacyPublicKeyPEM is the RSA key behind the legacy x-wh-signature header, as published in
// HighLevel's Webhook Authentication guide. HighLevel stopped sending that header after 2026-07-01; it is
// checked only after WithLegacySignatures.
const HighLevelLegacyPublicKeyPEM = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----
`

// minRSABits refuses keys too small to mean anything; HighLevel's is 4096 bits.
const minRSABits = 2048

// ParsePublicKey reads an Ed25519 public key given as PEM ("PUBLIC KEY", SPKI), as base64 SPKI (the form
// HighLevel publishes), as binary SPKI, as base64 of the raw 32 bytes, or as the raw 32 bytes themselves.
// Errors match ErrInvalidKey.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	der, err := keyBytes(data)
	if err != nil {
		return nil, err
	}
	if len(der) == ed25519.PublicKeySize {
		return ed25519.PublicKey(bytes.Clone(der)), nil
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("%w: not an SPKI public key", ErrInvalidKey)
	}
	k, ok := pub.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%w: %T is not an Ed25519 key", ErrInvalidKey, pub)
	}
	return k, nil
}

// ParseLegacyPublicKey reads the RSA public key for the legacy x-wh-signature header, given as PEM ("PUBLIC
// KEY" or "RSA PUBLIC KEY") or as DER, binary or base64. Keys under 2048 bits are refused. Errors match
// ErrInvalidKey.
func ParseLegacyPublicKey(data []byte) (*rsa.PublicKey, error) {
	der, err := keyBytes(data)
	if err != nil {
		return nil, err
	}
	var k *rsa.PublicKey
	if pub, perr := x509.ParsePKIXPublicKey(der); perr == nil {
		rk, ok := pub.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%w: %T is not an RSA key", ErrInvalidKey, pub)
		}
		k = rk
	} else if rk, perr := x509.ParsePKCS1PublicKey(der); perr == nil {
		k = rk
	} else {
		return nil, fmt.Errorf("%w: not an RSA public key", ErrInvalidKey)
	}
	if k.N.BitLen() < minRSABits {
		return nil, fmt.Errorf("%w: RSA key of %d bits is too small", ErrInvalidKey, k.N.BitLen())
	}
	return k, nil
}

// keyBytes unwraps PEM or base64 text; anything else is returned as is (raw key or DER bytes).
func keyBytes(data []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("-----BEGIN")) {
		block, _ := pem.Decode(trimmed)
		if block == nil {
			return nil, fmt.Errorf("%w: bad PEM", ErrInvalidKey)
		}
		if block.Type != "PUBLIC KEY" && block.Type != "RSA PUBLIC KEY" {
			return nil, fmt.Errorf("%w: PEM block %q is not a public key", ErrInvalidKey, block.Type)
		}
		return block.Bytes, nil
	}
	// Raw 32-byte keys are checked before base64: 32 random bytes are rarely valid base64, but 32 bytes of
	// base64 text decode to 24, never to a key, so nothing valid is misread either way.
	if len(data) == ed25519.PublicKeySize {
		return data, nil
	}
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalidKey)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if der, err := enc.DecodeString(string(trimmed)); err == nil {
			return der, nil
		}
	}
	return data, nil // binary DER, left to the parser
}
