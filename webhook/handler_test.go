package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder counts the events a Handler passes on.
type recorder struct {
	mu     sync.Mutex
	events []*Event
}

func (r *recorder) fn(_ context.Context, e *Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

// syncBuffer is a log sink the server's goroutines may write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newTestHandler(t *testing.T, clock *fakeClock, opts ...Option) *Handler {
	t.Helper()
	h, err := NewHandler(append([]Option{WithPublicKeys(testSigner.PublicKey()), WithClock(clock.Now)}, opts...)...)
	require.NoError(t, err)
	return h
}

// post sends body straight to h with header.
func post(h http.Handler, body []byte, header http.Header) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	for k, vs := range header {
		r.Header[k] = vs
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerDeliveries(t *testing.T) {
	other := ghltest.NewWebhookSignerFromSeed("not HighLevel")
	tests := []struct {
		name       string
		typ        string
		at         time.Duration // timestamp relative to the receiver's clock
		body       func(t *testing.T, body []byte) []byte
		opts       []ghltest.WebhookDeliveryOption
		signer     *ghltest.WebhookSigner
		handlerOpt []Option
		times      int // deliveries of the same body
		wantStatus []int
		wantCalls  int
		wantErr    error // the reason logged for the rejection
	}{
		{name: "valid", typ: TypeContactCreate, wantStatus: []int{200}, wantCalls: 1},
		{name: "every documented type", typ: "", wantStatus: []int{200}, wantCalls: 1},
		{name: "tampered byte", typ: TypeContactCreate, opts: []ghltest.WebhookDeliveryOption{ghltest.WithWebhookTamper()},
			wantStatus: []int{401}, wantErr: ErrInvalidSignature},
		{name: "re-serialised JSON", typ: TypeContactCreate, body: reserialisedWithSignature, wantStatus: []int{401},
			wantErr: ErrInvalidSignature},
		{name: "missing header", typ: TypeContactCreate, opts: []ghltest.WebhookDeliveryOption{ghltest.WithoutWebhookSignature()},
			wantStatus: []int{401}, wantErr: ErrMissingSignature},
		{name: "wrong header", typ: TypeContactCreate, opts: []ghltest.WebhookDeliveryOption{ghltest.WithWebhookSignature("c2lnbmF0dXJl")},
			wantStatus: []int{401}, wantErr: ErrInvalidSignature},
		{name: "wrong key", typ: TypeContactCreate, signer: other, wantStatus: []int{401}, wantErr: ErrInvalidSignature},
		{name: "stale", typ: TypeContactCreate, at: -DefaultTolerance - time.Second, wantStatus: []int{400}, wantErr: ErrTimestampTooOld},
		{name: "future", typ: TypeContactCreate, at: DefaultTolerance + time.Second, wantStatus: []int{400}, wantErr: ErrTimestampTooNew},
		{name: "replay", typ: TypeContactCreate, times: 3, wantStatus: []int{200, 200, 200}, wantCalls: 1},
		{name: "replay answered 409", typ: TypeContactCreate, times: 2, handlerOpt: []Option{WithReplayStatus(http.StatusConflict)},
			wantStatus: []int{200, 409}, wantCalls: 1},
		{name: "oversized", typ: TypeContactCreate, handlerOpt: []Option{WithMaxBodyBytes(256)}, wantStatus: []int{413}, wantErr: ErrTooLarge},
		{name: "unknown type", typ: "OpportunityCreate", wantStatus: []int{200}, wantCalls: 1},
		{name: "wrong method", typ: TypeContactCreate, opts: []ghltest.WebhookDeliveryOption{ghltest.WithWebhookMethod(http.MethodGet)},
			wantStatus: []int{405}},
		{name: "PUT", typ: TypeContactCreate, opts: []ghltest.WebhookDeliveryOption{ghltest.WithWebhookMethod(http.MethodPut)},
			wantStatus: []int{405}},
		{name: "missing webhookId", typ: TypeContactCreate, body: without("webhookId"), wantStatus: []int{400}, wantErr: ErrMissingWebhookID},
		{name: "missing timestamp", typ: TypeContactCreate, body: without("timestamp"), wantStatus: []int{400}, wantErr: ErrMissingTimestamp},
		{name: "signed but not JSON", typ: TypeContactCreate, body: func(*testing.T, []byte) []byte { return []byte("hello") },
			wantStatus: []int{400}, wantErr: ErrMalformedPayload},
	}
	for _, tt := range tests {
		types := []string{tt.typ}
		if tt.typ == "" {
			types = ghltest.WebhookSampleTypes()
		}
		for _, typ := range types {
			t.Run(tt.name+"/"+typ, func(t *testing.T) {
				clock := newFakeClock()
				var logs syncBuffer
				logger := slog.New(slog.NewJSONHandler(&logs, nil))
				h := newTestHandler(t, clock, append([]Option{WithLogger(logger)}, tt.handlerOpt...)...)
				rec := &recorder{}
				h.On(TypeContactCreate, rec.fn)
				h.On(typ, rec.fn)
				h.OnDefault(rec.fn)
				srv := httptest.NewServer(h)
				defer srv.Close()

				body := ghltest.WebhookPayload(typ, clock.Now().Add(tt.at))
				opts := append([]ghltest.WebhookDeliveryOption{ghltest.WithWebhookClient(srv.Client())}, tt.opts...)
				if tt.body != nil {
					signed := tt.body(t, body)
					opts = append(opts, ghltest.WithWebhookSignature(testSigner.Sign(signed)))
					body = signed
					if tt.name == "re-serialised JSON" {
						body = reserialised(t, signed)
					}
				}
				signer := testSigner
				if tt.signer != nil {
					signer = tt.signer
				}
				times := max(tt.times, 1)
				for i := range times {
					d, err := signer.Deliver(context.Background(), srv.URL, body, opts...)
					require.NoError(t, err)
					assert.Equal(t, tt.wantStatus[i], d.StatusCode, "delivery %d", i+1)
					if d.StatusCode >= 400 {
						assert.Equal(t, http.StatusText(d.StatusCode)+"\n", string(d.Body), "a rejection says more than its status")
					}
					if d.StatusCode == http.StatusMethodNotAllowed {
						assert.Equal(t, http.MethodPost, d.Header.Get("Allow"))
					}
				}
				require.Equal(t, tt.wantCalls, rec.count())
				if tt.wantErr != nil {
					assert.Contains(t, logs.String(), `"reason":"`+tt.wantErr.Error())
				}
				if tt.wantCalls > 0 {
					e := rec.events[0]
					assert.Equal(t, typ, e.Type)
					assert.Equal(t, string(body), string(e.Raw), "the event's raw body is what was sent")
				}
			})
		}
	}
}

// reserialisedWithSignature keeps body as the signed bytes; the case then sends a re-encoded copy.
func reserialisedWithSignature(_ *testing.T, body []byte) []byte { return body }

// without returns a body builder that drops field from the stamped sample.
func without(field string) func(t *testing.T, body []byte) []byte {
	return func(t *testing.T, body []byte) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(body, &m))
		require.Contains(t, m, field)
		delete(m, field)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
}

