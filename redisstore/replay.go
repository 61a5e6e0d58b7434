package redisstore

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl/webhook"
	"github.com/redis/go-redis/v9"
)

// ReplayStoreOptions configures a ReplayStore. The zero value takes every default.
type ReplayStoreOptions struct {
	// Prefix starts every key (DefaultPrefix if empty).
	Prefix string
}

// ReplayStore is a webhook.ReplayStore on Redis: a webhookId claimed or handled by any replica is refused by
// every other one that uses the same Redis and prefix. Each ID is one key, "<prefix>webhook:<id>", that expires
// by itself: a claim after the Handler's lease, a handled ID after the keep the Handler asks for (twice its
// timestamp tolerance, the window in which a replay could still pass the timestamp check).
//
// When Redis cannot be reached, Claim returns the error, and the Handler answers 429 so that HighLevel delivers
// again later: a delivery is never handled without the shared record that stops its replays.
type ReplayStore struct {
	rdb    redis.UniversalClient
	prefix string

	mu     sync.Mutex
	claims map[string]string // webhookId → the value of this store's live claim on it
}

// NewReplayStore returns a replay store on rdb.
func NewReplayStore(rdb redis.UniversalClient, opts ReplayStoreOptions) *ReplayStore {
	return &ReplayStore{rdb: rdb, prefix: prefixOr(opts.Prefix), claims: map[string]string{}}
}

// A handled ID holds "done"; a claim holds "claim:" and a value unique to the claim, so that a Release after the
// claim's lease ran out cannot drop another replica's claim.
const doneValue = "done"

var (
	claimScript = redis.NewScript(`
local v = redis.call("GET", KEYS[1])
if v == "done" then return 1 end
if v then return 2 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return 0`)
	releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`)
)

// Claim implements webhook.ReplayStore: nil hands the delivery to this caller, webhook.ErrReplay says it was
// handled, webhook.ErrInFlight says a replica is handling it now.
func (s *ReplayStore) Claim(ctx context.Context, webhookID string, lease time.Duration) error {
	owner, err := newOwner()
	if err != nil {
		return err
	}
	value := "claim:" + owner
	n, err := claimScript.Run(ctx, s.rdb, []string{replayKey(s.prefix, webhookID)}, value, max(1, lease.Milliseconds())).Int()
	if err != nil {
		return fmt.Errorf("redisstore: claiming webhook %s: %w", webhookID, err)
	}
	switch n {
	case 1:
		return webhook.ErrReplay
	case 2:
		return webhook.ErrInFlight
	}
	s.mu.Lock()
	s.claims[webhookID] = value
	s.mu.Unlock()
	return nil
}

// Complete implements webhook.ReplayStore: the ID is kept as handled for keep.
func (s *ReplayStore) Complete(ctx context.Context, webhookID string, keep time.Duration) error {
	s.forget(webhookID)
	if err := s.rdb.Set(ctx, replayKey(s.prefix, webhookID), doneValue, max(time.Millisecond, keep)).Err(); err != nil {
		return fmt.Errorf("redisstore: recording webhook %s as handled: %w", webhookID, err)
	}
	return nil
}

// Release implements webhook.ReplayStore: this store's claim on the ID is dropped, so that HighLevel's retry is
// handled as new. A handled ID, or a claim of another replica, stays.
func (s *ReplayStore) Release(ctx context.Context, webhookID string) error {
	value := s.forget(webhookID)
	if value == "" {
		return nil
	}
	if err := releaseScript.Run(ctx, s.rdb, []string{replayKey(s.prefix, webhookID)}, value).Err(); err != nil {
		return fmt.Errorf("redisstore: releasing webhook %s (its claim expires by itself): %w", webhookID, err)
	}
	return nil
}

func (s *ReplayStore) forget(webhookID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.claims[webhookID]
	delete(s.claims, webhookID)
	return v
}

var _ webhook.ReplayStore = (*ReplayStore)(nil)
