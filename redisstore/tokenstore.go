package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/redis/go-redis/v9"
)

// DefaultLockTTL is how long a token's lock outlives a holder that died. A live holder renews it every third
// of that, however long its refresh takes.
const DefaultLockTTL = 10 * time.Second

// MinLockTTL is the shortest lease a TokenStore uses: a shorter LockTTL is raised to it.
const MinLockTTL = 30 * time.Millisecond

// TokenStoreOptions configures a TokenStore. The zero value takes every default.
type TokenStoreOptions struct {
	// Prefix starts every key (DefaultPrefix if empty): give each environment sharing a Redis its own.
	Prefix string
	// LockTTL is the lock's lease (DefaultLockTTL if zero, at least MinLockTTL): how long a crashed holder
	// keeps the others from refreshing. Keep it well above Redis' worst pause; the holder renews it every
	// third of it while it lives.
	LockTTL time.Duration
}

// TokenStore is an auth.Store on Redis, for replicas on several machines that share one app's tokens. Tokens
// are kept as auth.MarshalToken writes them under "<prefix>token:{<key>}"; the lock is "<prefix>lock:{<key>}",
// a value unique to its holder set with NX and a lease (LockTTL), renewed while held, compared before the
// holder saves and deleted only by its holder. A replica that waited for the lock loads the token again
// through it, so it uses the token another replica rotated instead of spending the old refresh token.
//
// A rotated refresh token is worth keeping only if Redis keeps it: run Redis with "appendonly yes" and
// "appendfsync always" and check with CheckDurability (see the package documentation).
type TokenStore struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration

	mu    sync.Mutex
	inner map[auth.Key]chan struct{} // one waiter per key polls Redis; the others queue here
}

// NewTokenStore returns a store on rdb. It sends nothing until used.
func NewTokenStore(rdb redis.UniversalClient, opts TokenStoreOptions) *TokenStore {
	ttl := opts.LockTTL
	if ttl <= 0 {
		ttl = DefaultLockTTL
	}
	ttl = max(ttl, MinLockTTL)
	return &TokenStore{rdb: rdb, prefix: prefixOr(opts.Prefix), ttl: ttl, inner: map[auth.Key]chan struct{}{}}
}

// String names the store by its prefix; it holds no secret.
func (s *TokenStore) String() string { return "redisstore.TokenStore(" + s.prefix + ")" }

// Load returns key's token.
func (s *TokenStore) Load(ctx context.Context, key auth.Key) (*auth.Token, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	return s.load(ctx, keysOf(s.prefix, key).token, key)
}

func (s *TokenStore) load(ctx context.Context, name string, key auth.Key) (*auth.Token, error) {
	b, err := s.rdb.Get(ctx, name).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, auth.ErrNotStored
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: loading the token of %s: %w", key, err)
	}
	tok, err := auth.UnmarshalToken(b)
	if err != nil {
		return nil, &auth.CorruptError{Path: "redis key " + name, Problem: err.Error()}
	}
	return tok, nil
}

// Delete removes key's token. It does not take the lock: deleting is for an app that was uninstalled.
func (s *TokenStore) Delete(ctx context.Context, key auth.Key) error {
	if err := key.Validate(); err != nil {
		return err
	}
	if err := s.rdb.Del(ctx, keysOf(s.prefix, key).token).Err(); err != nil {
		return fmt.Errorf("redisstore: deleting the token of %s: %w", key, err)
	}
	return nil
}

// Lock takes key's lock, waiting until it is free or ctx is done. Inside one process the waiters queue in
// memory and one of them polls Redis; a lock whose holder died is free once its lease runs out. An error
// reaching Redis is returned at once: without the lock, no refresh token may be spent.
func (s *TokenStore) Lock(ctx context.Context, key auth.Key) (auth.Locked, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	ch := s.innerLock(key)
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	keys := keysOf(s.prefix, key)
	owner, err := newOwner()
	if err == nil {
		err = s.acquire(ctx, keys.lock, owner)
	}
	if err != nil {
		<-ch
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("redisstore: locking the token of %s: %w", key, err)
	}
	l := &redisLocked{s: s, key: key, keys: keys, owner: owner, ch: ch, stop: make(chan struct{}), stopped: make(chan struct{})}
	go l.renew()
	return l, nil
}

func (s *TokenStore) innerLock(key auth.Key) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.inner[key]
	if !ok {
		ch = make(chan struct{}, 1)
		s.inner[key] = ch
	}
	return ch
}

// Lock polling: the first retry comes soon (a refresh is one HTTP request), later ones back off, and none
// waits past the lease left on the lock.
const (
	pollFirst = 2 * time.Millisecond
	pollMax   = 100 * time.Millisecond
)

// acquire sets the lock to owner once it is free.
func (s *TokenStore) acquire(ctx context.Context, lock, owner string) error {
	wait := pollFirst
	for {
		ok, err := s.rdb.SetNX(ctx, lock, owner, s.ttl).Result()
		if err != nil {
			// The SET may have taken effect with its answer lost: give back what may be ours.
			s.releaseAfterError(lock, owner)
			return err
		}
		if ok {
			return nil
		}
		d := wait
		if left, err := s.rdb.PTTL(ctx, lock).Result(); err == nil && left > 0 && left < d {
			d = left
		}
		t := time.NewTimer(jitter(d))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(wait*2, pollMax)
	}
}

func (s *TokenStore) releaseAfterError(lock, owner string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = unlockScript.Run(ctx, s.rdb, []string{lock}, owner).Err()
}

// newOwner returns a value no other lock holder has: 128 random bits.
func newOwner() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}
