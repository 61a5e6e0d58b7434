package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/ghlkit/ghl/webhook"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The ReplayStore contract, step by step, with the steps split between two stores (two replicas).
func TestReplayStoreAcrossReplicas(t *testing.T) {
	srv := startRedis(t)
	a := redisstore.NewReplayStore(srv.Client(), redisstore.ReplayStoreOptions{})
	b := redisstore.NewReplayStore(srv.Client(), redisstore.ReplayStoreOptions{})
	ctxA := webhook.WithClaimToken(ctxT(t), "attempt-a")
	ctxB := webhook.WithClaimToken(ctxT(t), "attempt-b")
	ctxB2 := webhook.WithClaimToken(ctxT(t), "attempt-b2")
	steps := []struct {
		what string
		do   func() error
		want error
	}{
		{"a claims", func() error { return a.Claim(ctxA, "wh-1", time.Minute) }, nil},
		{"b sees it in flight", func() error { return b.Claim(ctxB, "wh-1", time.Minute) }, webhook.ErrInFlight},
		{"b's release drops nothing of a's", func() error { return b.Release(ctxB, "wh-1") }, nil},
		{"still in flight for b", func() error { return b.Claim(ctxB, "wh-1", time.Minute) }, webhook.ErrInFlight},
		{"a's handler failed: a releases", func() error { return a.Release(ctxA, "wh-1") }, nil},
		{"b handles the retry", func() error { return b.Claim(ctxB2, "wh-1", time.Minute) }, nil},
		{"b completes", func() error { return b.Complete(ctxB2, "wh-1", time.Minute) }, nil},
		{"a refuses the replay", func() error { return a.Claim(ctxA, "wh-1", time.Minute) }, webhook.ErrReplay},
		{"a's release keeps a handled ID", func() error { return a.Release(ctxA, "wh-1") }, nil},
		{"b refuses the replay", func() error { return b.Claim(ctxB, "wh-1", time.Minute) }, webhook.ErrReplay},
		{"another ID is free", func() error { return a.Claim(ctxA, "wh-2", time.Minute) }, nil},
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

// A claim expires after its lease and a handled ID after its keep: the key's own expiry, nothing to sweep.
func TestReplayStoreExpiry(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	s := redisstore.NewReplayStore(rdb, redisstore.ReplayStoreOptions{Prefix: "p:"})
	ctx := ctxT(t)
	require.NoError(t, s.Claim(ctx, "wh-1", 5*time.Minute))
	ttl, err := rdb.PTTL(ctx, "p:webhook:wh-1").Result()
	require.NoError(t, err)
	assert.InDelta(t, (5 * time.Minute).Seconds(), ttl.Seconds(), 1, "a claim lives for its lease")
	require.NoError(t, s.Complete(ctx, "wh-1", 10*time.Minute))
	ttl, err = rdb.PTTL(ctx, "p:webhook:wh-1").Result()
	require.NoError(t, err)
	assert.InDelta(t, (10 * time.Minute).Seconds(), ttl.Seconds(), 1, "a handled ID lives for the replay window")

	// A stale claimer (its lease ran out, another attempt claimed since) cannot drop the new claim, whether the
	// new attempt came to this store or to another replica's.
	for _, second := range []*redisstore.ReplayStore{s, redisstore.NewReplayStore(rdb, redisstore.ReplayStoreOptions{Prefix: "p:"})} {
		stale, fresh := webhook.WithClaimToken(ctx, "stale"), webhook.WithClaimToken(ctx, "fresh")
		require.NoError(t, s.Claim(stale, "wh-2", time.Minute))
		require.NoError(t, rdb.Del(ctx, "p:webhook:wh-2").Err()) // the lease ran out
		require.NoError(t, second.Claim(fresh, "wh-2", time.Minute))
		require.NoError(t, s.Release(stale, "wh-2"))
		assert.ErrorIs(t, s.Claim(ctx, "wh-2", time.Minute), webhook.ErrInFlight, "a stale release dropped the new claim")
		require.NoError(t, second.Release(fresh, "wh-2"))
		require.NoError(t, s.Claim(stale, "wh-2", time.Minute), "the new claim's owner released it")
		require.NoError(t, rdb.Del(ctx, "p:webhook:wh-2").Err())
	}
}

func TestReplayStoreWithoutRedis(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.NewReplayStore(srv.Client(), redisstore.ReplayStoreOptions{})
	srv.Kill()
	err := s.Claim(ctxT(t), "wh-1", time.Minute)
	require.Error(t, err, "a delivery must not be handled without the shared record")
	assert.NotErrorIs(t, err, webhook.ErrReplay)
	assert.NotErrorIs(t, err, webhook.ErrInFlight)
	assert.Contains(t, err.Error(), "redisstore: claiming webhook wh-1")
}

// Two receivers, as two replicas behind a load balancer, each with its own connection to one Redis.
func TestTwoWebhookReceiversBehindOneRedis(t *testing.T) {
	srv := startRedis(t)
	signer := ghltest.NewWebhookSigner()
	var handled atomic.Int32
	var fail atomic.Bool
	var gates atomic.Pointer[gate] // when set, the handler says it started and waits to be let go
	receiver := func() string {
		h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()), webhook.WithReplayStatus(http.StatusConflict),
			webhook.WithReplayStore(redisstore.NewReplayStore(srv.Client(), redisstore.ReplayStoreOptions{})))
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
	a, b := receiver(), receiver()
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

// A delivery whose function outlives its claim's lease and then fails must not free the claim that a second
// delivery of the webhook made meanwhile, whether the second came to the same replica or to another: else a
// third copy would run beside the second.
func TestReplaySlowFailureKeepsTheNewerClaim(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	signer := ghltest.NewWebhookSigner()
	tests := []struct {
		name        string
		sameReplica bool
	}{
		{"same replica", true},
		{"two replicas", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := fmt.Sprintf("slow%d:", i)
			var calls atomic.Int32
			entered := make(chan int32, 3)
			finish := []chan error{make(chan error, 1), make(chan error, 1)}
			receiver := func() string {
				h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()), webhook.WithReplayStatus(http.StatusConflict),
					webhook.WithReplayStore(redisstore.NewReplayStore(srv.Client(), redisstore.ReplayStoreOptions{Prefix: prefix})))
				require.NoError(t, err)
				h.OnDefault(func(context.Context, *webhook.Event) error {
					n := calls.Add(1)
					entered <- n
					if n > 2 {
						return nil // a third copy: the test fails below, without waiting
					}
					return <-finish[n-1]
				})
				rs := httptest.NewServer(h)
				t.Cleanup(rs.Close)
				return rs.URL
			}
			a := receiver()
			b := a
			if !tt.sameReplica {
				b = receiver()
			}
			t.Cleanup(func() { // runs before the servers close: a function still waiting returns
				for _, c := range finish {
					select {
					case c <- nil:
					default:
					}
				}
			})
			deliver := func(url string, body []byte) int {
				d, err := signer.Deliver(ctxT(t), url, body)
				if err != nil {
					return 0
				}
				return d.StatusCode
			}
			body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
			codes := make(chan int, 2)

			go func() { codes <- deliver(a, body) }()
			require.Equal(t, int32(1), <-entered)
			keys, err := rdb.Keys(ctxT(t), prefix+"webhook:*").Result()
			require.NoError(t, err)
			require.Len(t, keys, 1, "the first delivery's claim")
			first, err := rdb.Get(ctxT(t), keys[0]).Result()
			require.NoError(t, err)
			require.NoError(t, rdb.Del(ctxT(t), keys[0]).Err()) // the first claim's lease ran out
			go func() { codes <- deliver(b, body) }()
			require.Equal(t, int32(2), <-entered, "the first claim lapsed, so the retry runs")
			second, err := rdb.Get(ctxT(t), keys[0]).Result()
			require.NoError(t, err)
			require.NotEqual(t, first, second, "each attempt claims with its own token")

			finish[0] <- errors.New("timed out")
			assert.Equal(t, http.StatusTooManyRequests, <-codes, "the slow delivery failed")
			held, err := rdb.Get(ctxT(t), keys[0]).Result()
			require.NoError(t, err, "the slow delivery's release dropped the newer claim")
			assert.Equal(t, second, held)
			assert.Equal(t, http.StatusConflict, deliver(a, body), "the second delivery still holds it")
			assert.Equal(t, int32(2), calls.Load(), "a third copy ran beside the second")

			finish[1] <- nil
			assert.Equal(t, http.StatusOK, <-codes)
			assert.Equal(t, http.StatusConflict, deliver(b, body), "a replay after success")
			assert.Equal(t, int32(2), calls.Load(), "a handled delivery ran again")
		})
	}
}
