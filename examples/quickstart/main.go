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

type contact struct {
	ID        string   `json:"id"`
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	Tags      []string `json:"tags"`
}

// tour walks a contact through its life. The email is unique per run so that a real location's duplicate rule
// never refuses it.
func tour(ctx context.Context, out io.Writer, client *ghl.Client) error {
	email := fmt.Sprintf("ada.quickstart+%d@example.com", time.Now().UnixNano())
	var created struct{ Contact contact }
	err := client.Do(ctx, "POST", "/contacts/", map[string]any{
		"locationId": client.LocationID(), "firstName": "Ada", "lastName": "Lovelace",
		"email": email, "tags": []string{"quickstart"},
	}, &created)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	id := created.Contact.ID
	fmt.Fprintf(out, "created  contact %s: %s %s <%s>\n", id, created.Contact.FirstName, created.Contact.LastName, email)
	// Clean up even if a later step fails, so a real location is left as it was found.
	defer func() {
		if err := client.Do(context.WithoutCancel(ctx), "DELETE", "/contacts/"+id, nil, nil); err == nil {
			fmt.Fprintf(out, "deleted  contact %s\n", id)
		}
	}()

	if err := client.Do(ctx, "PUT", "/contacts/"+id, map[string]any{"phone": "+15550100"}, nil); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	fmt.Fprintf(out, "updated  phone to +15550100\n")

	var got struct{ Contact contact }
	if err := client.Do(ctx, "GET", "/contacts/"+id, nil, &got); err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(out, "read     %s %s, phone %s, tags %v\n", got.Contact.FirstName, got.Contact.LastName, got.Contact.Phone, got.Contact.Tags)

	var found struct {
		Contacts []contact
		Total    int
	}
	err = client.Do(ctx, "POST", "/contacts/search", map[string]any{
		"locationId": client.LocationID(), "pageLimit": 10,
		"filters": []map[string]any{{"field": "email", "operator": "eq", "value": email}},
	}, &found)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	fmt.Fprintf(out, "searched by email: %d match\n", found.Total)
	return nil
}
