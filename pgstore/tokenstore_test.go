package pgstore_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/ghlkit/ghl/pgstore"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The contract every auth.Store meets, each case on a fresh table of one database.
func TestTokenStoreContract(t *testing.T) {
	pool, _ := newDB(t)
	var n atomic.Int64
	storetest.Run(t, func(t *testing.T) auth.Store {
		s := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{Table: "contract_" + strconv.FormatInt(n.Add(1), 10)})
		require.NoError(t, s.Migrate(ctxT(t)))
		return s
	})
}

// newTokenStore returns a migrated store on a fresh database, and the pool it uses.
func newTokenStore(t *testing.T, opts pgstore.TokenStoreOptions) (*pgstore.TokenStore, *pgxpool.Pool, string) {
	t.Helper()
	pool, url := newDB(t)
	s := pgstore.NewTokenStore(pool, opts)
	require.NoError(t, s.Migrate(ctxT(t)))
	return s, pool, url
}

// Stores with pools of their own stand for processes on other machines: only PostgreSQL's lock is between
// them. Every locked increment must survive, whatever isolation the database gives transactions by default
// (under repeatable read, a snapshot taken before the lock wait would miss the previous holder's save).
func TestTokenStoreLockSerializesAcrossStores(t *testing.T) {
	for _, isolation := range []string{"read committed", "repeatable read", "serializable"} {
		t.Run(isolation, func(t *testing.T) { testLockSerializesAcrossStores(t, isolation) })
	}
}

func testLockSerializesAcrossStores(t *testing.T, isolation string) {
	first, pool, url := newTokenStore(t, pgstore.TokenStoreOptions{})
	var db string
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT current_database()").Scan(&db))
	_, err := pool.Exec(ctxT(t), "ALTER DATABASE "+db+" SET default_transaction_isolation = '"+isolation+"'")
	require.NoError(t, err)
	const stores, workers, rounds = 4, 4, 6
	key := storetest.Key(1)
	start := storetest.SampleToken(1)
	start.AccessToken = "0"
	save(t, first, key, start)
	var all []*pgstore.TokenStore
	for range stores {
		all = append(all, pgstore.NewTokenStore(openPool(t, url), pgstore.TokenStoreOptions{}))
	}
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
	got, err := first.Load(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(stores*workers*rounds), got.AccessToken, "updates were lost: the lock let two holders overlap")
}

// The lock lives in a transaction: PostgreSQL shows it while held, and it is gone once Save committed, with no
// Unlock. A held lock does not block readers or Delete.
func TestTokenStoreLockIsATransactionsAdvisoryLock(t *testing.T) {
	s, pool, _ := newTokenStore(t, pgstore.TokenStoreOptions{})
	key := storetest.Key(1)
	save(t, s, key, storetest.SampleToken(1))
	lk, err := s.Lock(ctxT(t), key)
	require.NoError(t, err)
	defer lk.Unlock() //nolint:errcheck
	assert.Equal(t, 1, advisoryLocks(t, pool), "the held lock")

	_, err = s.Load(ctxT(t), key)
	assert.NoError(t, err, "a reader waits for no lock")
	require.NoError(t, lk.Save(ctxT(t), storetest.SampleToken(2)))
	assert.Equal(t, 0, advisoryLocks(t, pool), "Save's commit ended the lock")
	require.NoError(t, lk.Unlock())
	assert.ErrorIs(t, lk.Save(ctxT(t), storetest.SampleToken(3)), errSaveRefused(t, s), "a save after the lock ended")

	lk2, err := s.Lock(ctxT(t), key)
	require.NoError(t, err)
	require.NoError(t, s.Delete(ctxT(t), key), "Delete does not wait for the lock")
	require.NoError(t, lk2.Unlock())
	_, err = s.Load(ctxT(t), key)
	assert.ErrorIs(t, err, auth.ErrNotStored)
}

// errSaveRefused returns the error a Save after Unlock gets, to compare with.
func errSaveRefused(t *testing.T, s *pgstore.TokenStore) error {
	t.Helper()
	lk, err := s.Lock(ctxT(t), storetest.Key(99))
	require.NoError(t, err)
	require.NoError(t, lk.Unlock())
	err = lk.Save(ctxT(t), storetest.SampleToken(1))
	require.Error(t, err)
	return err
}

