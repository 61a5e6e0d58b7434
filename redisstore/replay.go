package redisstore

import (
	"context"
	"fmt"
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
// timestamp tolerance plus a minute, so that a delivery whose timestamp passed the check at the window's edge
// is still refused when its replay arrives).
//
// A claim holds the attempt's webhook.ClaimToken, which the Handler puts in the context of Claim, Complete and
// Release, and Release deletes the key only while it still holds that token: an attempt that outlived its lease
// and then failed gives up nothing of the claim a later delivery made meanwhile, in this process or another.
// A caller that drives the store without a Handler and without webhook.WithClaimToken makes claims that all
// look alike, so any such Release drops the ID's claim, as webhook.MemoryStore's does.
//
// When Redis cannot be reached, Claim returns the error, and the Handler answers 429 so that HighLevel delivers
// again later: a delivery is never handled without the shared record that stops its replays.
type ReplayStore struct {
	rdb    redis.UniversalClient
	prefix string
}

// NewReplayStore returns a replay store on rdb.
func NewReplayStore(rdb redis.UniversalClient, opts ReplayStoreOptions) *ReplayStore {
	return &ReplayStore{rdb: rdb, prefix: prefixOr(opts.Prefix)}
}

// A handled ID holds "done"; a claim holds "claim:" and the attempt's claim token.
const doneValue = "done"

// claimScript claims an ID unless it is handled (1) or claimed (2). Release is the lock's compare-and-delete
// (unlockScript): the key goes only while it holds the caller's claim.
var claimScript = redis.NewScript(`
local v = redis.call("GET", KEYS[1])
if v == "done" then return 1 end
if v then return 2 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return 0`)

func claimValue(ctx context.Context) string { return "claim:" + webhook.ClaimToken(ctx) }

// Claim implements webhook.ReplayStore: nil hands the delivery to this caller, webhook.ErrReplay says it was
// handled, webhook.ErrInFlight says a replica is handling it now.
func (s *ReplayStore) Claim(ctx context.Context, webhookID string, lease time.Duration) error {
	n, err := claimScript.Run(ctx, s.rdb, []string{replayKey(s.prefix, webhookID)}, claimValue(ctx), max(1, lease.Milliseconds())).Int()
	if err != nil {
		return fmt.Errorf("redisstore: claiming webhook %s: %w", webhookID, err)
	}
	switch n {
	case 1:
		return webhook.ErrReplay
	case 2:
		return webhook.ErrInFlight
	}
	return nil
}

// Complete implements webhook.ReplayStore: the ID is kept as handled for keep.
func (s *ReplayStore) Complete(ctx context.Context, webhookID string, keep time.Duration) error {
	if err := s.rdb.Set(ctx, replayKey(s.prefix, webhookID), doneValue, max(time.Millisecond, keep)).Err(); err != nil {
		return fmt.Errorf("redisstore: recording webhook %s as handled: %w", webhookID, err)
	}
	return nil
}

// Release implements webhook.ReplayStore: the claim made with ctx's claim token is dropped, so that HighLevel's
// retry is handled as new. A handled ID, or a claim another attempt made since, stays.
func (s *ReplayStore) Release(ctx context.Context, webhookID string) error {
	if err := unlockScript.Run(ctx, s.rdb, []string{replayKey(s.prefix, webhookID)}, claimValue(ctx)).Err(); err != nil {
		return fmt.Errorf("redisstore: releasing webhook %s (its claim expires by itself): %w", webhookID, err)
	}
	return nil
}

var _ webhook.ReplayStore = (*ReplayStore)(nil)
