package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ghlkit/ghl/ghltest"
)

// config is what the flags say.
type config struct {
	addr, token, location   string
	seed                    int
	strictVersion           bool
	rateLimit               bool
	burst, daily            int
	window                  time.Duration
	webhookURL, webhookSeed string
	faults                  []faultFlag
}

// faultFlag is one -fault: a fault for the next requests to one route.
type faultFlag struct {
	method, template string
	fault            ghltest.Fault
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("ghltest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "`address` to listen on (port 0 picks a free one)")
	fs.IntVar(&cfg.seed, "seed", 100, "how many contacts to seed, with tags, tasks, notes and appointments")
	fs.StringVar(&cfg.token, "token", "", "private integration `token` to accept (default: a random pit-... one)")
	fs.StringVar(&cfg.location, "location", "", "location `ID` (default: a random one)")
	fs.BoolVar(&cfg.strictVersion, "strict-version", false, "accept only Version: "+ghltest.APIVersion+", as the Go SDK's tests do")
	fs.BoolVar(&cfg.rateLimit, "rate-limit", true, "limit requests as HighLevel does (-rate-limit=false: no limit)")
	fs.IntVar(&cfg.burst, "burst", ghltest.DefaultBurstMax, "requests allowed per -window")
	fs.DurationVar(&cfg.window, "window", ghltest.DefaultBurstWindow, "the burst limit's sliding window")
	fs.IntVar(&cfg.daily, "daily", ghltest.DefaultDailyLimit, "requests allowed per day")
	fs.StringVar(&cfg.webhookURL, "webhook", "", "`URL` to deliver the signed webhook events of writes to")
	fs.StringVar(&cfg.webhookSeed, "webhook-seed", "", "derive the webhook signing key from this `seed`, the same on every run")
	fs.Func("fault", "`'METHOD /route=STATUS[xTIMES]'`: answer the next TIMES requests to the route with STATUS "+
		"(or reset, truncate, stall); repeatable, e.g. 'POST /contacts/=500x2'", func(v string) error {
		f, err := parseFault(v)
		if err == nil {
			cfg.faults = append(cfg.faults, f)
		}
		return err
	})
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	switch {
	case cfg.seed < 0:
		return cfg, errors.New("-seed must not be negative")
	case cfg.burst < 1 || cfg.daily < 1 || cfg.window <= 0:
		return cfg, errors.New("-burst and -daily must be at least 1, -window positive")
	case cfg.webhookURL != "" && !strings.HasPrefix(cfg.webhookURL, "http://") && !strings.HasPrefix(cfg.webhookURL, "https://"):
		return cfg, fmt.Errorf("-webhook %q is not an http(s) URL", cfg.webhookURL)
	}
	if cfg.token == "" {
		cfg.token = "pit-" + randomHex(16)
	}
	if cfg.location == "" {
		cfg.location = randomID()
	}
	return cfg, nil
}

// parseFault reads "METHOD /route=STATUS[xTIMES]", where STATUS is an HTTP status or one of reset, truncate
// and stall, and the route is a template of the API ("/contacts/{contactId}") as Server.InjectFault takes.
func parseFault(v string) (faultFlag, error) {
	bad := func(why string) (faultFlag, error) {
		return faultFlag{}, fmt.Errorf("fault %q: %s (want 'METHOD /route=STATUS[xTIMES]', e.g. 'POST /contacts/=500x2')", v, why)
	}
	route, what, ok := strings.Cut(v, "=")
	if !ok {
		return bad("no =")
	}
	method, template, ok := strings.Cut(strings.TrimSpace(route), " ")
	template = strings.TrimSpace(template)
	if !ok || !strings.HasPrefix(template, "/") {
		return bad("no method and route")
	}
	method = strings.ToUpper(method)
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch:
	default:
		return bad("unknown method " + method)
	}
	kind, times, hasTimes := strings.Cut(strings.TrimSpace(what), "x")
	kind, times = strings.TrimSpace(kind), strings.TrimSpace(times)
	f := ghltest.Fault{Times: 1}
	if hasTimes {
		n, err := strconv.Atoi(times)
		if err != nil || n < 1 {
			return bad("times must be a whole number from 1")
		}
		f.Times = n
	}
	switch kind {
	case "reset":
		f.Reset = true
	case "truncate":
		f.Truncate = true
	case "stall":
		f.Stall = true
	default:
		status, err := strconv.Atoi(kind)
		if err != nil || status < 100 || status > 599 {
			return bad("status must be 100 to 599, reset, truncate or stall")
		}
		f.Status = status
	}
	return faultFlag{method: method, template: template, fault: f}, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}

// randomID returns 20 letters and digits, the shape of HighLevel's location IDs.
func randomID() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