func advisoryLocks(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "+
		"(SELECT oid FROM pg_database WHERE datname = current_database())").Scan(&n))
	return n
}

// A holder whose transaction PostgreSQL ended (here an administrator terminates its backend, as the server
// does on a lost connection or a restart) frees the lock at once, and its Save is refused: it must not write
// over the token of the process that took the lock after it.
func TestTokenStoreSaveAfterTheLockEndedIsRefused(t *testing.T) {
	a, pool, url := newTokenStore(t, pgstore.TokenStoreOptions{})
	b := pgstore.NewTokenStore(openPool(t, url), pgstore.TokenStoreOptions{})
	key := storetest.Key(1)
	stale, err := a.Lock(ctxT(t), key)
	require.NoError(t, err)
	var terminated bool
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted").Scan(&terminated))
	require.True(t, terminated)

	start := time.Now()
	current, err := b.Lock(ctxT(t), key)
	require.NoError(t, err)
	took := time.Since(start)
	require.NoError(t, current.Save(ctxT(t), storetest.SampleToken(2)))
	require.NoError(t, current.Unlock())
	assert.Less(t, took, time.Second, "the lock of an ended transaction was not free at once")

	err = stale.Save(ctxT(t), storetest.SampleToken(1))
	require.ErrorIs(t, err, pgstore.ErrLockLost)
	assert.Contains(t, err.Error(), "terminating connection")
	require.NoError(t, stale.Unlock())
	got, err := a.Load(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, "rt-2", got.RefreshToken, "the stale holder overwrote the newer token")
}

// A holder that stays idle past IdleTimeout (a machine that vanished without closing its connection) loses the
// lock when PostgreSQL ends its transaction; not before, and its late Save is refused.
func TestTokenStoreIdleHolderLosesTheLock(t *testing.T) {
	const idle = 300 * time.Millisecond
	a, _, url := newTokenStore(t, pgstore.TokenStoreOptions{IdleTimeout: idle})
	b := pgstore.NewTokenStore(openPool(t, url), pgstore.TokenStoreOptions{})
	key := storetest.Key(1)
	stale, err := a.Lock(ctxT(t), key)
	require.NoError(t, err)
	start := time.Now()
	current, err := b.Lock(ctxT(t), key)
	require.NoError(t, err)
	waited := time.Since(start)
	require.NoError(t, current.Unlock())
	assert.GreaterOrEqual(t, waited, idle-50*time.Millisecond, "the lock was taken from a holder within its idle timeout")
	assert.Less(t, waited, idle+5*time.Second)
	assert.ErrorIs(t, stale.Save(ctxT(t), storetest.SampleToken(1)), pgstore.ErrLockLost)
	require.NoError(t, stale.Unlock())
}

func TestTokenStoreCorruptToken(t *testing.T) {
	s, pool, _ := newTokenStore(t, pgstore.TokenStoreOptions{})
	save(t, s, storetest.Key(1), storetest.SampleToken(1))
	_, err := pool.Exec(ctxT(t), `UPDATE ghl_tokens SET token = '{"access_token": "secret-at-1", "expiry": 12'`)
	require.NoError(t, err)

	_, err = s.Load(ctxT(t), storetest.Key(1))
	require.ErrorIs(t, err, auth.ErrCorrupt)
	var ce *auth.CorruptError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "postgres table ghl_tokens, row of "+storetest.Key(1).String(), ce.Path)
	assert.NotContains(t, err.Error(), "secret-at-1")
	var raw string
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT token FROM ghl_tokens").Scan(&raw))
	assert.Contains(t, raw, "secret-at-1", "a corrupt token is left as it is")
}

// No table is created behind the caller's back: before Migrate, every operation says what to do.
func TestTokenStoreBeforeMigrateSaysSo(t *testing.T) {
	pool, _ := newDB(t)
	s := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})
	_, err := s.Load(ctxT(t), storetest.Key(1))
	require.Error(t, err)
	assert.NotErrorIs(t, err, auth.ErrNotStored)
	assert.Contains(t, err.Error(), "table ghl_tokens does not exist (call Migrate or run the SQL in the package documentation)")

	lk, err := s.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err, "the lock needs no table")
	err = lk.Save(ctxT(t), storetest.SampleToken(1))
	assert.Contains(t, err.Error(), "table ghl_tokens does not exist")
	assert.NotErrorIs(t, err, pgstore.ErrLockLost)
	require.NoError(t, lk.Unlock())

	var exists bool
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT to_regclass('ghl_tokens') IS NOT NULL").Scan(&exists))
	assert.False(t, exists)
}

