package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// HandlerFunc handles one verified event. A nil error acknowledges it; an error makes the Handler answer
// 429 so that HighLevel delivers it again.
type HandlerFunc func(ctx context.Context, e *Event) error

// claimLease bounds how long a crashed delivery keeps its webhookId claimed. HighLevel retries about ten
// minutes apart, so a retry after a crash finds the claim gone.
const claimLease = 5 * time.Minute

// untimedKeep is how long handled IDs are kept when WithoutTimestampCheck leaves no window to size it by.
const untimedKeep = 24 * time.Hour

// keepMargin is added to the window a handled ID must outlive: a timestamp accepted at the window's last
// instant is still accepted then, and a shared store may read a clock a little apart from the Handler's.
const keepMargin = time.Minute

// Handler is an http.Handler that receives HighLevel deliveries. For each request it:
//
//  1. answers 405 to anything but POST;
//  2. reads at most the body cap (413 above it), growing its buffer only as bytes arrive;
//  3. verifies the signature on the exact bytes read (401, whatever went wrong: the answer tells a forger
//     nothing);
//  4. reads the envelope and checks the timestamp window (400 for a malformed body, a missing or stale
//     timestamp, a missing webhookId);
//  5. claims the webhookId in the ReplayStore;
//  6. calls the function registered for the event's type.
//
// Status codes follow HighLevel's retry rule: it delivers again only after a 429. So a function that returns
// an error (or panics), and a ReplayStore that fails, answer 429; success answers 200. A webhookId already
// handled answers 200 by default (see WithReplayStatus): the delivery is not processed again, and a duplicate
// of a delivery that succeeded has nothing left to retry. A webhookId being handled by another request at
// that moment answers 409: the request holding it answers for the delivery, 429 included if it fails.
//
// The ID is recorded only after success; on failure the claim is released, so the retry is handled as new.
// If HighLevel's retry repeats the first attempt's timestamp, a retry that comes later than the tolerance is
// refused as stale: widen WithTolerance if your function may fail for longer than that.
type Handler struct {
	v      *Verifier
	store  ReplayStore
	log    *slog.Logger
	status int // for replays
	keep   time.Duration

	mu       sync.RWMutex
	funcs    map[string]HandlerFunc
	fallback HandlerFunc
}

