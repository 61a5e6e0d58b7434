// Command webhook-receiver verifies HighLevel webhook deliveries and logs the events they carry.
//
//	go run ./examples/webhook-receiver -addr :8080            # receive HighLevel's deliveries on /webhooks/ghl
//	go run ./examples/webhook-receiver -demo                  # see it accept and reject deliveries locally
//
// With -demo it starts on a loopback port, trusts a test key from package ghltest instead of HighLevel's, and
// has ghltest deliver a signed ContactCreate, a tampered copy and a replay of the first: the receiver handles
// the first only.
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
	"sync"
	"syscall"

	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(1)
	}
}

// run parses args and either serves until ctx is done or runs the demo. Everything it prints goes to stdout.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	out := &kit.LockedWriter{W: stdout} // the server's log lines and the demo's report come from two goroutines
	fs := flag.NewFlagSet("webhook-receiver", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	path := fs.String("path", "/webhooks/ghl", "path HighLevel delivers to")
	keyFile := fs.String("public-key", "",
		"file with an Ed25519 public key (PEM or base64) to trust instead of HighLevel's")
	legacy := fs.Bool("legacy", false, "also accept the legacy x-wh-signature header")
	demo := fs.Bool("demo", false, "deliver a signed, a tampered and a replayed event to a local receiver")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *demo {
		return runDemo(ctx, out, *path)
	}

	var opts []webhook.Option
	if *keyFile != "" {
		data, err := os.ReadFile(*keyFile)
		if err != nil {
			return err
		}
		key, err := webhook.ParsePublicKey(data)
		if err != nil {
			return fmt.Errorf("%s: %w", *keyFile, err)
		}
		opts = append(opts, webhook.WithPublicKeys(key))
	}
	if *legacy {
		opts = append(opts, webhook.WithLegacySignatures())
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	rcv, err := newReceiver(logger, *path, opts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "listening on http://%s%s\n", ln.Addr(), *path)
	return kit.Serve(ctx, ln, rcv)
}

// receiver logs every event it handles and counts them.
type receiver struct {
	http.Handler
	mu      sync.Mutex
	handled int
}

func newReceiver(logger *slog.Logger, path string, opts ...webhook.Option) (*receiver, error) {
	h, err := webhook.NewHandler(append([]webhook.Option{webhook.WithLogger(logger)}, opts...)...)
	if err != nil {
		return nil, err
	}
	rcv := &receiver{}
	// One function for every type; a real service registers one per type it cares about with h.On.
	h.OnDefault(func(ctx context.Context, e *webhook.Event) error {
		attrs := []any{"type", e.Type, "webhookId", e.WebhookID, "locationId", e.LocationID}
		// Log record IDs, never names, emails or phone numbers.
		switch d := e.Data.(type) {
		case *webhook.ContactCreate:
			attrs = append(attrs, "contactId", d.ID)
		case *webhook.ContactUpdate:
			attrs = append(attrs, "contactId", d.ID)
		case *webhook.TaskComplete:
			attrs = append(attrs, "taskId", d.ID, "contactId", d.ContactID)
		case nil:
			attrs = append(attrs, "modelled", false)
		}
		logger.InfoContext(ctx, "event received", attrs...)
		rcv.mu.Lock()
		rcv.handled++
		rcv.mu.Unlock()
		return nil
	})
	mux := http.NewServeMux()
	mux.Handle(path, h) // the Handler itself answers 405 to anything but POST
	rcv.Handler = mux
	return rcv, nil
}

func (r *receiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handled
}