// Replicas that start together may all call Migrate; a table in another schema is named "schema.table".
func TestMigrateConcurrentlyAndInASchema(t *testing.T) {
	pool, _ := newDB(t)
	_, err := pool.Exec(ctxT(t), "CREATE SCHEMA billing")
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		for _, opts := range []pgstore.TokenStoreOptions{{}, {Table: "billing.tokens"}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- pgstore.NewTokenStore(pool, opts).Migrate(ctxT(t))
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	inSchema := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{Table: "billing.tokens"})
	save(t, inSchema, storetest.Key(1), storetest.SampleToken(1))
	var n int
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT count(*) FROM billing.tokens").Scan(&n))
	assert.Equal(t, 1, n)
	_, err = pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{}).Load(ctxT(t), storetest.Key(1))
	assert.ErrorIs(t, err, auth.ErrNotStored, "the default table is another one")
}

// The package documentation shows the SQL Migrate runs, for teams that migrate by hand; it must not drift.
func TestMigrationSQLIsInThePackageDocs(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	var doc strings.Builder
	for _, line := range strings.Split(string(src), "\n") {
		if code, ok := strings.CutPrefix(line, "//\t"); ok {
			doc.WriteString(code + "\n")
		}
	}
	for name, sql := range map[string]string{
		"tokens":  pgstore.NewTokenStore(nil, pgstore.TokenStoreOptions{}).MigrationSQL(),
		"replays": pgstore.NewReplayStore(nil, pgstore.ReplayStoreOptions{}).MigrationSQL(),
	} {
		assert.Contains(t, doc.String(), sql, "the %s table's SQL in doc.go differs from what Migrate runs", name)
	}
}

// Without PostgreSQL, nothing can be locked, loaded or saved: each says so at once instead of waiting.
func TestTokenStoreWithoutPostgresFailsClearly(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	srv := startPostgres(t)
	pool := openPool(t, srv.URL)
	s := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})
	require.NoError(t, s.Migrate(ctxT(t)))
	lk, err := s.Lock(ctxT(t), storetest.Key(1))
	require.NoError(t, err)
	srv.Crash()
	err = lk.Save(ctxT(t), storetest.SampleToken(1))
	assert.ErrorIs(t, err, pgstore.ErrLockLost)
	assert.NoError(t, lk.Unlock(), "Save ended the lock")

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
			assert.Contains(t, err.Error(), "pgstore: ")
			assert.Contains(t, err.Error(), "connect: connection refused")
		})
	}
}

// A saved token survives PostgreSQL stopping as a crash would and starting again (crash recovery from the WAL).
// The pool's idle connections died with the old server; the store's operations move on to live ones instead of
// failing on them.
func TestTokenSurvivesAPostgresRestart(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	srv := startPostgres(t)
	pool := openPool(t, srv.URL)
	s := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})
	require.NoError(t, s.Migrate(ctxT(t)))
	want := storetest.SampleToken(7)
	save(t, s, storetest.Key(1), want)
	var conns []*pgxpool.Conn
	for range int(pool.Config().MaxConns) { // the pool is full of idle connections when the server goes
		c, err := pool.Acquire(ctxT(t))
		require.NoError(t, err)
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Release()
	}
	srv.Crash()
	srv.Start()

	got, err := s.Load(ctxT(t), storetest.Key(1))
	require.NoError(t, err, "the token did not survive the restart")
	assert.Equal(t, want.RefreshToken, got.RefreshToken)
	assert.Equal(t, want.AccessToken, got.AccessToken)
	assert.True(t, want.Expiry.Equal(got.Expiry))
	save(t, s, storetest.Key(1), storetest.SampleToken(8))
	require.NoError(t, s.Delete(ctxT(t), storetest.Key(1)))
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