// NewHandler returns a Handler configured by opts. Register functions with On before serving.
func NewHandler(opts ...Option) (*Handler, error) {
	c, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	h := &Handler{
		v:      &Verifier{c: c},
		store:  c.store,
		log:    c.logger,
		status: c.replayStatus,
		// An accepted timestamp is at most tolerance ahead, so a replay of it is accepted until 2×tolerance
		// from now, that instant included; the record must live past it.
		keep:  2*c.tolerance + keepMargin,
		funcs: make(map[string]HandlerFunc),
	}
	if c.ignoreTime {
		h.keep = untimedKeep
	}
	if h.store == nil {
		h.store = NewMemoryStore(DefaultMaxEntries, c.now)
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	return h, nil
}

// On registers fn for events of eventType (e.g. TypeContactCreate), replacing any earlier one. It panics if
// fn is nil, as http.HandleFunc does: a delivery acknowledged with nothing to handle it is lost, since
// HighLevel does not send it again.
func (h *Handler) On(eventType string, fn HandlerFunc) {
	if fn == nil {
		panic("webhook: nil HandlerFunc for " + eventType)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.funcs[eventType] = fn
}

// OnDefault registers fn for events whose type has no function of its own, unknown types included. Without
// it such events are acknowledged (200) and otherwise ignored. It panics if fn is nil, as On does.
func (h *Handler) OnDefault(fn HandlerFunc) {
	if fn == nil {
		panic("webhook: nil HandlerFunc for OnDefault")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.fallback = fn
}

func (h *Handler) lookup(eventType string) HandlerFunc {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if fn, ok := h.funcs[eventType]; ok {
		return fn
	}
	return h.fallback
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(ctx, w, r, http.StatusMethodNotAllowed, "method not allowed", nil)
		return
	}
	body, err := h.readBody(w, r)
	if err != nil {
		h.reject(ctx, w, r, statusFor(err), "unreadable body", err)
		return
	}
	if err := h.v.Verify(body, r.Header); err != nil {
		h.reject(ctx, w, r, statusFor(err), "signature rejected", err)
		return
	}
	e, err := h.v.parseVerified(body)
	if err == nil && e.WebhookID == "" {
		err = ErrMissingWebhookID
	}
	if err != nil {
		h.reject(ctx, w, r, statusFor(err), "payload rejected", err)
		return
	}
	h.deliver(ctx, w, r, e)
}

// deliver runs the claim, the user's function and the completion.
func (h *Handler) deliver(ctx context.Context, w http.ResponseWriter, r *http.Request, e *Event) {
	attrs := []any{slog.String("type", e.Type), slog.String("webhookId", e.WebhookID)}
	// Each attempt names its claim, so that a Release after the lease ran out drops nothing of a newer one.
	ctx = WithClaimToken(ctx, newClaimToken())
	switch err := h.store.Claim(ctx, e.WebhookID, claimLease); {
	case errors.Is(err, ErrReplay):
		h.log.InfoContext(ctx, "webhook replay ignored", append(attrs, slog.Int("status", h.status))...)
		if h.status >= 400 {
			h.answer(w, h.status)
		} else {
			w.WriteHeader(h.status)
		}
		return
	case errors.Is(err, ErrInFlight):
		h.reject(ctx, w, r, http.StatusConflict, "webhook already in flight", nil, attrs...)
		return
	case err != nil:
		h.log.ErrorContext(ctx, "webhook replay store failed", append(attrs, slog.Any("error", err))...)
		h.answer(w, http.StatusTooManyRequests)
		return
	}
	// The store calls after the user's function must happen even if the client went away meanwhile.
	after := context.WithoutCancel(ctx)
	if err := h.call(ctx, e); err != nil {
		if rerr := h.store.Release(after, e.WebhookID); rerr != nil {
			h.log.ErrorContext(ctx, "webhook claim not released", append(attrs, slog.Any("error", rerr))...)
		}
		h.log.ErrorContext(ctx, "webhook handler failed; answering 429 for a retry",
			append(attrs, slog.Any("error", err))...)
		h.answer(w, http.StatusTooManyRequests)
		return
	}
	if err := h.store.Complete(after, e.WebhookID, h.keep); err != nil {
		// The event was handled: say so, or HighLevel would deliver it again. The claim's lease still
		// shields it for a while.
		h.log.ErrorContext(ctx, "webhook not recorded as handled", append(attrs, slog.Any("error", err))...)
	}
	h.log.DebugContext(ctx, "webhook handled", attrs...)
	w.WriteHeader(http.StatusOK)
}

// call runs the registered function; a panic is turned into an error so that the claim is released and
// HighLevel is asked to retry, instead of the connection being dropped with the delivery lost.
func (h *Handler) call(ctx context.Context, e *Event) (err error) {
	fn := h.lookup(e.Type)
	if fn == nil {
		return nil
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			err = fmt.Errorf("webhook: handler for %s panicked: %v", e.Type, p)
		}
	}()
	return fn(ctx, e)
}

// readBody reads at most the cap. The buffer grows as bytes arrive, never to the declared Content-Length up
// front: idle connections that each announce a body at the cap would otherwise hold a cap's worth of heap
// apiece before a byte of it came, let alone a signature was checked.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	limit := h.v.c.maxBody
	if r.ContentLength > limit {
		return nil, ErrTooLarge
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, ErrTooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("%w: reading body: %w", ErrMalformedPayload, err)
	}
	return buf.Bytes(), nil
}

func (h *Handler) reject(ctx context.Context, w http.ResponseWriter, r *http.Request, status int, msg string, err error,
	attrs ...any) {
	attrs = append(attrs, slog.Int("status", status), slog.String("remote", r.RemoteAddr))
	if err != nil {
		attrs = append(attrs, slog.String("reason", err.Error()))
	}
	h.log.WarnContext(ctx, "webhook "+msg, attrs...)
	h.answer(w, status)
}

// answer writes the bare status text: a rejection explains nothing to a forger.
func (h *Handler) answer(w http.ResponseWriter, status int) {
	http.Error(w, http.StatusText(status), status)
}

func statusFor(err error) int {
	switch {
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrInvalidSignature):
		return http.StatusUnauthorized
	default:
		return http.StatusBadRequest
	}
}
