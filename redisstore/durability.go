package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrNotDurable is matched by CheckDurability's answer when Redis may lose a saved token on a restart.
var ErrNotDurable = errors.New("redisstore: Redis is not configured to keep a saved token across a restart")

// CheckDurability asks Redis (CONFIG GET) whether a token saved now survives a restart of Redis and of its
// machine: it needs "appendonly yes" (every write goes to the append-only file, reloaded at start) and
// "appendfsync always" (the file is fsynced before Redis answers the write). With "appendfsync everysec" a
// crash of the machine may lose the last second of writes; a refresh token lost that way disconnects the
// app until it is authorized again. Call it once at start and refuse to run without it; a Redis that forbids
// CONFIG (some managed services) gives an error that says so, and its provider's documentation decides.
func (s *TokenStore) CheckDurability(ctx context.Context) error {
	cfg, err := s.rdb.ConfigGet(ctx, "append*").Result()
	if err != nil {
		return fmt.Errorf("redisstore: cannot read Redis' persistence settings (CONFIG GET): %w", err)
	}
	var problems []string
	if v := cfg["appendonly"]; v != "yes" {
		problems = append(problems, fmt.Sprintf(`appendonly is %q, want "yes"`, v))
	}
	if v := cfg["appendfsync"]; v != "always" {
		problems = append(problems, fmt.Sprintf(`appendfsync is %q, want "always"`, v))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrNotDurable, strings.Join(problems, "; "))
	}
	return nil
}
