package pgstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultIdleTimeout is how long a lock holder may stay silent before PostgreSQL ends its transaction.
const DefaultIdleTimeout = time.Minute

// TokenStoreOptions configures a TokenStore. The zero value takes every default.
type TokenStoreOptions struct {
	// Table holds the tokens (DefaultTokenTable if empty); "schema.table" names one in another schema.
	Table string
	// IdleTimeout bounds how long a holder's transaction may wait between statements
	// (idle_in_transaction_session_timeout, DefaultIdleTimeout if zero): the time the others wait for a replica
	// whose machine vanished without closing its connection. A killed process frees the lock at once
	// whatever this is. Keep it above the longest token request.
	IdleTimeout time.Duration
}

// TokenStore is an auth.Store on PostgreSQL, for replicas on several machines that share one app's tokens. Each
// key is one row of the table; the lock is a transaction-level advisory lock (pg_advisory_xact_lock) on a
// 64-bit hash of the table and key, taken in a transaction that the lock's Save commits or its Unlock rolls
// back. PostgreSQL ends the transaction, and with it the lock, the moment the holder's connection closes, so
// a crashed replica frees the lock at once. See the package documentation for the schema and the choice.
type TokenStore struct {
	pool     *pgxpool.Pool
	attempts int // see onLiveConn
	table    table
	idle     string // IdleTimeout in milliseconds, for set_config

	mu    sync.Mutex
	inner map[auth.Key]chan struct{} // one waiter per key waits in PostgreSQL; the others queue here
}

// NewTokenStore returns a store on pool. It sends nothing until used; call Migrate once to create its table.
func NewTokenStore(pool *pgxpool.Pool, opts TokenStoreOptions) *TokenStore {
	idle := opts.IdleTimeout
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	return &TokenStore{pool: pool, attempts: attemptsFor(pool), table: tableOf(opts.Table, DefaultTokenTable),
		idle: strconv.FormatInt(max(idle.Milliseconds(), 1), 10), inner: map[auth.Key]chan struct{}{}}
}

// String names the store by its table; it holds no secret.
func (s *TokenStore) String() string { return "pgstore.TokenStore(" + s.table.name + ")" }

// MigrationSQL returns the statements Migrate runs, for teams that apply schema changes by hand.
func (s *TokenStore) MigrationSQL() string { return tokenSchema(s.table) }

// Migrate creates the store's table if it does not exist. Nothing else in this package changes the schema.
func (s *TokenStore) Migrate(ctx context.Context) error {
	return migrate(ctx, s.pool, s.table, s.MigrationSQL())
}

// querier is what Load needs: the pool, or the lock's transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Load returns key's token.
func (s *TokenStore) Load(ctx context.Context, key auth.Key) (*auth.Token, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	return s.load(ctx, s.pool, key)
}

func (s *TokenStore) load(ctx context.Context, q querier, key auth.Key) (*auth.Token, error) {
	var raw string
	read := func() error {
		return q.QueryRow(ctx, "SELECT token FROM "+s.table.quoted+" WHERE client_id = $1 AND user_type = $2 AND id = $3",
			key.ClientID, string(key.UserType), key.ID).Scan(&raw)
	}
	var err error
	if _, inTx := q.(pgx.Tx); inTx {
		err = read() // a lock's transaction cannot move to another connection
	} else {
		err = onLiveConn(ctx, s.attempts, read)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, auth.ErrNotStored
	}
	if err != nil {
		return nil, fmt.Errorf("pgstore: loading the token of %s: %w", key, describe(err, s.table))
	}
	tok, err := auth.UnmarshalToken([]byte(raw))
	if err != nil {
		return nil, &auth.CorruptError{Path: "postgres table " + s.table.name + ", row of " + key.String(), Problem: err.Error()}
	}
	return tok, nil
}

// Delete removes key's token. It does not take the lock: deleting is for an app that was uninstalled.
func (s *TokenStore) Delete(ctx context.Context, key auth.Key) error {
	if err := key.Validate(); err != nil {
		return err
	}
	err := onLiveConn(ctx, s.attempts, func() error {
		_, err := s.pool.Exec(ctx, "DELETE FROM "+s.table.quoted+" WHERE client_id = $1 AND user_type = $2 AND id = $3",
			key.ClientID, string(key.UserType), key.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: deleting the token of %s: %w", key, describe(err, s.table))
	}
	return nil
}

// Lock takes key's lock, waiting until it is free or ctx is done. Inside one process the waiters queue in
// memory and one of them waits in PostgreSQL, so a busy process holds one connection per key, not one per
// goroutine. An error reaching PostgreSQL is returned at once: without the lock, no refresh token may be spent.
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
	var tx pgx.Tx
	err := onLiveConn(ctx, s.attempts, func() (err error) {
		tx, err = s.begin(ctx, key)
		return err
	})
	if err != nil {
		<-ch
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("pgstore: locking the token of %s: %w", key, err)
	}
	return &pgLocked{s: s, key: key, tx: tx, ch: ch}, nil
}

// begin opens the lock's transaction and waits in PostgreSQL for the advisory lock. The idle timeout is set for
// this transaction only (set_config's third argument), so the user's pool settings stay as they are.
func (s *TokenStore) begin(ctx context.Context, key auth.Key) (pgx.Tx, error) {
	// Read committed whatever the database's default: each statement then sees what was committed before it,
	// so the Load after the wait finds the token the previous holder saved. Under repeatable read the snapshot
	// would date from before the wait, and a waiter would refresh with a spent refresh token.
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return nil, err
	}
	_, err = tx.Exec(ctx, "SELECT set_config('idle_in_transaction_session_timeout', $1, true), pg_advisory_xact_lock($2)",
		s.idle, s.lockID(key))
	if err != nil {
		// A cancelled wait leaves pgx's connection closed. Its backend may still be queued for the lock: when its
		// turn comes it takes the lock, finds the connection gone and ends, so the next waiter waits a moment more.
		_ = rollback(tx)
		return nil, err
	}
	return tx, nil
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

// lockID is the advisory lock of key in this table: the first 64 bits of a SHA-256 over length-prefixed parts,
// so that parts cannot run into each other. Two keys that share an ID (about one chance in 2^64 per pair)
// would only take turns; the lock space is the database's, shared with any advisory locks of the application,
// which the hash makes as unlikely to meet.
func (s *TokenStore) lockID(key auth.Key) int64 {
	h := sha256.New()
	for _, part := range []string{"ghl pgstore token lock", s.table.name, key.ClientID, string(key.UserType), key.ID} {
		_ = binary.Write(h, binary.BigEndian, uint32(len(part)))
		h.Write([]byte(part))
	}
	return int64(binary.BigEndian.Uint64(h.Sum(nil)))
}