func TestHandlerRetryAfterFailure(t *testing.T) {
	clock := newFakeClock()
	h := newTestHandler(t, clock)
	calls := 0
	outcomes := []error{errors.New("database down"), nil}
	h.On(TypeNoteCreate, func(_ context.Context, e *Event) error {
		calls++
		return outcomes[calls-1]
	})
	body := stamped(t, TypeNoteCreate, "wh-retry", clock.Now())
	assert.Equal(t, http.StatusTooManyRequests, post(h, body, signedHeader(body)).Code, "a failure asks HighLevel to retry")
	clock.Advance(time.Minute)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code, "the retry is not refused as a replay")
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 2, calls, "a delivery that succeeded ran again")
}

func TestHandlerPanicIsAFailure(t *testing.T) {
	clock := newFakeClock()
	h := newTestHandler(t, clock)
	calls := 0
	h.On(TypeTaskCreate, func(context.Context, *Event) error {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return nil
	})
	body := stamped(t, TypeTaskCreate, "wh-panic", clock.Now())
	assert.Equal(t, http.StatusTooManyRequests, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 2, calls)
}

func TestHandlerAbortPanicPropagates(t *testing.T) {
	h := newTestHandler(t, newFakeClock())
	h.On(TypeTaskCreate, func(context.Context, *Event) error { panic(http.ErrAbortHandler) })
	body := stamped(t, TypeTaskCreate, "wh-abort", testNow)
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { post(h, body, signedHeader(body)) })
}

