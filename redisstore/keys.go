package redisstore

import (
	"strings"

	"github.com/ghlkit/ghl/auth"
)

// DefaultPrefix starts every key this package writes, unless an Options struct gives another.
const DefaultPrefix = "ghl:"

// tokenKeys are the Redis keys of one auth.Key: the token and its lock. Both carry the same hash tag (the part
// in braces), so that on Redis Cluster they live in one slot and a script may touch both.
type tokenKeys struct {
	token, lock string
}

func keysOf(prefix string, k auth.Key) tokenKeys {
	tag := "{" + escape(k.ClientID) + "_" + escape(string(k.UserType)) + "_" + escape(k.ID) + "}"
	return tokenKeys{token: prefix + "token:" + tag, lock: prefix + "lock:" + tag}
}

func rateKey(prefix, locationID string) string { return prefix + "rate:{" + escape(locationID) + "}" }

func replayKey(prefix, webhookID string) string { return prefix + "webhook:" + escape(webhookID) }

// escape keeps letters, digits and '-' and writes every other byte as %XX, so that the parts of a key cannot
// run into each other ("a_b" + "c" differs from "a" + "b_c") and no part contains a brace.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func prefixOr(p string) string {
	if p == "" {
		return DefaultPrefix
	}
	return p
}
