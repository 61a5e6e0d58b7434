package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl/webhook"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultCleanupInterval is how often a ReplayStore deletes rows that expired.
const DefaultCleanupInterval = time.Minute

// cleanupBatch bounds the rows one automatic cleanup deletes, so that a Claim never waits on a long delete.
const cleanupBatch = 1000

// ReplayStoreOptions configures a ReplayStore. The zero value takes every default.
type ReplayStoreOptions struct {
	// Table holds the deliveries (DefaultReplayTable if empty); "schema.table" names one in another schema.
	Table string
	// CleanupInterval is how often a Claim also deletes expired rows, at most cleanupBatch of them
	// (DefaultCleanupInterval if zero).
	CleanupInterval time.Duration
}

// ReplayStore is a webhook.ReplayStore on PostgreSQL: a webhookId claimed or handled by any replica is refused
// by every other one that uses the same table. Each ID is one row with an expiry on PostgreSQL's clock: a claim
// lapses after the Handler's lease, a handled ID after the keep the Handler asks for (twice its timestamp
// tolerance). An expired row counts as absent at once; the store deletes expired rows itself, from a Claim
// every CleanupInterval, and Cleanup deletes them all.
//
// When PostgreSQL cannot be reached, Claim returns the error, and the Handler answers 429 so that HighLevel
// delivers again later: a delivery is never handled without the shared record that stops its replays.
type ReplayStore struct {
	pool     *pgxpool.Pool
	attempts int // see onLiveConn
	table    table
	interval time.Duration

	mu          sync.Mutex
	claims      map[string]string // webhookId → the value of this store's live claim on it
	lastCleanup time.Time
}

// NewReplayStore returns a replay store on pool. Call Migrate once to create its table.
func NewReplayStore(pool *pgxpool.Pool, opts ReplayStoreOptions) *ReplayStore {
	interval := opts.CleanupInterval
	if interval <= 0 {
		interval = DefaultCleanupInterval
	}
	return &ReplayStore{pool: pool, attempts: attemptsFor(pool), table: tableOf(opts.Table, DefaultReplayTable), interval: interval,
		claims: map[string]string{}, lastCleanup: time.Now()}
}

// MigrationSQL returns the statements Migrate runs, for teams that apply schema changes by hand.
func (s *ReplayStore) MigrationSQL() string { return replaySchema(s.table) }

// Migrate creates the store's table and its index if they do not exist.
func (s *ReplayStore) Migrate(ctx context.Context) error {
	return migrate(ctx, s.pool, s.table, s.MigrationSQL())
}

// Claim results, from claimSQL.
const (
	claimed  = 0
	handled  = 1
	inFlight = 2
)

// claimSQL inserts the claim, or takes over a row that expired, in one statement; otherwise it reads what the
// live row is. No row at all means a concurrent claim inserted it after this statement's snapshot: in flight.
func (s *ReplayStore) claimSQL() string {
	t := s.table.quoted
	return `WITH won AS (
	INSERT INTO ` + t + ` AS d (webhook_id, claim, expires_at) VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond')
	ON CONFLICT (webhook_id) DO UPDATE SET claim = EXCLUDED.claim, expires_at = EXCLUDED.expires_at
	WHERE d.expires_at <= now()
	RETURNING 0 AS state
)
SELECT state FROM won
UNION ALL
SELECT CASE WHEN claim IS NULL THEN 1 ELSE 2 END FROM ` + t + `
WHERE webhook_id = $1 AND expires_at > now() AND NOT EXISTS (SELECT 1 FROM won)`
}

// Claim implements webhook.ReplayStore: nil hands the delivery to this caller, webhook.ErrReplay says it was
// handled, webhook.ErrInFlight says a replica is handling it now.
func (s *ReplayStore) Claim(ctx context.Context, webhookID string, lease time.Duration) error {
	value, err := newClaim()
	if err != nil {
		return err
	}
	state := inFlight
	// Tried again on a dead connection: if the first try's claim went through unanswered, the next one finds
	// it in flight, which refuses the delivery for this once (HighLevel delivers again) but never handles it
	// twice.
	err = onLiveConn(ctx, s.attempts, func() error {
		return s.pool.QueryRow(ctx, s.claimSQL(), webhookID, value, max(1, lease.Milliseconds())).Scan(&state)
	})
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("pgstore: claiming webhook %s: %w", webhookID, describe(err, s.table))
	}
	switch state {
	case handled:
		return webhook.ErrReplay
	case inFlight:
		return webhook.ErrInFlight
	}
	s.mu.Lock()
	s.claims[webhookID] = value
	due := time.Since(s.lastCleanup) >= s.interval
	if due {
		s.lastCleanup = time.Now()
	}
	s.mu.Unlock()
	if due {
		// The claim stands either way; a cleanup that fails is tried again at the next interval.
		_, _ = s.cleanup(ctx, cleanupBatch)
	}
	return nil
}

// Complete implements webhook.ReplayStore: the ID is kept as handled for keep.
func (s *ReplayStore) Complete(ctx context.Context, webhookID string, keep time.Duration) error {
	s.forget(webhookID)
	err := onLiveConn(ctx, s.attempts, func() error {
		_, err := s.pool.Exec(ctx, "INSERT INTO "+s.table.quoted+" (webhook_id, claim, expires_at) "+
			"VALUES ($1, NULL, now() + $2::bigint * interval '1 millisecond') "+
			"ON CONFLICT (webhook_id) DO UPDATE SET claim = NULL, expires_at = EXCLUDED.expires_at",
			webhookID, max(1, keep.Milliseconds()))
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: recording webhook %s as handled: %w", webhookID, describe(err, s.table))
	}
	return nil
}

// Release implements webhook.ReplayStore: this store's claim on the ID is dropped, so that HighLevel's retry is
// handled as new. A handled ID, or a claim of another replica (after this one's lapsed), stays.
func (s *ReplayStore) Release(ctx context.Context, webhookID string) error {
	value := s.forget(webhookID)
	if value == "" {
		return nil
	}
	err := onLiveConn(ctx, s.attempts, func() error {
		_, err := s.pool.Exec(ctx, "DELETE FROM "+s.table.quoted+" WHERE webhook_id = $1 AND claim = $2", webhookID, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: releasing webhook %s (its claim lapses by itself): %w", webhookID, describe(err, s.table))
	}
	return nil
}

// Cleanup deletes every expired row now and returns how many it deleted. Claim already does it in batches
// every CleanupInterval; call Cleanup from a job if deliveries come in bursts far apart.
func (s *ReplayStore) Cleanup(ctx context.Context) (int64, error) {
	var total int64
	for {
		n, err := s.cleanup(ctx, cleanupBatch)
		total += n
		if err != nil || n < cleanupBatch {
			return total, err
		}
	}
}

func (s *ReplayStore) cleanup(ctx context.Context, limit int) (int64, error) {
	t := s.table.quoted
	tag, err := s.pool.Exec(ctx, "DELETE FROM "+t+" WHERE webhook_id IN (SELECT webhook_id FROM "+t+
		" WHERE expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)", limit)
	if err != nil {
		return 0, fmt.Errorf("pgstore: deleting expired webhook records: %w", describe(err, s.table))
	}
	return tag.RowsAffected(), nil
}

func (s *ReplayStore) forget(webhookID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.claims[webhookID]
	delete(s.claims, webhookID)
	return v
}

// newClaim returns a value no other claim has: 128 random bits.
func newClaim() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

var _ webhook.ReplayStore = (*ReplayStore)(nil)
