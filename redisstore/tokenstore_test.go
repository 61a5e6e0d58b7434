package redisstore_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract every auth.Store meets, each case on fresh keys (its own prefix) of one Redis.
func TestTokenStoreContract(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	var n atomic.Int64
	storetest.Run(t, func(t *testing.T) auth.Store {
		return redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{Prefix: "contract" + strconv.FormatInt(n.Add(1), 10) + ":"})
	})
}

// Stores with their own connections stand for processes on other machines: only Redis' lock is between
// them. Every locked increment must survive.
func TestTokenStoreLockSerializesAcrossStores(t *testing.T) {
	srv := startRedis(t)
	const stores, workers, rounds = 4, 4, 6
	key := storetest.Key(1)
	first := storetest.SampleToken(1)
	first.AccessToken = "0"
	var all []*redisstore.TokenStore
	for range stores {
		all = append(all, redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{}))
	}
	save(t, all[0], key, first)
	var wg sync.WaitGroup
	errs := make(chan error, stores*workers)
	for _, s := range all {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range rounds {
					if err := increment(ctxT(t), s, key); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := all[1].Load(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(stores*workers*rounds), got.AccessToken, "updates were lost: the lock let two holders overlap")
}

// A lock left by a holder that died (here written as it would have left it) frees itself at its lease; not
// before, and without anyone deleting it.
func TestTokenStoreLockOfADeadHolderExpires(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	s := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{})
	const lease = 300 * time.Millisecond
	lockKey := lockKeyOf(t, rdb, s)
	require.NoError(t, rdb.Set(ctxT(t), lockKey, "owner-that-died", lease).Err())
	start := time.Now()
	lk, err := s.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	waited := time.Since(start)
	require.NoError(t, lk.Unlock())
	assert.GreaterOrEqual(t, waited, lease-20*time.Millisecond, "the lock was taken before the dead holder's lease ran out")
	assert.Less(t, waited, lease+time.Second, "the lock stayed taken long after its lease")
}

// A live holder keeps its lock past the lease: it renews it.
func TestTokenStoreHolderRenewsItsLease(t *testing.T) {
	srv := startRedis(t)
	const lease = 300 * time.Millisecond
	a := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{LockTTL: lease})
	b := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{LockTTL: lease})
	lk, err := a.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(ctxT(t), 4*lease)
	defer cancel()
	if lk2, err := b.Lock(ctx, storetest.Key(1)); err == nil {
		_ = lk2.Unlock()
		t.Fatal("another store took the lock while its holder was alive")
	} else {
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	}
	require.NoError(t, lk.Save(ctxT(t), storetest.SampleToken(1)), "the holder lost its lock")
	require.NoError(t, lk.Unlock())
	lk2, err := b.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	require.NoError(t, lk2.Unlock())
}

// A holder whose lease ran out (a long pause) must not write over the token of the process that took the
// lock after it, nor release that process's lock.
func TestTokenStoreSaveAfterTheLeaseRanOutIsRefused(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	a := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{})
	b := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{})
	key := storetest.Key(1)
	lockKey := lockKeyOf(t, rdb, a)
	stale, err := a.Lock(ctxT(t), key)
	require.NoError(t, err)
	require.NoError(t, rdb.Del(ctxT(t), lockKey).Err()) // the lease ran out
	current, err := b.Lock(ctxT(t), key)
	require.NoError(t, err)
	require.NoError(t, current.Save(ctxT(t), storetest.SampleToken(2)))

	err = stale.Save(ctxT(t), storetest.SampleToken(1))
	require.ErrorIs(t, err, redisstore.ErrLockLost)
	require.NoError(t, stale.Unlock())
	got, err := b.Load(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, "rt-2", got.RefreshToken, "the stale holder overwrote the newer token")

	ctx, cancel := context.WithTimeout(ctxT(t), 50*time.Millisecond)
	defer cancel()
	if lk, err := a.Lock(ctx, key); err == nil {
		_ = lk.Unlock()
		t.Fatal("the stale holder's Unlock released the current holder's lock")
	}
	require.NoError(t, current.Unlock())
}

func TestTokenStoreCorruptToken(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	s := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{})
	save(t, s, storetest.Key(1), storetest.SampleToken(1))
	keys, err := rdb.Keys(ctxT(t), "ghl:token:*").Result()
	require.NoError(t, err)
	require.Len(t, keys, 1)
	require.NoError(t, rdb.Set(ctxT(t), keys[0], `{"access_token": "secret-at-1", "expiry": 12`, 0).Err())

	_, err = s.Load(ctxT(t), storetest.Key(1))
	require.ErrorIs(t, err, auth.ErrCorrupt)
	var ce *auth.CorruptError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "redis key "+keys[0], ce.Path)
	assert.NotContains(t, err.Error(), "secret-at-1")
	raw, err := rdb.Get(ctxT(t), keys[0]).Result()
	require.NoError(t, err)
	assert.Contains(t, raw, "secret-at-1", "a corrupt token is left as it is")
}

// Without Redis, nothing can be locked, loaded or saved: each says so at once instead of waiting.
func TestTokenStoreWithoutRedisFailsClearly(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{})
	lk, err := s.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	srv.Kill()
	assert.Error(t, lk.Save(ctxT(t), storetest.SampleToken(1)))
	assert.Error(t, lk.Unlock())

	ops := map[string]func(context.Context) error{
		"Lock": func(ctx context.Context) error {
			lk, err := s.Lock(ctx, storetest.Key(1))
			if err == nil {
				_ = lk.Unlock()
			}
			return err
		},
		"Load":   func(ctx context.Context) error { _, err := s.Load(ctx, storetest.Key(1)); return err },
		"Delete": func(ctx context.Context) error { return s.Delete(ctx, storetest.Key(1)) },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			err := op(ctxT(t))
			require.Error(t, err)
			assert.NotErrorIs(t, err, auth.ErrNotStored)
			assert.NotErrorIs(t, err, context.DeadlineExceeded, "failed at once, not at the deadline")
			assert.Contains(t, err.Error(), "redisstore: ")
			assert.Contains(t, err.Error(), "connection refused")
		})
	}
}

func save(t *testing.T, s auth.Store, key auth.Key, tok *auth.Token) {
	t.Helper()
	lk, err := s.Lock(ctxT(t), key)
	require.NoError(t, err)
	require.NoError(t, lk.Save(ctxT(t), tok))
	require.NoError(t, lk.Unlock())
}

func increment(ctx context.Context, s auth.Store, key auth.Key) error {
	lk, err := s.Lock(ctx, key)
	if err != nil {
		return err
	}
	defer lk.Unlock() //nolint:errcheck
	tok, err := lk.Load(ctx)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(tok.AccessToken)
	if err != nil {
		return err
	}
	tok.AccessToken = strconv.Itoa(n + 1)
	if err := lk.Save(ctx, tok); err != nil {
		return err
	}
	return lk.Unlock()
}

// lockKeyOf finds the name of the lock key of storetest.Key(1) by taking the lock once.
func lockKeyOf(t *testing.T, rdb *redis.Client, s *redisstore.TokenStore) string {
	t.Helper()
	lk, err := s.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	keys, err := rdb.Keys(ctxT(t), "*lock:*").Result()
	require.NoError(t, lk.Unlock())
	require.NoError(t, err)
	require.Len(t, keys, 1)
	return keys[0]
}
