package api

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Redacted is what Redact puts in place of a secret.
const Redacted = "[redacted]"

// minSecretLen keeps a short value (an empty field, a one-letter test stub) from blanking every match of it.
const minSecretLen = 4

// bearer matches a bearer credential in any of its spellings: a header value ("Bearer abc"), a form or query
// value ("Bearer+abc") or a URL-encoded one ("Bearer%20abc"), whatever the token is.
var bearer = regexp.MustCompile(`(?i)\bbearer(?:\s|\+|%20)+[A-Za-z0-9\-._~+/%=]+`)

// Redact returns s with every secret removed, for text that came from a server or from a request: each secret
// in its raw spelling, URL-encoded (path and query style, upper- or lower-case hex), form-encoded and
// JSON-escaped is replaced with "[redacted]", and anything shaped like "Bearer <token>" becomes
// "Bearer [redacted]" even when the token is not among secrets. Secrets shorter than 4 bytes are ignored.
//
// The SDK passes every error it builds from a server's answer, and every log line it writes, through Redact
// with the credentials of the call (access token, refresh token, client secret, authorization code). It is
// exported so that programs can do the same for their own logs:
//
//	log.Println(api.Redact(string(body), token))
func Redact(s string, secrets ...string) string {
	for _, v := range spellings(secrets) {
		s = strings.ReplaceAll(s, v, Redacted)
	}
	return bearer.ReplaceAllString(s, "Bearer "+Redacted)
}

// RedactBytes is Redact for a byte slice. It returns a new slice; b is not changed.
func RedactBytes(b []byte, secrets ...string) []byte {
	out := bytes.Clone(b)
	for _, v := range spellings(secrets) {
		out = bytes.ReplaceAll(out, []byte(v), []byte(Redacted))
	}
	return bearer.ReplaceAll(out, []byte("Bearer "+Redacted))
}

// spellings lists every way each secret may be written, longest first, so that a longer spelling is replaced
// before a shorter one that is part of it.
func spellings(secrets []string) []string {
	seen := map[string]bool{}
	var list []string
	add := func(v string) {
		if len(v) >= minSecretLen && !seen[v] {
			seen[v] = true
			list = append(list, v)
		}
	}
	for _, sec := range secrets {
		if len(sec) < minSecretLen {
			continue
		}
		add(sec)
		for _, enc := range []string{url.QueryEscape(sec), url.PathEscape(sec), strings.ReplaceAll(url.QueryEscape(sec), "+", "%20")} {
			add(enc)
			add(lowerHex(enc))
		}
		if j, err := json.Marshal(sec); err == nil {
			add(string(j[1 : len(j)-1]))
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	return list
}

// lowerHex spells the %XX escapes of s in lower case, as some encoders write them.
func lowerHex(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = lower(b[i+1])
			b[i+2] = lower(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}
