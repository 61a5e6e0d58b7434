// Command history prints one contact's notes, appointments and tasks as a single timeline, oldest first: what
// a support tool shows beside a customer.
//
//	go run ./examples/history <contactId>
//
// The contact and its three lists are fetched at the same time; the client's rate limiter keeps them, and any
// other calls of the same client, under HighLevel's limit.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) with a demo contact and says so on its first line.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/appointments"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/tasks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "history:", err)
		os.Exit(1)
	}
}

// run parses args, connects and prints the timeline; opts are added to the client's options (tests pass a
// clock).
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer, opts ...ghl.Option) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), "usage: history <contactId>") }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	contactID := fs.Arg(0)
	if fs.NArg() > 1 {
		return errors.New("give one contact ID")
	}
	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
		if contactID == "" {
			contactID = seedDemo(fake)
		}
	}
	if contactID == "" {
		return errors.New("give the ID of the contact: history <contactId>")
	}

	c, entries, err := history(ctx, client, contactID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Timeline of %s (%s): %d entries\n", displayName(c), c.ID, len(entries))
	for _, e := range entries {
		at := "(no date)"
		if !e.At.IsZero() {
			at = e.At.UTC().Format("2006-01-02 15:04 MST")
		}
		fmt.Fprintf(out, "%-20s  %-12s %s\n", at, e.Kind, e.Text)
	}
	return nil
}

// entry is one line of the timeline.
type entry struct {
	At   time.Time
	Kind string
	Text string
}

// history fetches the contact, its notes, its appointments and its tasks concurrently, and merges them by
// time: notes when written, appointments when they start, tasks when due.
func history(ctx context.Context, client *ghl.Client, contactID string) (*contacts.Contact, []entry, error) {
	var (
		wg   sync.WaitGroup
		c    *contacts.Contact
		ns   []notes.Note
		as   []appointments.Appointment
		ts   []tasks.Task
		errs [4]error
	)
	wg.Add(4)
	go func() { defer wg.Done(); c, errs[0] = client.Contacts.Get(ctx, contactID) }()
	go func() { defer wg.Done(); ns, errs[1] = client.Notes.List(ctx, contactID) }()
	go func() { defer wg.Done(); as, errs[2] = client.Appointments.List(ctx, contactID) }()
	go func() { defer wg.Done(); ts, errs[3] = client.Tasks.List(ctx, contactID) }()
	wg.Wait()
	for i, what := range []string{"contact", "notes", "appointments", "tasks"} {
		if errs[i] != nil {
			return nil, nil, fmt.Errorf("%s of %s: %w", what, contactID, errs[i])
		}
	}

	var entries []entry
	for _, n := range ns {
		entries = append(entries, entry{n.DateAdded.Time, "note", oneLine(n.Body)})
	}
	for _, a := range as {
		status := cmp.Or(a.AppointmentStatus, a.Status)
		entries = append(entries, entry{a.StartTime.Time, "appointment", fmt.Sprintf("%s (%s)", a.Title, status)})
	}
	for _, t := range ts {
		text := t.Title
		if t.Completed {
			text += " [done]"
		}
		entries = append(entries, entry{t.DueDate.Time, "task due", text})
	}
	// Oldest first; a record whose date HighLevel sent in a form the SDK cannot read goes last.
	slices.SortStableFunc(entries, func(a, b entry) int {
		if a.At.IsZero() != b.At.IsZero() {
			return cmpBool(a.At.IsZero(), b.At.IsZero())
		}
		return a.At.Compare(b.At)
	})
	return c, entries, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

// oneLine keeps a note's first line, cut to 80 characters.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}

func displayName(c *contacts.Contact) string {
	if n := strings.TrimSpace(c.FirstName + " " + c.LastName); n != "" {
		return n
	}
	return cmp.Or(c.Name, c.Email, c.Phone, c.ID)
}
