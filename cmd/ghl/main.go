// Command ghl exports and imports HighLevel contacts in bulk, with checkpoints that make an interrupted run
// resume where it stopped.
//
//	go install github.com/ghlkit/ghl/cmd/ghl@latest
//	GHL_TOKEN=pit-... GHL_LOCATION_ID=... ghl export --out contacts.jsonl
//	ghl import --in leads.csv --tag imported
//
// Run "ghl help" for the details.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ghlkit/ghl/cmd/ghl/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first Ctrl-C the command winds down and saves its checkpoint; giving the signal back to
		// the default handler lets a second Ctrl-C end the process at once.
		<-ctx.Done()
		stop()
	}()
	code := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
