// Command ghltest runs ghltest, the in-memory fake of HighLevel's API v2, as a server of its own, for the
// ghl command, for programs in other languages and for trying the SDK without an account:
//
//	go run github.com/ghlkit/ghl/cmd/ghltest -addr 127.0.0.1:8080 -seed 1000
//
// It prints the base URL, a private token and the location ID on its first lines, as KEY=value lines a
// shell or a script can read (GHL_BASE_URL, GHL_TOKEN, GHL_LOCATION_ID), and serves until it is interrupted
// (SIGINT or SIGTERM), answering the requests under way before it exits. It accepts the Version values
// HighLevel's own SDKs send (the Node SDK's 2023-02-21 and the calendars API's 2021-04-15 as well as
// 2021-07-28) unless -strict-version is given.
//
// With -webhook URL it delivers the events its writes cause (ContactCreate, TaskCreate, ...) to URL, signed
// with a key of its own, whose public half it prints as GHL_WEBHOOK_PUBLIC_KEY. With -fault it misbehaves on
// purpose: -fault 'POST /contacts/=500x2' answers the next two creates with 500.
//
// It lives in the SDK's own module, as it imports nothing but package ghltest and the standard library.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
