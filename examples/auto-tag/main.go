// Command auto-tag tags contacts by where they came from: each rule names a source and the tags its contacts
// should carry. Only missing tags are added, so a second run sends no writes.
//
//	go run ./examples/auto-tag 'facebook ads=paid,social' 'website form=organic'
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) with demo contacts, uses a demo mapping when none is given, and says so on its first line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "auto-tag:", err)
		os.Exit(1)
	}
}

// rule gives the contacts of one source their tags.
type rule struct {
	Source string
	Tags   []string
}

// run parses args, connects and tags; opts are added to the client's options (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer, opts ...ghl.Option) error {
	fs := flag.NewFlagSet("auto-tag", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: auto-tag 'source=tag[,tag...]' ...")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	rules, err := parseRules(fs.Args())
	if err != nil {
		return err
	}
	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
		seedDemo(fake)
		if len(rules) == 0 {
			rules, _ = parseRules(demoRules)
			fmt.Fprintf(out, "No rules given: using the demo's %q\n", demoRules)
		}
	}
	if len(rules) == 0 {
		return errors.New("give at least one rule: auto-tag 'source=tag[,tag...]'")
	}
	for _, r := range rules {
		if err := tagSource(ctx, client, out, r); err != nil {
			return err
		}
	}
	return nil
}

// parseRules reads "source=tag1,tag2" arguments. Rules for the same source (compared as HighLevel compares
// text, ignoring case) add up.
func parseRules(args []string) ([]rule, error) {
	var rules []rule
	for _, arg := range args {
		source, list, ok := strings.Cut(arg, "=")
		source = strings.TrimSpace(source)
		var tags []string
		for t := range strings.SplitSeq(list, ",") {
			if t = strings.TrimSpace(t); t != "" {
				tags = append(tags, t)
			}
		}
		if !ok || source == "" || len(tags) == 0 {
			return nil, fmt.Errorf("rule %q: want source=tag[,tag...]", arg)
		}
		i := slices.IndexFunc(rules, func(r rule) bool { return strings.EqualFold(r.Source, source) })
		if i < 0 {
			rules = append(rules, rule{Source: source})
			i = len(rules) - 1
		}
		for _, t := range tags {
			if !slices.ContainsFunc(rules[i].Tags, func(have string) bool { return strings.EqualFold(have, t) }) {
				rules[i].Tags = append(rules[i].Tags, t)
			}
		}
	}
	return rules, nil
}

// tagSource searches the source's contacts and adds to each the rule's tags it lacks.
func tagSource(ctx context.Context, client *ghl.Client, out io.Writer, r rule) error {
	search := contacts.SearchParams{Filters: []contacts.Filter{contacts.Eq("source", r.Source)}}
	matched, tagged := 0, 0
	for c, err := range client.Contacts.SearchAll(ctx, search) {
		if err != nil {
			return fmt.Errorf("search source %q: %w", r.Source, err)
		}
		// Check the match here too: how loosely a search compares text is the server's business.
		if !strings.EqualFold(strings.TrimSpace(c.Source), r.Source) {
			continue
		}
		matched++
		missing := slices.DeleteFunc(slices.Clone(r.Tags), c.HasTag)
		if len(missing) == 0 {
			continue
		}
		if _, err := client.Tags.Add(ctx, c.ID, missing); err != nil {
			return fmt.Errorf("tag contact %s: %w", c.ID, err)
		}
		tagged++
		fmt.Fprintf(out, "contact %s: added %s\n", c.ID, strings.Join(missing, ", "))
	}
	fmt.Fprintf(out, "source %q: %d contacts, %d tagged, %d had every tag\n", r.Source, matched, tagged, matched-tagged)
	return nil
}
