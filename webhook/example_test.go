package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
)

// A receiver that handles ContactCreate, tested end to end with ghltest's signer standing in for HighLevel.
func ExampleHandler() {
	signer := ghltest.NewWebhookSigner()
	// In production leave WithPublicKeys out: HighLevel's published key is the default.
	h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		panic(err)
	}
	h.On(webhook.TypeContactCreate, func(ctx context.Context, e *webhook.Event) error {
		c := e.Data.(*webhook.ContactCreate)
		fmt.Printf("new contact %s (%s) in %s\n", c.Name, c.ID, e.LocationID)
		return nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()

	ctx := context.Background()
	body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
	for _, try := range []struct {
		name string
		opts []ghltest.WebhookDeliveryOption
	}{
		{"signed", nil},
		{"tampered", []ghltest.WebhookDeliveryOption{ghltest.WithWebhookTamper()}},
		{"unsigned", []ghltest.WebhookDeliveryOption{ghltest.WithoutWebhookSignature()}},
		{"replayed", nil},
	} {
		d, err := signer.Deliver(ctx, srv.URL, body, try.opts...)
		if err != nil {
			panic(err)
		}
		fmt.Println(try.name, d.StatusCode)
	}
	// Output:
	// new contact John Deo (nmFmQEsNgz6AVpgLVUJ0) in ve9EPM428h8vShlRW1KT
	// signed 200
	// tampered 401
	// unsigned 401
	// replayed 200
}

// A function that fails makes the Handler answer 429, the one status HighLevel retries; the retry is then
// handled as new, not refused as a replay.
func ExampleHandler_retry() {
	signer := ghltest.NewWebhookSigner()
	h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		panic(err)
	}
	attempts := 0
	h.On(webhook.TypeTaskComplete, func(ctx context.Context, e *webhook.Event) error {
		attempts++
		if attempts == 1 {
			return fmt.Errorf("database unavailable")
		}
		fmt.Println("task done:", e.Data.(*webhook.TaskComplete).Title)
		return nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()

	body := ghltest.WebhookPayload(webhook.TypeTaskComplete, time.Now())
	for range 2 {
		d, err := signer.Deliver(context.Background(), srv.URL, body)
		if err != nil {
			panic(err)
		}
		fmt.Println(d.StatusCode)
	}
	// Output:
	// 429
	// task done: test
	// 200
}

// Without a Handler, a Verifier checks and parses a body read by any framework, as long as it is the raw
// body: JSON that was decoded and encoded again no longer verifies.
func ExampleVerifier_ConstructEvent() {
	signer := ghltest.NewWebhookSigner()
	v, err := webhook.NewVerifier(webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		panic(err)
	}
	body := ghltest.WebhookPayload(webhook.TypeAppointmentCreate, time.Now())
	header := http.Header{}
	header.Set(webhook.SignatureHeader, signer.Sign(body))

	e, err := v.ConstructEvent(body, header)
	if err != nil {
		panic(err)
	}
	a := e.Data.(*webhook.AppointmentCreate).Appointment
	fmt.Println(e.Type, a.Title, a.StartTime.UTC().Format(time.RFC3339))

	_, err = v.ConstructEvent(append(body, ' '), header)
	fmt.Println(err)
	// Output:
	// AppointmentCreate Appointment with GHL Dev team 2023-09-25T10:30:00Z
	// webhook: invalid signature
}

// Event types this package does not model still arrive: decode Raw into your own type.
func ExampleEvent_Decode() {
	signer := ghltest.NewWebhookSigner()
	v, _ := webhook.NewVerifier(webhook.WithPublicKeys(signer.PublicKey()))
	body, _ := ghltest.StampWebhook([]byte(`{"type":"OpportunityCreate","id":"o1","monetaryValue":250}`),
		ghltest.NewWebhookID(), time.Now())
	header := http.Header{webhook.SignatureHeader: {signer.Sign(body)}}

	e, err := v.ConstructEvent(body, header)
	if err != nil {
		panic(err)
	}
	var opp struct {
		ID            string  `json:"id"`
		MonetaryValue float64 `json:"monetaryValue"`
	}
	if err := e.Decode(&opp); err != nil {
		panic(err)
	}
	fmt.Println(e.Type, e.Data == nil, opp.ID, opp.MonetaryValue)
	// Output: OpportunityCreate true o1 250
}

// A service with several replicas plugs a shared ReplayStore; this one shows the contract with the
// in-memory store.
func ExampleMemoryStore() {
	ctx := context.Background()
	s := webhook.NewMemoryStore(1000, nil)
	fmt.Println(s.Claim(ctx, "wh-1", time.Minute))
	fmt.Println(s.Claim(ctx, "wh-1", time.Minute)) // a duplicate while the first is handled
	_ = s.Release(ctx, "wh-1")                     // the handler failed
	fmt.Println(s.Claim(ctx, "wh-1", time.Minute)) // the retry
	_ = s.Complete(ctx, "wh-1", 10*time.Minute)
	fmt.Println(s.Claim(ctx, "wh-1", time.Minute)) // a replay
	// Output:
	// <nil>
	// webhook: delivery is being handled
	// <nil>
	// webhook: delivery already handled
}
