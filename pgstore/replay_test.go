package pgstore_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/pgstore"
	"github.com/ghlkit/ghl/webhook"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newReplayStores returns n migrated stores on one fresh database, each with a pool of its own (a replica),
// and a pool to inspect the table with.
func newReplayStores(t *testing.T, n int, opts pgstore.ReplayStoreOptions) ([]*pgstore.ReplayStore, *pgxpool.Pool) {
	t.Helper()
	pool, url := newDB(t)
	var stores []*pgstore.ReplayStore
	for range n {
		stores = append(stores, pgstore.NewReplayStore(openPool(t, url), opts))
	}
	require.NoError(t, stores[0].Migrate(ctxT(t)))
	return stores, pool
}

// The ReplayStore contract, step by step, with the steps split between two stores (two replicas).
func TestReplayStoreAcrossReplicas(t *testing.T) {
	stores, _ := newReplayStores(t, 2, pgstore.ReplayStoreOptions{})
	a, b := stores[0], stores[1]
	ctx := ctxT(t)
	steps := []struct {
		what string
		do   func() error
		want error
	}{
		{"a claims", func() error { return a.Claim(ctx, "wh-1", time.Minute) }, nil},
		{"b sees it in flight", func() error { return b.Claim(ctx, "wh-1", time.Minute) }, webhook.ErrInFlight},
		{"b's release drops nothing of a's", func() error { return b.Release(ctx, "wh-1") }, nil},
		{"still in flight for b", func() error { return b.Claim(ctx, "wh-1", time.Minute) }, webhook.ErrInFlight},
		{"a's handler failed: a releases", func() error { return a.Release(ctx, "wh-1") }, nil},
		{"b handles the retry", func() error { return b.Claim(ctx, "wh-1", time.Minute) }, nil},
		{"b completes", func() error { return b.Complete(ctx, "wh-1", time.Minute) }, nil},
		{"a refuses the replay", func() error { return a.Claim(ctx, "wh-1", time.Minute) }, webhook.ErrReplay},
		{"a's release keeps a handled ID", func() error { return a.Release(ctx, "wh-1") }, nil},
		{"b refuses the replay", func() error { return b.Claim(ctx, "wh-1", time.Minute) }, webhook.ErrReplay},
		{"another ID is free", func() error { return a.Claim(ctx, "wh-2", time.Minute) }, nil},
	}
	for _, st := range steps {
		err := st.do()
		if st.want == nil {
			require.NoError(t, err, st.what)
		} else {
			require.ErrorIs(t, err, st.want, st.what)
		}
	}
}

// Of many concurrent claims of one ID from two replicas, exactly one wins.
func TestReplayStoreConcurrentClaimsOneWins(t *testing.T) {
	stores, _ := newReplayStores(t, 2, pgstore.ReplayStoreOptions{})
	const each = 10
	var won, inFlight atomic.Int32
	var wg sync.WaitGroup
	for _, s := range stores {
		for range each {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch err := s.Claim(ctxT(t), "wh-race", time.Minute); {
				case err == nil:
					won.Add(1)
				case errors.Is(err, webhook.ErrInFlight):
					inFlight.Add(1)
				default:
					t.Errorf("Claim: %v", err)
				}
			}()
		}
	}
	wg.Wait()
	assert.Equal(t, int32(1), won.Load())
	assert.Equal(t, int32(2*each-1), inFlight.Load())
}

// expiresIn is how long the row of id has left on PostgreSQL's clock.
func expiresIn(t *testing.T, pool *pgxpool.Pool, id string) time.Duration {
	t.Helper()
	var ms float64
	require.NoError(t, pool.QueryRow(ctxT(t), "SELECT extract(epoch FROM expires_at - now()) * 1000 FROM ghl_webhook_deliveries WHERE webhook_id = $1", id).Scan(&ms))
	return time.Duration(ms * float64(time.Millisecond))
}

// lapse moves the expiry of id's row into the past, as the passing of its lease or keep would.
func lapse(t *testing.T, pool *pgxpool.Pool, id string) {
	t.Helper()
	tag, err := pool.Exec(ctxT(t), "UPDATE ghl_webhook_deliveries SET expires_at = now() - interval '1 second' WHERE webhook_id = $1", id)
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected())
}

// A claim lives for its lease and a handled ID for its keep; once either lapses the ID is free again, and a
// stale claimer cannot drop the claim another replica took after it.
func TestReplayStoreExpiry(t *testing.T) {
	stores, pool := newReplayStores(t, 2, pgstore.ReplayStoreOptions{})
	s, other := stores[0], stores[1]
	ctx := ctxT(t)
	require.NoError(t, s.Claim(ctx, "wh-1", 5*time.Minute))
	assert.InDelta(t, (5 * time.Minute).Seconds(), expiresIn(t, pool, "wh-1").Seconds(), 1, "a claim lives for its lease")
	require.NoError(t, s.Complete(ctx, "wh-1", 10*time.Minute))
	assert.InDelta(t, (10 * time.Minute).Seconds(), expiresIn(t, pool, "wh-1").Seconds(), 1, "a handled ID lives for the replay window")
	lapse(t, pool, "wh-1")
	assert.NoError(t, other.Claim(ctx, "wh-1", time.Minute), "a handled ID past its keep is new again")

	require.NoError(t, s.Claim(ctx, "wh-2", time.Minute))
	lapse(t, pool, "wh-2") // the claimer crashed: neither Complete nor Release came
	require.NoError(t, other.Claim(ctx, "wh-2", time.Minute), "a lapsed claim is free")
	require.NoError(t, s.Release(ctx, "wh-2"))
	assert.ErrorIs(t, s.Claim(ctx, "wh-2", time.Minute), webhook.ErrInFlight, "a stale release dropped the new claim")
}

