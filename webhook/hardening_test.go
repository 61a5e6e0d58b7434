package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingBody counts the body bytes the Handler has read, and says when all the connections' bytes are in.
type countingBody struct {
	io.ReadCloser
	read   *atomic.Int64
	want   int64
	arrive chan<- struct{}
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 && b.read.Add(int64(n)) == b.want {
		close(b.arrive)
	}
	return n, err
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestHandlerDoesNotAllocateTheDeclaredBody opens idle connections that each declare a body at the cap but send
// only a few bytes of it: the Handler holds what arrived, not what was announced.
func TestHandlerDoesNotAllocateTheDeclaredBody(t *testing.T) {
	const (
		conns    = 200
		declared = DefaultMaxBodyBytes // at the cap, so it is not refused at once with a 413
		sent     = 100
	)
	h := newTestHandler(t, newFakeClock())
	var read atomic.Int64
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = &countingBody{ReadCloser: r.Body, read: &read, want: conns * sent, arrive: arrived}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	before := heapInUse()
	clients := make([]net.Conn, 0, conns)
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	head := fmt.Sprintf("POST /hooks HTTP/1.1\r\nHost: x\r\nX-Ghl-Signature: x\r\nContent-Length: %d\r\n\r\n", declared)
	chunk := make([]byte, sent)
	for range conns {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		require.NoError(t, err)
		clients = append(clients, c)
		_, err = io.WriteString(c, head)
		require.NoError(t, err)
		_, err = c.Write(chunk)
		require.NoError(t, err)
	}
	select {
	case <-arrived:
	case <-t.Context().Done():
		t.Fatalf("the handlers read %d of %d bytes", read.Load(), conns*sent)
	}
	after := heapInUse()
	growth := int64(after) - int64(before)
	t.Logf("%d connections declaring %d bytes each, %d sent: heap grew by %.1f MiB", conns, declared, sent,
		float64(growth)/(1<<20))
	assert.Less(t, growth, int64(10<<20), "heap grew by %d bytes", growth)
	runtime.KeepAlive(clients)
}

// TestMemoryStoreReleasesOnlyItsOwnClaim: a caller whose lease ran out, and whose ID another caller claimed
// since, gives up nothing when it releases.
func TestMemoryStoreReleasesOnlyItsOwnClaim(t *testing.T) {
	clock := newFakeClock()
	s := NewMemoryStore(10, clock.Now)
	first := WithClaimToken(context.Background(), "first")
	second := WithClaimToken(context.Background(), "second")
	require.NoError(t, s.Claim(first, "id", time.Minute))
	clock.Advance(time.Minute)
	require.NoError(t, s.Claim(second, "id", time.Minute), "the first lease ran out")
	require.NoError(t, s.Release(first, "id"))
	assert.ErrorIs(t, s.Claim(context.Background(), "id", time.Minute), ErrInFlight, "the second claim stays")
	require.NoError(t, s.Release(second, "id"))
	assert.NoError(t, s.Claim(context.Background(), "id", time.Minute), "its owner released it")
}

// TestHandlerSlowFailureKeepsTheNewerClaim: a function that outlives the claim's lease and then fails must
// not free the claim a retry made meanwhile, or a third copy would run beside the second.
func TestHandlerSlowFailureKeepsTheNewerClaim(t *testing.T) {
	clock := newFakeClock()
	h := newTestHandler(t, clock, WithTolerance(time.Hour))
	var calls atomic.Int32
	entered := make(chan int32, 3)
	finish := []chan error{make(chan error), make(chan error)}
	h.OnDefault(func(context.Context, *Event) error {
		n := calls.Add(1)
		entered <- n
		if n > 2 {
			return nil // a third copy: the test fails below, without waiting
		}
		return <-finish[n-1]
	})
	body := stamped(t, TypeNoteCreate, "wh-slow", clock.Now())
	codes := make(chan int, 2)
	go func() { codes <- post(h, body, signedHeader(body)).Code }()
	require.Equal(t, int32(1), <-entered)
	clock.Advance(claimLease)
	go func() { codes <- post(h, body, signedHeader(body)).Code }()
	require.Equal(t, int32(2), <-entered, "the first claim's lease ran out, so the retry runs")

	finish[0] <- errors.New("timed out")
	assert.Equal(t, http.StatusTooManyRequests, <-codes)
	assert.Equal(t, http.StatusConflict, post(h, body, signedHeader(body)).Code, "the second copy still holds it")
	assert.Equal(t, int32(2), calls.Load(), "a third copy ran beside the second")

	finish[1] <- nil
	assert.Equal(t, http.StatusOK, <-codes)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, int32(2), calls.Load(), "a handled delivery ran again")
}

// TestHandlerRemembersAFutureStampForItsWholeWindow: a delivery stamped at the far edge of the window is still
// accepted 2×tolerance after it was handled, so its record must outlive that.
func TestHandlerRemembersAFutureStampForItsWholeWindow(t *testing.T) {
	for _, tolerance := range []time.Duration{time.Second, time.Minute, DefaultTolerance, time.Hour} {
		t.Run(tolerance.String(), func(t *testing.T) {
			clock := newFakeClock()
			h := newTestHandler(t, clock, WithTolerance(tolerance))
			rec := &recorder{}
			h.OnDefault(rec.fn)
			body := stamped(t, TypeNoteCreate, "wh-edge", clock.Now().Add(tolerance))
			require.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
			clock.Advance(2 * tolerance)
			assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
			assert.Equal(t, 1, rec.count(), "the replay at the window's last instant ran again")
			clock.Advance(time.Nanosecond)
			assert.Equal(t, http.StatusBadRequest, post(h, body, signedHeader(body)).Code, "then it is stale")
		})
	}
}

// TestHandlerRefusesANilFunction: a nil function is a bug at registration, not a delivery answered 200 and lost.
func TestHandlerRefusesANilFunction(t *testing.T) {
	h := newTestHandler(t, newFakeClock())
	rec := &recorder{}
	h.On(TypeNoteCreate, rec.fn)
	var fn HandlerFunc
	assert.PanicsWithValue(t, "webhook: nil HandlerFunc for "+TypeNoteCreate, func() { h.On(TypeNoteCreate, fn) })
	assert.PanicsWithValue(t, "webhook: nil HandlerFunc for OnDefault", func() { h.OnDefault(nil) })
	body := stamped(t, TypeNoteCreate, "wh-nil", testNow)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 1, rec.count(), "the earlier registration stays")
}
