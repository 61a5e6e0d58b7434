// Command task-note receives HighLevel's webhooks and, when a task is completed, adds a note saying so to the
// task's contact: the trail a project or time tracker leaves on the customer's timeline.
//
//	go run ./examples/task-note -addr :8080    # receive HighLevel's deliveries on /webhooks/ghl
//	go run ./examples/task-note -demo          # see a signed TaskComplete become a note, locally
//
// The note is added at most once per task: the handler refuses replays of a delivery it has handled, and it
// looks for the note before adding it, so that a retry after a failure, a restart or a second replica does not
// add it twice.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it writes notes in HighLevel; with neither it starts the in-memory
// fake (package ghltest) and says so on its first line. -demo needs the fake: it seeds a contact with a task,
// completes the task, and has ghltest deliver the signed TaskComplete (twice) to the receiver.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "task-note:", err)
		os.Exit(1)
	}
}

// run parses args and either serves until ctx is done or runs the demo; opts are added to the client's options
// (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, opts ...ghl.Option) error {
	out := &kit.LockedWriter{W: stdout} // the receiver logs from the server's goroutines
	fs := flag.NewFlagSet("task-note", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	path := fs.String("path", "/webhooks/ghl", "path HighLevel delivers to")
	keyFile := fs.String("public-key", "", "file with an Ed25519 public key (PEM or base64) to trust instead of HighLevel's")
	demo := fs.Bool("demo", false, "complete a task in the fake and deliver its signed TaskComplete to a local receiver")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *demo && (getenv("GHL_TOKEN") != "" || getenv("GHL_LOCATION_ID") != "") {
		// The demo writes demo records: never in a real location.
		return errors.New("-demo runs against the in-memory fake: unset GHL_TOKEN and GHL_LOCATION_ID")
	}
	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{ReplaceAttr: kit.DropTime}))
	if *demo {
		return runDemo(ctx, out, logger, client, fake, *path)
	}

	var keys []webhook.Option
	if *keyFile != "" {
		data, err := os.ReadFile(*keyFile)
		if err != nil {
			return err
		}
		key, err := webhook.ParsePublicKey(data)
		if err != nil {
			return fmt.Errorf("%s: %w", *keyFile, err)
		}
		keys = append(keys, webhook.WithPublicKeys(key))
	}
	h, err := newHandler(client, logger, keys...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(*path, h)
	fmt.Fprintf(out, "listening on http://%s%s\n", ln.Addr(), *path)
	return kit.Serve(ctx, ln, mux)
}

// newHandler returns a webhook handler that notes completed tasks on their contacts.
func newHandler(client *ghl.Client, logger *slog.Logger, opts ...webhook.Option) (*webhook.Handler, error) {
	h, err := webhook.NewHandler(append([]webhook.Option{webhook.WithLogger(logger)}, opts...)...)
	if err != nil {
		return nil, err
	}
	h.On(webhook.TypeTaskComplete, func(ctx context.Context, e *webhook.Event) error {
		t := e.Data.(*webhook.TaskComplete)
		if e.LocationID != client.LocationID() {
			// A private token reaches one location. An OAuth app would use client.ForLocation(e.LocationID).
			logger.InfoContext(ctx, "task of another location ignored", "locationId", e.LocationID, "taskId", t.ID)
			return nil
		}
		added, err := noteCompletion(ctx, client, &t.Task)
		switch {
		case errors.Is(err, ghl.ErrNotFound):
			logger.InfoContext(ctx, "contact gone, no note", "contactId", t.ContactID, "taskId", t.ID)
			return nil
		case err != nil:
			return err // the handler answers 429, and HighLevel delivers again
		}
		logger.InfoContext(ctx, "completed task noted", "contactId", t.ContactID, "taskId", t.ID, "added", added)
		return nil
	})
	return h, nil
}

// noteCompletion adds the note unless the contact has it already, and reports whether it added it.
func noteCompletion(ctx context.Context, client *ghl.Client, t *webhook.Task) (bool, error) {
	body := fmt.Sprintf("Task completed: %s (task %s)", t.Title, t.ID)
	existing, err := client.Notes.List(ctx, t.ContactID)
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(existing, func(n notes.Note) bool { return n.Body == body }) {
		return false, nil
	}
	if _, err := client.Notes.Create(ctx, t.ContactID, notes.CreateParams{Body: body}); err != nil {
		return false, err
	}
	return true, nil
}
