package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
)

// runDemo starts a receiver on a loopback port that trusts a fresh ghltest key, delivers three requests to
// it and reports what the receiver answered. It fails if the receiver accepts what it should refuse.
func runDemo(ctx context.Context, out io.Writer, path string) error {
	signer := ghltest.NewWebhookSigner()
	// Log lines without times, so that a run reads the same every time.
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	rcv, err := newReceiver(logger, path, webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- kit.Serve(ctx, ln, rcv) }()
	defer func() { stop(); <-served }()

	url := "http://" + ln.Addr().String() + path
	fmt.Fprintf(out, "receiver listening on %s, trusting a ghltest key\n", url)
	body := ghltest.WebhookPayload(webhook.TypeContactCreate, time.Now())
	steps := []struct {
		what    string
		opts    []ghltest.WebhookDeliveryOption
		status  int
		handled bool
		verdict string
	}{
		{"signed ContactCreate", nil, http.StatusOK, true, "accepted and handled"},
		{"tampered ContactCreate (one byte changed after signing)",
			[]ghltest.WebhookDeliveryOption{ghltest.WithWebhookTamper()}, http.StatusUnauthorized, false,
			"rejected: the signature does not match"},
		{"replay of the signed ContactCreate", nil, http.StatusOK, false,
			"rejected as a replay: acknowledged so HighLevel stops, not handled again"},
	}
	for _, s := range steps {
		before := rcv.count()
		d, err := signer.Deliver(ctx, url, body, s.opts...)
		if err != nil {
			return err
		}
		if handled := rcv.count() > before; d.StatusCode != s.status || handled != s.handled {
			return fmt.Errorf("%s: receiver answered %d (handled: %t), want %d (handled: %t)",
				s.what, d.StatusCode, handled, s.status, s.handled)
		}
		fmt.Fprintf(out, "delivered %s -> %d %s: %s\n", s.what, d.StatusCode, http.StatusText(d.StatusCode), s.verdict)
	}
	fmt.Fprintf(out, "events handled: %d of %d deliveries\n", rcv.count(), len(steps))
	return nil
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
