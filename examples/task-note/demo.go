package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
)

// runDemo seeds a contact with a task, completes the task through the API, and has ghltest deliver the signed
// TaskComplete to a receiver that trusts ghltest's key, twice, as HighLevel may. It fails unless exactly one
// note results.
func runDemo(ctx context.Context, out io.Writer, logger *slog.Logger, client *ghl.Client, fake *ghltest.Server, path string) error {
	signer := ghltest.NewWebhookSigner()
	h, err := newHandler(client, logger, webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(path, h)
	rcv := httptest.NewServer(mux)
	defer rcv.Close()
	fmt.Fprintf(out, "receiver listening on %s%s, trusting a ghltest key\n", rcv.URL, path)

	c := fake.AddContact(ghltest.Contact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	task := fake.AddTask(ghltest.Task{ContactID: c.ID, Title: "Send the contract", DueDate: time.Now().Add(24 * time.Hour)})
	if _, err := client.Tasks.Complete(ctx, c.ID, task.ID); err != nil {
		return err
	}
	fmt.Fprintf(out, "task %q of Ada Lovelace completed\n", task.Title)

	body, err := taskComplete(fake.LocationID(), task, time.Now())
	if err != nil {
		return err
	}
	for _, what := range []string{"signed TaskComplete", "the same delivery again"} {
		d, err := signer.Deliver(ctx, rcv.URL+path, body)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "delivered %s -> %d %s\n", what, d.StatusCode, http.StatusText(d.StatusCode))
	}

	list, err := client.Notes.List(ctx, c.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "notes of Ada Lovelace: %d\n", len(list))
	for _, n := range list {
		fmt.Fprintf(out, "  %s\n", n.Body)
	}
	if len(list) != 1 {
		return fmt.Errorf("want exactly one note, found %d", len(list))
	}
	return nil
}

// taskComplete is the TaskComplete delivery HighLevel sends for t: the task's fields, the type and location,
// and the webhookId and timestamp that replay protection reads.
func taskComplete(locationID string, t ghltest.Task, at time.Time) ([]byte, error) {
	raw, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	fields["type"], fields["locationId"] = webhook.TypeTaskComplete, locationID
	body, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	return ghltest.StampWebhook(body, ghltest.NewWebhookID(), at)
}