func TestHandlerConcurrentDuplicateRunsOnce(t *testing.T) {
	clock := newFakeClock()
	h := newTestHandler(t, clock)
	entered, release := make(chan struct{}), make(chan struct{})
	calls := 0
	h.On(TypeContactUpdate, func(context.Context, *Event) error {
		calls++
		close(entered)
		<-release
		return nil
	})
	body := stamped(t, TypeContactUpdate, "wh-dup", clock.Now())
	first := make(chan int)
	go func() { first <- post(h, body, signedHeader(body)).Code }()
	<-entered
	assert.Equal(t, http.StatusConflict, post(h, body, signedHeader(body)).Code, "a duplicate in flight")
	close(release)
	assert.Equal(t, http.StatusOK, <-first)
	assert.Equal(t, 1, calls)
}

func TestHandlerWithoutFunctionAcknowledges(t *testing.T) {
	h := newTestHandler(t, newFakeClock())
	rec := &recorder{}
	h.On(TypeNoteUpdate, rec.fn) // another type
	body := stamped(t, TypeNoteCreate, "wh-none", testNow)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 0, rec.count())
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code, "and remembers it")
}

func TestHandlerHandledIDsOutliveTheWindow(t *testing.T) {
	clock := newFakeClock()
	store := &spyStore{inner: NewMemoryStore(10, clock.Now)}
	h := newTestHandler(t, clock, WithReplayStore(store), WithTolerance(time.Minute))
	h.OnDefault(func(context.Context, *Event) error { return nil })
	// Signed a minute in the future: still acceptable until two minutes from now, that instant included.
	body := stamped(t, TypeNoteCreate, "wh-keep", clock.Now().Add(time.Minute))
	require.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 2*time.Minute+keepMargin, store.keep)
	assert.Equal(t, claimLease, store.lease)
	clock.Advance(2*time.Minute - time.Second)
	assert.Equal(t, http.StatusOK, post(h, body, signedHeader(body)).Code)
	assert.Equal(t, 1, store.completes, "a replay inside the window ran again")
	clock.Advance(2 * time.Second)
	assert.Equal(t, http.StatusBadRequest, post(h, body, signedHeader(body)).Code, "once forgotten, it is stale")

	h2 := newTestHandler(t, clock, WithReplayStore(store), WithoutTimestampCheck())
	body2 := stamped(t, TypeNoteCreate, "wh-untimed", time.Time{})
	require.Equal(t, http.StatusOK, post(h2, body2, signedHeader(body2)).Code)
	assert.Equal(t, untimedKeep, store.keep)
}

// spyStore records what the Handler asks of a store and can be made to fail.
type spyStore struct {
	inner                         ReplayStore
	claimErr, completeErr, relErr error
	lease, keep                   time.Duration
	completes, releases           int
	completeCtxErr, releaseCtxErr error
}

func (s *spyStore) Claim(ctx context.Context, id string, lease time.Duration) error {
	s.lease = lease
	if s.claimErr != nil {
		return s.claimErr
	}
	return s.inner.Claim(ctx, id, lease)
}

func (s *spyStore) Complete(ctx context.Context, id string, keep time.Duration) error {
	s.keep, s.completeCtxErr = keep, ctx.Err()
	s.completes++
	if s.completeErr != nil {
		return s.completeErr
	}
	return s.inner.Complete(ctx, id, keep)
}

func (s *spyStore) Release(ctx context.Context, id string) error {
	s.releases++
	s.releaseCtxErr = ctx.Err()
	if s.relErr != nil {
		return s.relErr
	}
	return s.inner.Release(ctx, id)
}

func TestHandlerStoreFailures(t *testing.T) {
	broken := errors.New("store unreachable")
	tests := []struct {
		name       string
		store      *spyStore
		fnErr      error
		wantStatus int
		wantCalls  int
	}{
		{name: "claim fails", store: &spyStore{claimErr: broken}, wantStatus: 429},
		{name: "complete fails after success", store: &spyStore{completeErr: broken}, wantStatus: 200, wantCalls: 1},
		{name: "release fails after failure", store: &spyStore{relErr: broken}, fnErr: errors.New("x"), wantStatus: 429, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			tt.store.inner = NewMemoryStore(10, clock.Now)
			h := newTestHandler(t, clock, WithReplayStore(tt.store))
			calls := 0
			h.OnDefault(func(context.Context, *Event) error { calls++; return tt.fnErr })
			body := stamped(t, TypeNoteDelete, "wh-store", clock.Now())
			assert.Equal(t, tt.wantStatus, post(h, body, signedHeader(body)).Code)
			assert.Equal(t, tt.wantCalls, calls)
		})
	}
}

