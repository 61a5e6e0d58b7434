package ghltest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"
)

// WebhookTarget is where a server sends the webhook events its writes cause (see WithWebhookTarget).
type WebhookTarget struct {
	// URL receives a signed POST per event.
	URL string
	// Signer signs the deliveries; nil means a fresh one (Server.WebhookSigner returns it, for the receiver's
	// public key).
	Signer *WebhookSigner
	// AppID and VersionID are the "appId" and "versionId" every delivery carries, as HighLevel's do; empty
	// means generated ones (Server.WebhookApp returns them).
	AppID, VersionID string
	// Client sends the deliveries; nil means http.DefaultClient.
	Client *http.Client
	// Delivered, when set, hears each delivery's outcome, in order: the event type and what the receiver
	// answered, or why no answer came.
	Delivered func(eventType string, d *WebhookDelivery, err error)
}

// WithWebhookTarget makes the server deliver the events HighLevel sends for its writes to t.URL, signed:
// ContactCreate, ContactUpdate (with ContactTagUpdate and ContactDndUpdate when the update sends tags or DND
// settings), ContactDelete, ContactTagUpdate for the tag routes, TaskCreate, TaskComplete, TaskDelete,
// NoteCreate, NoteUpdate and NoteDelete. Events are sent one at a time, in the order of the writes, after
// each write has been answered; a failed delivery is reported to t.Delivered and not resent (HighLevel
// resends only on 429, minutes later). Deliveries still queued when the server closes are dropped.
func WithWebhookTarget(t WebhookTarget) Option {
	return func(cfg *config) {
		if t.Signer == nil {
			t.Signer = NewWebhookSigner()
		}
		if t.AppID == "" {
			t.AppID = newObjectID()
		}
		if t.VersionID == "" {
			t.VersionID = newObjectID()
		}
		if t.Client == nil {
			t.Client = http.DefaultClient
		}
		cfg.webhook = &t
	}
}

// WebhookSigner returns the signer of the deliveries of WithWebhookTarget, or nil without it.
func (s *Server) WebhookSigner() *WebhookSigner {
	if s.events == nil {
		return nil
	}
	return s.events.target.Signer
}

// WebhookApp returns the appId and versionId the deliveries of WithWebhookTarget carry ("" without it).
func (s *Server) WebhookApp() (appID, versionID string) {
	if s.events == nil {
		return "", ""
	}
	return s.events.target.AppID, s.events.target.VersionID
}

// pendingEvent is one event on its way: its type and its body before stamping.
type pendingEvent struct {
	typ  string
	body []byte
	at   time.Time
}

// eventQueue delivers events one at a time until the server closes.
type eventQueue struct {
	target *WebhookTarget
	ch     chan pendingEvent
	done   <-chan struct{}
}

func (s *Server) startEvents(t *WebhookTarget) {
	q := &eventQueue{target: t, ch: make(chan pendingEvent, 256), done: s.done}
	s.events = q
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-s.done
		cancel()
	}()
	go q.run(ctx)
}

func (q *eventQueue) run(ctx context.Context) {
	for {
		select {
		case <-q.done:
			return
		case ev := <-q.ch:
			body, err := StampWebhook(ev.body, NewWebhookID(), ev.at)
			var d *WebhookDelivery
			if err == nil {
				d, err = q.target.Signer.Deliver(ctx, q.target.URL, body, WithWebhookClient(q.target.Client))
			}
			if q.target.Delivered != nil {
				q.target.Delivered(ev.typ, d, err)
			}
		}
	}
}

// push queues an event; it waits while the queue is full, so that a fast writer does not lose events.
func (q *eventQueue) push(ev pendingEvent) {
	select {
	case q.ch <- ev:
	case <-q.done:
	}
}

// withEvents wraps h so that a successful write queues the events it causes; without a target it is h.
func (s *Server) withEvents(t *WebhookTarget, h http.Handler) http.Handler {
	if t == nil {
		return h
	}
	s.startEvents(t)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, params, ok := s.router.match(r.Method, r.URL.EscapedPath())
		if !ok || rt.scope != ScopeContactsWrite {
			h.ServeHTTP(w, r)
			return
		}
		reqBody, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			h.ServeHTTP(w, r)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
		before := s.eventSnapshot(r.Method, rt.template, params)
		tw := &teeWriter{ResponseWriter: w}
		h.ServeHTTP(tw, r)
		if tw.status < 200 || tw.status > 299 {
			return
		}
		at := s.clock.Now()
		for _, ev := range s.eventsOf(r.Method, rt.template, params, before, presentKeys(reqBody), tw.body.Bytes()) {
			ev.at = at
			s.events.push(ev)
		}
	})
}

// teeWriter keeps a copy of the status and body it passes on.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *teeWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *teeWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.body.Len() < maxBody {
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and Hijack, which faults use.
func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// newObjectID returns a 24-hex-digit ID, the shape of HighLevel's marketplace app and version IDs.
func newObjectID() string {
	u := NewWebhookID() // 32 random hex digits once the dashes are out
	return (u[:8] + u[9:13] + u[14:18] + u[19:23] + u[24:])[:24]
}
