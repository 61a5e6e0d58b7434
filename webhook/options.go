package webhook

import (
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// DefaultTolerance is how far a delivery's "timestamp" may be from the receiver's clock, in either direction,
// as HighLevel's guide suggests.
const DefaultTolerance = 5 * time.Minute

// DefaultMaxBodyBytes caps a delivery's body. HighLevel's largest documented payloads are a few KB; the cap
// only has to stop a client from making the receiver buffer without end.
const DefaultMaxBodyBytes int64 = 1 << 20

// Option configures a Verifier or a Handler. Options about the store, the logger and the replay answer only
// matter to a Handler.
type Option func(*config) error

type config struct {
	keys         []ed25519.PublicKey
	legacy       []*rsa.PublicKey
	tolerance    time.Duration
	ignoreTime   bool
	now          func() time.Time
	maxBody      int64
	store        ReplayStore
	logger       *slog.Logger
	replayStatus int
}

var highLevelKey = sync.OnceValue(func() ed25519.PublicKey {
	k, err := ParsePublicKey([]byte(HighLevelPublicKey))
	if err != nil {
		panic("webhook: HighLevelPublicKey does not parse: " + err.Error())
	}
	return k
})

var highLevelLegacyKey = sync.OnceValue(func() *rsa.PublicKey {
	k, err := ParseLegacyPublicKey([]byte(HighLevelLegacyPublicKeyPEM))
	if err != nil {
		panic("webhook: HighLevelLegacyPublicKeyPEM does not parse: " + err.Error())
	}
	return k
})

func newConfig(opts []Option) (*config, error) {
	c := &config{
		tolerance:    DefaultTolerance,
		now:          time.Now,
		maxBody:      DefaultMaxBodyBytes,
		replayStatus: http.StatusOK,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.keys == nil {
		c.keys = []ed25519.PublicKey{highLevelKey()}
	}
	return c, nil
}

// WithPublicKeys replaces HighLevel's key with keys: a signature is accepted when any of them verifies it.
// During a key rotation pass both the old and the new key; in tests pass ghltest's signer key. Read keys in
// other forms with ParsePublicKey.
func WithPublicKeys(keys ...ed25519.PublicKey) Option {
	return func(c *config) error {
		if len(keys) == 0 {
			return fmt.Errorf("%w: WithPublicKeys needs at least one key", ErrInvalidOption)
		}
		for _, k := range keys {
			if len(k) != ed25519.PublicKeySize {
				return fmt.Errorf("%w: Ed25519 key of %d bytes", ErrInvalidKey, len(k))
			}
		}
		c.keys = append(c.keys, keys...)
		return nil
	}
}

// WithLegacySignatures also accepts the legacy x-wh-signature header (RSA-SHA256, PKCS#1 v1.5), checked only
// when a delivery has no x-ghl-signature. With no keys it uses HighLevelLegacyPublicKeyPEM. Turn this on only
// to accept deliveries signed before HighLevel dropped that header.
func WithLegacySignatures(keys ...*rsa.PublicKey) Option {
	return func(c *config) error {
		if len(keys) == 0 {
			keys = []*rsa.PublicKey{highLevelLegacyKey()}
		}
		for _, k := range keys {
			if k == nil || k.N == nil || k.N.BitLen() < minRSABits {
				return fmt.Errorf("%w: legacy RSA key missing or under %d bits", ErrInvalidKey, minRSABits)
			}
		}
		c.legacy = append(c.legacy, keys...)
		return nil
	}
}

// WithTolerance sets how far "timestamp" may be from now, in the past or the future (default
// DefaultTolerance). A Handler remembers handled webhookIds for twice this long plus a minute, so widening it
// stays safe.
func WithTolerance(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("%w: tolerance must be positive", ErrInvalidOption)
		}
		c.tolerance = d
		return nil
	}
}

// WithoutTimestampCheck accepts a body whatever its "timestamp", and one without. Use it only to re-verify
// stored deliveries: on a live endpoint the window is what limits a captured delivery's replay to the
// replay store's memory.
func WithoutTimestampCheck() Option {
	return func(c *config) error {
		c.ignoreTime = true
		return nil
	}
}

// WithClock sets the clock the timestamp window and the default replay store read (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return fmt.Errorf("%w: nil clock", ErrInvalidOption)
		}
		c.now = now
		return nil
	}
}

// WithMaxBodyBytes sets the body cap (default DefaultMaxBodyBytes). A Handler answers 413 above it; a
// Verifier returns ErrTooLarge.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("%w: body cap must be positive", ErrInvalidOption)
		}
		c.maxBody = n
		return nil
	}
}

// WithReplayStore sets where a Handler claims webhookIds. The default is a MemoryStore, which protects one
// process; replicas behind a load balancer need a store they share.
func WithReplayStore(s ReplayStore) Option {
	return func(c *config) error {
		if s == nil {
			return fmt.Errorf("%w: nil replay store", ErrInvalidOption)
		}
		c.store = s
		return nil
	}
}

// WithLogger makes a Handler log each rejection and failure (off by default). Log lines carry the status, the
// reason, and, once the signature holds, the event type and webhookId; never a signature or a body.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithReplayStatus sets what a Handler answers to a delivery whose webhookId was already handled (default
// 200). HighLevel retries only after a 429, so any other 2xx or 4xx stops it as well; 409 makes the refusal
// visible in HighLevel's delivery log, at the price of showing a duplicate as a failure there.
func WithReplayStatus(status int) Option {
	return func(c *config) error {
		if status < 200 || status > 499 || (status >= 300 && status < 400) || status == http.StatusTooManyRequests {
			return fmt.Errorf("%w: replay status %d is not a 2xx or a 4xx other than 429", ErrInvalidOption, status)
		}
		c.replayStatus = status
		return nil
	}
}
