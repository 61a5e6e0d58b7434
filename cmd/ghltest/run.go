package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"strings"

	"github.com/ghlkit/ghl/ghltest"
)

// run starts the server as args say, prints how to reach it on stdout and serves until ctx ends. It
// returns the process's exit code: 0 after an interrupt, 2 for bad flags, 1 when it cannot listen.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "ghltest:", err)
		return 2
	}
	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintln(stderr, "ghltest:", err)
		return 1
	}
	delivered := func(eventType string, d *ghltest.WebhookDelivery, err error) {
		if err != nil {
			fmt.Fprintf(stderr, "ghltest: webhook %s not delivered: %v\n", eventType, err)
			return
		}
		fmt.Fprintf(stderr, "ghltest: webhook %s delivered: %d\n", eventType, d.StatusCode)
	}
	srv, signer := newServer(cfg, l, delivered)
	defer srv.Close()
	lines := []string{
		"GHL_BASE_URL=" + srv.URL,
		"GHL_TOKEN=" + cfg.token,
		"GHL_LOCATION_ID=" + srv.LocationID(),
	}
	if signer != nil {
		lines = append(lines, "GHL_WEBHOOK_PUBLIC_KEY="+signer.PublicKeyBase64())
	}
	fmt.Fprintln(stdout, strings.Join(lines, "\n"))
	fmt.Fprintf(stderr, "ghltest: serving %d contacts on %s; interrupt to stop\n", cfg.seed, srv.URL)
	<-ctx.Done()
	fmt.Fprintln(stderr, "ghltest: stopping")
	return 0
}

// newServer builds the server cfg describes on l, seeded, with its faults injected. The signer is the
// webhook deliveries' (nil without -webhook).
func newServer(cfg config, l net.Listener, delivered func(string, *ghltest.WebhookDelivery, error)) (*ghltest.Server, *ghltest.WebhookSigner) {
	opts := []ghltest.Option{
		ghltest.WithListener(l), ghltest.WithLocation(cfg.location), ghltest.WithToken(cfg.token, cfg.location),
	}
	if !cfg.strictVersion {
		opts = append(opts, ghltest.WithAcceptedVersions())
	}
	if cfg.rateLimit {
		opts = append(opts, ghltest.WithRateLimit(cfg.burst, cfg.window), ghltest.WithDailyLimit(cfg.daily))
	} else {
		opts = append(opts, ghltest.WithRateLimit(unlimited, cfg.window), ghltest.WithDailyLimit(unlimited))
	}
	var signer *ghltest.WebhookSigner
	if cfg.webhookURL != "" {
		signer = ghltest.NewWebhookSigner()
		if cfg.webhookSeed != "" {
			signer = ghltest.NewWebhookSignerFromSeed(cfg.webhookSeed)
		}
		opts = append(opts, ghltest.WithWebhookTarget(ghltest.WebhookTarget{
			URL: cfg.webhookURL, Signer: signer, Delivered: delivered,
		}))
	}
	srv := ghltest.NewServer(opts...)
	seed(srv, cfg.seed)
	for _, f := range cfg.faults {
		srv.InjectFault(f.method, f.template, f.fault)
	}
	return srv, signer
}

// unlimited is a budget no one reaches: the rate limit turned off.
const unlimited = math.MaxInt32