func TestHandlerFinishesClaimAfterClientLeft(t *testing.T) {
	for _, fnErr := range []error{nil, errors.New("failed")} {
		clock := newFakeClock()
		store := &spyStore{inner: NewMemoryStore(10, clock.Now)}
		h := newTestHandler(t, clock, WithReplayStore(store))
		ctx, cancel := context.WithCancel(context.Background())
		h.OnDefault(func(context.Context, *Event) error { cancel(); return fnErr })
		body := stamped(t, TypeNoteDelete, "wh-gone", clock.Now())
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/", bytes.NewReader(body))
		r.Header = signedHeader(body)
		h.ServeHTTP(httptest.NewRecorder(), r)
		assert.NoError(t, store.completeCtxErr)
		assert.NoError(t, store.releaseCtxErr)
		assert.Equal(t, 1, store.completes+store.releases)
	}
}

func TestHandlerBodyCap(t *testing.T) {
	clock := newFakeClock()
	body := stamped(t, TypeContactCreate, "wh-cap", clock.Now())
	tests := []struct {
		name          string
		limit         int64
		contentLength int64
		want          int
	}{
		{"declared over the cap", int64(len(body)) - 1, int64(len(body)), 413},
		{"streamed over the cap", int64(len(body)) - 1, -1, 413},
		{"streamed at the cap", int64(len(body)), -1, 200},
		{"declared at the cap", int64(len(body)), int64(len(body)), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHandler(t, clock, WithMaxBodyBytes(tt.limit))
			r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(bytes.NewReader(body)))
			r.ContentLength = tt.contentLength
			r.Header = signedHeader(body)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, tt.want, w.Code)
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestHandlerUnreadableBody(t *testing.T) {
	h := newTestHandler(t, newFakeClock())
	r := httptest.NewRequest(http.MethodPost, "/", failingReader{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusBadRequest, w.Code)
}

func TestHandlerLogsNoSecrets(t *testing.T) {
	clock := newFakeClock()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := newTestHandler(t, clock, WithLogger(logger))
	fails := true
	h.On(TypeContactCreate, func(context.Context, *Event) error {
		if fails {
			fails = false
			return errors.New("downstream failed")
		}
		return nil
	})
	body := stamped(t, TypeContactCreate, "wh-logs", clock.Now())
	sig := testSigner.Sign(body)
	tampered := bytes.Replace(body, []byte("John"), []byte("Joan"), 1)
	stale := stamped(t, TypeContactCreate, "wh-stale", clock.Now().Add(-time.Hour))
	for _, c := range []struct {
		body   []byte
		header http.Header
		want   int
	}{
		{tampered, signedHeader(body), 401},
		{body, http.Header{"X-Ghl-Signature": {sig[:40]}}, 401},
		{stale, signedHeader(stale), 400},
		{body, signedHeader(body), 429},
		{body, signedHeader(body), 200},
		{body, signedHeader(body), 200},
	} {
		require.Equal(t, c.want, post(h, c.body, c.header).Code)
	}
	out := logs.String()
	for _, secret := range []string{sig, sig[:40], "JohnDeo@gmail.comm", "Joan", "+919509597501"} {
		assert.NotContains(t, out, secret)
	}
	for _, want := range []string{
		`"msg":"webhook signature rejected"`, `"status":401`, `"reason":"webhook: invalid signature"`,
		`"msg":"webhook payload rejected"`, `"reason":"webhook: timestamp too old`,
		`"msg":"webhook handler failed; answering 429 for a retry"`, `"error":"downstream failed"`,
		`"msg":"webhook handled"`, `"msg":"webhook replay ignored"`, `"webhookId":"wh-logs"`, `"type":"ContactCreate"`,
	} {
		assert.Contains(t, out, want)
	}
}