// The store deletes expired rows itself: a Claim does, every CleanupInterval; Cleanup does at once. Live rows
// stay.
func TestReplayStoreCleansUpExpiredRows(t *testing.T) {
	stores, pool := newReplayStores(t, 2, pgstore.ReplayStoreOptions{})
	s := stores[0]
	eager := pgstore.NewReplayStore(pool, pgstore.ReplayStoreOptions{CleanupInterval: time.Nanosecond})
	ctx := ctxT(t)
	_, err := pool.Exec(ctx, "INSERT INTO ghl_webhook_deliveries (webhook_id, claim, expires_at) "+
		"SELECT 'old-' || i, NULL, now() - interval '1 minute' FROM generate_series(1, 2500) AS i")
	require.NoError(t, err)
	require.NoError(t, s.Complete(ctx, "live", time.Hour))
	rows := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM ghl_webhook_deliveries").Scan(&n))
		return n
	}

	require.NoError(t, s.Claim(ctx, "wh-1", time.Minute))
	assert.Equal(t, 2502, rows(), "a store with the default interval does not clean up at once")
	require.NoError(t, eager.Claim(ctx, "wh-2", time.Minute))
	assert.Equal(t, 2502-1000+1, rows(), "a Claim deletes one batch of expired rows once its interval passed")
	n, err := s.Cleanup(ctx)
	require.NoError(t, err)
	assert.EqualValues(t, 1500, n)
	assert.Equal(t, 3, rows(), "the live rows stay")
	assert.ErrorIs(t, s.Claim(ctx, "live", time.Minute), webhook.ErrReplay)
}

func TestReplayStoreBeforeMigrateSaysSo(t *testing.T) {
	pool, _ := newDB(t)
	s := pgstore.NewReplayStore(pool, pgstore.ReplayStoreOptions{})
	err := s.Claim(ctxT(t), "wh-1", time.Minute)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "table ghl_webhook_deliveries does not exist (call Migrate")
}

func TestReplayStoreWithoutPostgres(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	srv := startPostgres(t)
	s := pgstore.NewReplayStore(openPool(t, srv.URL), pgstore.ReplayStoreOptions{})
	require.NoError(t, s.Migrate(ctxT(t)))
	srv.Crash()
	err := s.Claim(ctxT(t), "wh-1", time.Minute)
	require.Error(t, err, "a delivery must not be handled without the shared record")
	assert.NotErrorIs(t, err, webhook.ErrReplay)
	assert.NotErrorIs(t, err, webhook.ErrInFlight)
	assert.Contains(t, err.Error(), "pgstore: claiming webhook wh-1")
}

// Two receivers, as two replicas behind a load balancer, each with its own pool on one database.
func TestTwoWebhookReceiversOnOneDatabase(t *testing.T) {
	stores, _ := newReplayStores(t, 2, pgstore.ReplayStoreOptions{})
	signer := ghltest.NewWebhookSigner()
	var handled atomic.Int32
	var fail atomic.Bool
	var gates atomic.Pointer[gate] // when set, the handler says it started and waits to be let go
	receiver := func(store *pgstore.ReplayStore) string {
		h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()), webhook.WithReplayStatus(http.StatusConflict),
			webhook.WithReplayStore(store))
		require.NoError(t, err)
		h.OnDefault(func(context.Context, *webhook.Event) error {
			if g := gates.Load(); g != nil {
				close(g.started)
				<-g.release
			}
			if fail.Load() {
				return errors.New("handler failed")
			}
			handled.Add(1)
			return nil
		})
		rs := httptest.NewServer(h)
		t.Cleanup(rs.Close)
		return rs.URL
	}
	a, b := receiver(stores[0]), receiver(stores[1])
	deliver := func(url string, body []byte) int {
		d, err := signer.Deliver(ctxT(t), url, body)
		if err != nil {
			return 0
		}
		return d.StatusCode
	}

	t.Run("a replay to the other replica is refused", func(t *testing.T) {
		handled.Store(0)
		body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
		assert.Equal(t, http.StatusOK, deliver(a, body))
		assert.Equal(t, http.StatusConflict, deliver(b, body))
		assert.Equal(t, http.StatusConflict, deliver(a, body))
		assert.Equal(t, int32(1), handled.Load())
	})
	t.Run("a retry after a failure is handled by the other replica", func(t *testing.T) {
		handled.Store(0)
		body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
		fail.Store(true)
		assert.Equal(t, http.StatusTooManyRequests, deliver(a, body))
		fail.Store(false)
		assert.Equal(t, http.StatusOK, deliver(b, body))
		assert.Equal(t, http.StatusConflict, deliver(a, body))
		assert.Equal(t, int32(1), handled.Load())
	})
	t.Run("a duplicate while the other replica handles it is refused", func(t *testing.T) {
		handled.Store(0)
		body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
		g := &gate{started: make(chan struct{}), release: make(chan struct{})}
		gates.Store(g)
		first := make(chan int, 1)
		go func() { first <- deliver(a, body) }()
		<-g.started
		gates.Store(nil)
		assert.Equal(t, http.StatusConflict, deliver(b, body), "in flight at a")
		close(g.release)
		assert.Equal(t, http.StatusOK, <-first)
		assert.Equal(t, int32(1), handled.Load())
	})
}

type gate struct{ started, release chan struct{} }
