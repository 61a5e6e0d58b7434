// Command onboarding welcomes a customer who signed up in another system: it upserts the contact, tags it,
// gives it an onboarding task with a due date and adds a welcome note.
//
// Every step looks before it writes, so running it again for the same person creates nothing twice. That is
// also the recovery after a failure: when a create fails in a way that leaves open whether HighLevel made the
// record (ghl.ErrOutcomeUnknown), run it again.
//
//	go run ./examples/onboarding -email ada@example.com -first Ada -last Lovelace
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest), says so on its first line, and onboards a demo person twice.
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
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/tasks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "onboarding:", err)
		os.Exit(1)
	}
}

// signup is what the other system knows about the new customer, and how to welcome them.
type signup struct {
	Email, Phone, FirstName, LastName string
	Tag                               string
	TaskTitle                         string
	DueIn                             time.Duration
}

// run parses args, connects and onboards; opts are added to the client's options (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer, opts ...ghl.Option) error {
	var s signup
	fs := flag.NewFlagSet("onboarding", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&s.Email, "email", "", "the customer's email")
	fs.StringVar(&s.Phone, "phone", "", "the customer's phone, in E.164 form (+15550100)")
	fs.StringVar(&s.FirstName, "first", "", "first name")
	fs.StringVar(&s.LastName, "last", "", "last name")
	fs.StringVar(&s.Tag, "tag", "onboarding", "tag to put on the contact")
	fs.StringVar(&s.TaskTitle, "task", "Onboarding call", "title of the onboarding task")
	fs.DurationVar(&s.DueIn, "due", 72*time.Hour, "how long from now the task is due")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}

	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake == nil {
		if s.Email == "" && s.Phone == "" {
			return errors.New("give -email or -phone: HighLevel finds an existing contact by them")
		}
		return onboard(ctx, client, out, s)
	}
	defer fake.Close()
	if s.Email == "" && s.Phone == "" {
		s.Email, s.Phone, s.FirstName, s.LastName = "ada@example.com", "+15550100", "Ada", "Lovelace"
	}
	if err := onboard(ctx, client, out, s); err != nil {
		return err
	}
	fmt.Fprintln(out, "Running again for the same person:")
	return onboard(ctx, client, out, s)
}

// onboard makes the contact look onboarded: each step writes only what is missing.
func onboard(ctx context.Context, client *ghl.Client, out io.Writer, s signup) error {
	// Upsert finds the contact by the location's duplicate rule (email first, then phone), so a second signup
	// of the same person updates instead of duplicating. Tags are left out: in an upsert they replace the
	// contact's tags, and the customer may have others already.
	res, err := client.Contacts.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{
		Email: s.Email, Phone: s.Phone, FirstName: s.FirstName, LastName: s.LastName,
	}})
	if err != nil {
		return fmt.Errorf("upsert contact: %w", err)
	}
	c := res.Contact
	fmt.Fprintf(out, "contact %s %s (%s)\n", c.ID, pick(res.New, "created", "already there, updated"), displayName(c))

	if c.HasTag(s.Tag) {
		fmt.Fprintf(out, "tag     %q already there\n", s.Tag)
	} else {
		if _, err := client.Tags.Add(ctx, c.ID, []string{s.Tag}); err != nil {
			return fmt.Errorf("tag contact: %w", err)
		}
		fmt.Fprintf(out, "tag     %q added\n", s.Tag)
	}

	existing, err := client.Tasks.List(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("list tasks: %w", err)
	}
	if slices.ContainsFunc(existing, func(t tasks.Task) bool { return t.Title == s.TaskTitle }) {
		fmt.Fprintf(out, "task    %q already there\n", s.TaskTitle)
	} else {
		due := time.Now().Add(s.DueIn).Truncate(time.Minute)
		t, err := client.Tasks.Create(ctx, c.ID, tasks.CreateParams{
			Title: s.TaskTitle, Body: "Walk " + displayName(c) + " through the first steps.", DueDate: due,
		})
		if err != nil {
			return fmt.Errorf("create task: %w%s", err, rerunHint(err))
		}
		fmt.Fprintf(out, "task    %q created, due %s\n", t.Title, t.DueDate.UTC().Format(time.RFC3339))
	}

	welcome := fmt.Sprintf("Welcome aboard, %s! Signed up through onboarding.", displayName(c))
	existingNotes, err := client.Notes.List(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("list notes: %w", err)
	}
	if slices.ContainsFunc(existingNotes, func(n notes.Note) bool { return n.Body == welcome }) {
		fmt.Fprintln(out, "note    welcome note already there")
		return nil
	}
	if _, err := client.Notes.Create(ctx, c.ID, notes.CreateParams{Body: welcome}); err != nil {
		return fmt.Errorf("add welcome note: %w%s", err, rerunHint(err))
	}
	fmt.Fprintln(out, "note    welcome note added")
	return nil
}

// rerunHint tells the user what to do when a create may or may not have happened.
func rerunHint(err error) string {
	if errors.Is(err, ghl.ErrOutcomeUnknown) {
		return " (it may exist: run again, it looks before it creates)"
	}
	return ""
}

func displayName(c contacts.Contact) string {
	if n := strings.TrimSpace(c.FirstName + " " + c.LastName); n != "" {
		return n
	}
	return c.Email + c.Phone
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
