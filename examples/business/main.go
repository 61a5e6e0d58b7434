// Command business copies a business's details (its name as the company name, its website) from HighLevel's
// business record onto every contact of that business, writing only the fields that differ.
//
//	go run ./examples/business -business <businessId>
//	go run ./examples/business -all
//
// It reads the business with the businesses API (scope businesses.readonly), lists its contacts
// (contacts.readonly) and writes them (contacts.write).
//
// The website goes through a contact update. HighLevel's update does not take a company name, but its upsert
// does, so the company name goes through an upsert keyed on the contact's email (or phone), after checking that
// the upsert would find this very contact. A second run changes nothing.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) with a demo business and says so on its first line.
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
	"strings"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/businesses"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "business:", err)
		os.Exit(1)
	}
}

// business is what the contacts of a business get from its record.
type business struct {
	ID, CompanyName, Website string
}

// fromRecord maps HighLevel's business record to what its contacts get: the business's name is their company
// name, its website theirs.
func fromRecord(b businesses.Business) business {
	return business{ID: b.ID, CompanyName: strings.TrimSpace(b.Name), Website: strings.TrimSpace(b.Website)}
}

// run parses args, connects, reads the business records and enriches their contacts; opts are added to the
// client's options (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer, opts ...ghl.Option) error {
	var id string
	var all bool
	fs := flag.NewFlagSet("business", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&id, "business", "", "HighLevel ID of the business whose contacts to enrich")
	fs.BoolVar(&all, "all", false, "enrich the contacts of every business of the location")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if id != "" && all {
		return errors.New("give -business or -all, not both")
	}
	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
		if id == "" && !all {
			id = seedDemo(fake)
		}
	}
	if id == "" && !all {
		return errors.New("give -business: the ID of the business whose contacts to update (or -all)")
	}
	records, err := readBusinesses(ctx, client, id)
	if err != nil {
		return err
	}
	for _, rec := range records {
		b := fromRecord(rec)
		fmt.Fprintf(out, "Business %s (%s): company %q, website %q\n", b.ID, rec.Name, b.CompanyName, b.Website)
		if err := enrich(ctx, client, out, b); err != nil {
			return err
		}
	}
	return nil
}

// readBusinesses reads the record of business id, or of every business of the location when id is empty.
func readBusinesses(ctx context.Context, client *ghl.Client, id string) ([]businesses.Business, error) {
	if id != "" {
		b, err := client.Businesses.Get(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("business %s: %w", id, err)
		}
		return []businesses.Business{*b}, nil
	}
	var out []businesses.Business
	for b, err := range client.Businesses.ListAll(ctx, businesses.ListParams{}) {
		if err != nil {
			return nil, fmt.Errorf("businesses of the location: %w", err)
		}
		out = append(out, b)
	}
	return out, nil
}

// enrich reads the business's contacts, then updates those that differ. Reading first keeps the paging of the
// listing away from the writes.
func enrich(ctx context.Context, client *ghl.Client, out io.Writer, b business) error {
	var members []contacts.Contact
	for c, err := range client.Contacts.ListByBusinessAll(ctx, b.ID, contacts.BusinessParams{}) {
		if err != nil {
			return fmt.Errorf("contacts of business %s: %w", b.ID, err)
		}
		members = append(members, c)
	}
	updated := 0
	for _, c := range members {
		var done []string
		if b.Website != "" && c.Website != b.Website {
			if _, err := client.Contacts.Update(ctx, c.ID, contacts.UpdateParams{Website: &b.Website}); err != nil {
				return fmt.Errorf("update website of %s: %w", c.ID, err)
			}
			done = append(done, "website updated")
		}
		if b.CompanyName != "" && c.CompanyName != b.CompanyName {
			msg, err := setCompanyName(ctx, client, c, b.CompanyName)
			if err != nil {
				return fmt.Errorf("set company name of %s: %w", c.ID, err)
			}
			done = append(done, msg)
		}
		if len(done) == 0 {
			done = append(done, "up to date")
		} else {
			updated++
		}
		fmt.Fprintf(out, "contact %s (%s): %s\n", c.ID, displayName(c), strings.Join(done, ", "))
	}
	fmt.Fprintf(out, "%d contacts, %d updated\n", len(members), updated)
	return nil
}

// setCompanyName writes a contact's company name through an upsert, the one write of HighLevel's contacts API
// that takes it. The upsert finds its contact by email, then phone; FindDuplicate asks HighLevel which contact
// that is, so that a location that allows duplicates cannot make it update another contact.
func setCompanyName(ctx context.Context, client *ghl.Client, c contacts.Contact, name string) (string, error) {
	key := contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: c.Email}}
	if c.Email == "" {
		key.Phone = c.Phone
	}
	if key.Email == "" && key.Phone == "" {
		return "company name not set (no email or phone to upsert by)", nil
	}
	match, err := client.Contacts.FindDuplicate(ctx, contacts.DuplicateParams{Email: key.Email, Phone: key.Phone})
	if err != nil {
		return "", err
	}
	if match == nil || match.ID != c.ID {
		return "company name not set (its email or phone leads an upsert to another contact)", nil
	}
	key.CompanyName = name
	if _, err := client.Contacts.Upsert(ctx, key); err != nil {
		return "", err
	}
	return "company name updated", nil
}

func displayName(c contacts.Contact) string {
	if n := strings.TrimSpace(c.FirstName + " " + c.LastName); n != "" {
		return n
	}
	return cmp.Or(c.Name, c.Email, c.Phone, "no name")
}
