package redisstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/redis/go-redis/v9"
)

// ErrLockLost is returned by a Save whose lock lease ran out (a pause longer than the lease, or Redis lost the
// key) and may now be held by another process: the token is not written, so a newer one is never overwritten.
var ErrLockLost = errors.New("redisstore: the token's lock expired before the save")

var (
	errUnlocked   = errors.New("redisstore: save after unlock")
	errEmptyToken = errors.New("redisstore: cannot store a token without an access token")
)

// The scripts compare the lock's value with the holder's before they act, so that a holder whose lease ran
// out can neither write the token nor release or extend someone else's lock.
var (
	saveScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
redis.call("SET", KEYS[2], ARGV[2])
return 1`)
	unlockScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`)
	renewScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`)
)

// unlockTimeout bounds Unlock, which has no context. A lock it fails to delete frees itself at its lease.
const unlockTimeout = 5 * time.Second

type redisLocked struct {
	s     *TokenStore
	key   auth.Key
	keys  tokenKeys
	owner string
	ch    chan struct{}

	stop    chan struct{}
	stopped chan struct{}
	once    sync.Once
	done    atomic.Bool
	err     error
}

func (l *redisLocked) Load(ctx context.Context) (*auth.Token, error) {
	return l.s.load(ctx, l.keys.token, l.key)
}

func (l *redisLocked) Save(ctx context.Context, tok *auth.Token) error {
	if l.done.Load() {
		return errUnlocked
	}
	if tok == nil || tok.AccessToken == "" {
		return errEmptyToken
	}
	b, err := auth.MarshalToken(tok)
	if err != nil {
		return fmt.Errorf("redisstore: encoding token: %w", err)
	}
	n, err := saveScript.Run(ctx, l.s.rdb, []string{l.keys.lock, l.keys.token}, l.owner, b).Int()
	if err != nil {
		return fmt.Errorf("redisstore: saving the token of %s: %w", l.key, err)
	}
	if n != 1 {
		return fmt.Errorf("%w (%s)", ErrLockLost, l.key)
	}
	return nil
}

// Unlock deletes the lock if it is still this holder's. A lease that ran out is not an error here: a Save
// under it would have failed.
func (l *redisLocked) Unlock() error {
	l.once.Do(func() {
		l.done.Store(true)
		close(l.stop)
		<-l.stopped
		ctx, cancel := context.WithTimeout(context.Background(), unlockTimeout)
		defer cancel()
		if err := unlockScript.Run(ctx, l.s.rdb, []string{l.keys.lock}, l.owner).Err(); err != nil {
			l.err = fmt.Errorf("redisstore: unlocking the token of %s (the lock frees itself within %s): %w", l.key, l.s.ttl, err)
		}
		<-l.ch
	})
	return l.err
}

// renew extends the lease every third of it while the lock is held, so that a slow refresh keeps it and a
// dead process (whose renewals stop) loses it within one lease.
func (l *redisLocked) renew() {
	defer close(l.stopped)
	every := l.s.ttl / 3
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), every)
		n, err := renewScript.Run(ctx, l.s.rdb, []string{l.keys.lock}, l.owner, l.s.ttl.Milliseconds()).Int()
		cancel()
		if err == nil && n == 0 {
			return // lost: Save will say so
		}
	}
}

// jitter spreads d over [d/2, d], so that waiters in several processes do not poll in step.
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}
