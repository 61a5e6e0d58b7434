// Package webhook receives HighLevel webhook deliveries: it verifies their signature, refuses stale and
// replayed ones, and decodes them into typed events.
//
// # Receiving
//
// A Handler does it all behind net/http:
//
//	h, err := webhook.NewHandler(webhook.WithLogger(logger))
//	h.On(webhook.TypeContactCreate, func(ctx context.Context, e *webhook.Event) error {
//		c := e.Data.(*webhook.ContactCreate)
//		return save(ctx, c.ID, c.Email) // an error answers 429: HighLevel delivers again
//	})
//	http.Handle("POST /hooks/ghl", h)
//
// The Handler answers 405 to anything but POST, 413 to a body over the cap, 401 to a signature that is
// missing or does not verify, 400 to a malformed or stale body, 409 to a delivery being handled by another
// request, 429 when the function fails (HighLevel retries only a 429), and 200 after success or to a replay of
// a delivery already handled. See Handler for why.
//
// # Verification
//
// HighLevel signs the raw body with Ed25519 and sends the base64 signature in x-ghl-signature. Verification
// runs on the exact bytes received, before any JSON parsing: a body re-serialised by a framework no longer
// verifies. HighLevelPublicKey is the default key; WithPublicKeys replaces it (key rotation, tests). The legacy
// RSA header x-wh-signature is checked only with WithLegacySignatures. Without a Handler, use a Verifier:
//
//	v, err := webhook.NewVerifier()
//	e, err := v.ConstructEvent(body, r.Header) // verify, then timestamp, then parse
//
// ConstructEvent and ValidatePayload are the same with every default.
//
// # Replays
//
// The body carries "timestamp" and "webhookId". A timestamp further than the tolerance (DefaultTolerance,
// 5 minutes) in the past or the future is refused; a webhookId already handled is not handled again. The
// Handler keeps IDs in a ReplayStore: a MemoryStore by default, which protects one process; replicas need a
// shared one. An ID is claimed while its delivery is handled and recorded only once it succeeded, so a retry
// after a failure goes through and a concurrent duplicate does not run twice. A handled ID is kept for twice
// the tolerance plus a minute: longer than any timestamp the window accepts can be replayed. Each attempt
// names its claim (ClaimToken), so a function that outlives its lease and then fails releases only its own
// claim, not one a retry took meanwhile.
//
// # Events
//
// Event.Data holds a typed payload for each documented type (*ContactCreate, *NoteUpdate, *AppInstall, ...).
// Decoding is tolerant: a field of an unexpected type stays zero and the rest of the event decodes. An event
// of a type this package does not know is not an error: Data is nil and Raw (or Decode) has the body.
// Task, note and appointment payloads hold the tasks, notes and appointments packages' types (with the
// event's location added), so that one function can store a record whether it came from the API or an event.
//
// # Testing
//
// Package ghltest signs deliveries with its own key and POSTs them to a receiver:
//
//	signer := ghltest.NewWebhookSigner()
//	h, _ := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()))
//	srv := httptest.NewServer(h)
//	d, err := signer.Deliver(ctx, srv.URL, ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now()))
package webhook
