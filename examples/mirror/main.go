// Command mirror keeps a local SQLite copy of a HighLevel location's contacts, tasks and notes, driven by
// HighLevel's webhooks, after an initial backfill through the search API.
//
//	go run . -addr :8080 -db mirror.db     # backfill, then receive deliveries on /webhooks/ghl
//	go run . -demo                          # backfill a fake, deliver a burst of signed events, count rows
//
// Rows are keyed by HighLevel's IDs and carry the time of the change they hold. A delivery older than its row
// changes nothing, and a deletion leaves a tombstone, so duplicate and out-of-order deliveries (HighLevel
// retries, replicas, a backfill racing live events) leave the same rows as in-order ones. The receiver starts
// before the backfill, so no delivery is missed while it runs.
//
// The database is SQLite through modernc.org/sqlite, a pure-Go driver: no cgo, one file.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it reads HighLevel; with neither it starts the in-memory fake (package
// ghltest) and says so on its first line. -demo needs the fake: it seeds it, backfills, makes changes through
// the API and delivers the signed events HighLevel would send for them, including a duplicate and an
// out-of-order pair, then prints the row counts and checks them against the fake.
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
	"syscall"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mirror:", err)
		os.Exit(1)
	}
}

// run parses args and either serves until ctx is done or runs the demo; opts are added to the client's options
// (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, opts ...ghl.Option) error {
	out := &kit.LockedWriter{W: stdout} // the receiver logs from the server's goroutines
	fs := flag.NewFlagSet("mirror", flag.ContinueOnError)
	fs.SetOutput(out)
	dbPath := fs.String("db", "", `SQLite database file (default "mirror.db", and memory with -demo)`)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	path := fs.String("path", "/webhooks/ghl", "path HighLevel delivers to")
	keyFile := fs.String("public-key", "", "file with an Ed25519 public key (PEM or base64) to trust instead of HighLevel's")
	doBackfill := fs.Bool("backfill", true, "copy every contact, task and note before receiving")
	workers := fs.Int("workers", 4, "contacts whose tasks and notes the backfill reads at the same time")
	demo := fs.Bool("demo", false, "backfill the fake, deliver a burst of signed events and print the row counts")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *workers < 1 {
		return errors.New("-workers must be at least 1")
	}
	if *demo && (getenv("GHL_TOKEN") != "" || getenv("GHL_LOCATION_ID") != "") {
		// The demo writes demo records: never in a real location.
		return errors.New("-demo runs against the in-memory fake: unset GHL_TOKEN and GHL_LOCATION_ID")
	}
	if *dbPath == "" {
		*dbPath = "mirror.db"
		if *demo {
			*dbPath = ":memory:"
		}
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

	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{ReplaceAttr: kit.DropTime}))
	m := &mirror{st: st, locationID: client.LocationID(), logger: logger}
	if *demo {
		return runDemo(ctx, out, m, client, fake, *workers)
	}

	h, err := m.handler(keys...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(*path, h)
	fmt.Fprintf(out, "listening on http://%s%s, mirroring into %s\n", ln.Addr(), *path, *dbPath)
	srvCtx, stop := context.WithCancel(ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- kit.Serve(srvCtx, ln, mux) }()
	if *doBackfill {
		n, err := backfill(ctx, client, st, *workers, time.Now())
		if err != nil {
			stop()
			<-served
			if ctx.Err() != nil {
				return nil // interrupted: the rows written so far stay, and the next backfill completes them
			}
			return err
		}
		fmt.Fprintf(out, "backfill: %d contacts, %d tasks, %d notes\n", n.Contacts, n.Tasks, n.Notes)
	}
	return <-served
}
