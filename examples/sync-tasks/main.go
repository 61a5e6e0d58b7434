// Command sync-tasks writes every pending (not completed) task of the contacts that match a search as JSON
// lines, one task a line with its contact's ID, email and name: the feed a project tool or a time tracker
// imports.
//
//	go run ./examples/sync-tasks -tag vip > tasks.jsonl
//
// Tasks are read per contact, several contacts at a time; the client's rate limiter keeps the whole run under
// HighLevel's 100 requests per 10 seconds, however many contacts match. Messages go to stderr, so that stdout
// holds only the JSON lines.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) with a few demo contacts and says so on its first line.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
	"github.com/ghlkit/ghl/tasks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "sync-tasks:", err)
		os.Exit(1)
	}
}

// run parses args, connects and writes the lines to stdout; opts are added to the client's options (tests pass
// a clock).
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, opts ...ghl.Option) error {
	fs := flag.NewFlagSet("sync-tasks", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tag := fs.String("tag", "", "only contacts with this tag")
	query := fs.String("query", "", "only contacts matching this free text")
	workers := fs.Int("workers", 4, "contacts whose tasks are read at the same time")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *workers < 1 {
		return errors.New("-workers must be at least 1")
	}
	client, fake, err := kit.Connect(getenv, stderr, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
		seedDemo(fake)
	}

	search := contacts.SearchParams{Query: *query}
	if *tag != "" {
		search.Filters = append(search.Filters, contacts.Eq("tags", *tag))
	}
	n, err := pendingTasks(ctx, client, search, *workers, stdout)
	fmt.Fprintf(stderr, "%d pending tasks of %d contacts\n", n.tasks, n.contacts)
	return err
}

// line is one pending task with the contact it belongs to.
type line struct {
	ContactID  string    `json:"contactId"`
	Email      string    `json:"email,omitempty"`
	Name       string    `json:"name,omitempty"`
	TaskID     string    `json:"taskId"`
	Title      string    `json:"title"`
	Body       string    `json:"body,omitempty"`
	DueDate    time.Time `json:"dueDate,omitzero"`
	AssignedTo string    `json:"assignedTo,omitempty"`
}

type counts struct{ contacts, tasks int }

// pendingTasks streams the search's contacts to workers that list each contact's tasks and write the pending
// ones. The first error stops everything.
func pendingTasks(ctx context.Context, client *ghl.Client, search contacts.SearchParams, workers int, w io.Writer) (counts, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		mu  sync.Mutex // guards enc and n
		enc = json.NewEncoder(w)
		n   counts
		wg  sync.WaitGroup
	)
	queue := make(chan contacts.Contact)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range queue {
				list, err := client.Tasks.List(ctx, c.ID)
				if err != nil {
					cancel(fmt.Errorf("tasks of contact %s: %w", c.ID, err))
					continue // keep draining the queue so the producer never blocks
				}
				mu.Lock()
				n.contacts++
				for _, t := range list {
					if t.Completed {
						continue
					}
					if err := enc.Encode(lineOf(c, t)); err != nil {
						cancel(err)
						break
					}
					n.tasks++
				}
				mu.Unlock()
			}
		}()
	}

	for c, err := range client.Contacts.SearchAll(ctx, search) {
		if err != nil {
			cancel(fmt.Errorf("search: %w", err))
			break
		}
		select {
		case queue <- c:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(queue)
	wg.Wait()
	return n, context.Cause(ctx)
}

func lineOf(c contacts.Contact, t tasks.Task) line {
	name := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if name == "" {
		name = c.Name
	}
	return line{
		ContactID: c.ID, Email: c.Email, Name: name,
		TaskID: t.ID, Title: t.Title, Body: t.Body, DueDate: t.DueDate.Time, AssignedTo: t.AssignedTo,
	}
}
