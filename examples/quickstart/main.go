// Command quickstart creates, updates, reads, searches and deletes a contact.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) and says so on its first line.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run does the whole tour; getenv is os.Getenv in main and a map in tests.
func run(ctx context.Context, out io.Writer, getenv func(string) string) error {
	token, locationID := getenv("GHL_TOKEN"), getenv("GHL_LOCATION_ID")
	var opts []ghl.Option
	switch {
	case token != "" && locationID != "":
		fmt.Fprintf(out, "Using HighLevel's API at %s for location %s.\n", ghl.DefaultBaseURL, locationID)
	case token != "" || locationID != "":
		return errors.New("set both GHL_TOKEN and GHL_LOCATION_ID to use the real API, or neither to use the fake")
	default:
		srv := ghltest.NewServer()
		defer srv.Close()
		locationID = srv.LocationID()
		token = srv.IssueToken(locationID)
		opts = append(opts, ghl.WithBaseURL(srv.URL))
		fmt.Fprintf(out, "No GHL_TOKEN set: using the in-memory fake HighLevel (ghltest) at %s.\n", srv.URL)
	}
	client, err := ghl.NewClient(append(opts,
		ghl.WithTokenSource(auth.PrivateToken(token)),
		ghl.WithLocationID(locationID),
	)...)
	if err != nil {
		return err
	}
	return tour(ctx, out, client)
}

// tour walks a contact through its life. The email is unique per run so that a real location's duplicate rule
// never refuses it.
func tour(ctx context.Context, out io.Writer, client *ghl.Client) error {
	email := fmt.Sprintf("ada.quickstart+%d@example.com", time.Now().UnixNano())
	c, err := client.Contacts.Create(ctx, contacts.CreateParams{
		FirstName: "Ada", LastName: "Lovelace", Email: email, Tags: []string{"quickstart"},
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(out, "created  contact %s: %s %s <%s>\n", c.ID, c.FirstName, c.LastName, c.Email)
	// Clean up even if a later step fails, so a real location is left as it was found.
	defer func() {
		if err := client.Contacts.Delete(context.WithoutCancel(ctx), c.ID); err == nil {
			fmt.Fprintf(out, "deleted  contact %s\n", c.ID)
		}
	}()

	if _, err := client.Contacts.Update(ctx, c.ID, contacts.UpdateParams{Phone: ghl.Ptr("+15550100")}); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	fmt.Fprintf(out, "updated  phone to +15550100\n")

	got, err := client.Contacts.Get(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(out, "read     %s %s, phone %s, tags %v\n", got.FirstName, got.LastName, got.Phone, got.Tags)

	// HighLevel's search index lags writes by a few seconds, so against the real API this may find nothing yet.
	found := 0
	for _, err := range client.Contacts.SearchAll(ctx, contacts.SearchParams{
		Filters: []contacts.Filter{contacts.Eq("email", email)},
	}) {
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		found++
	}
	fmt.Fprintf(out, "searched by email: %d match\n", found)
	return nil
}
