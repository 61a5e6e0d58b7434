// Command appointments-push copies appointments from another calendar into a HighLevel calendar, so that
// HighLevel's reminders and workflows run for them. It reads a CSV export of the other calendar:
//
//	external_id,email,start,end,title
//	evt-1001,ada@example.com,2026-03-10T10:00:00-05:00,2026-03-10T10:30:00-05:00,Intro call
//
//	go run ./examples/appointments-push -csv appointments.csv -calendar <calendarId>
//
// For each row it finds the contact by email, or upserts one, then creates the appointment or updates the one
// an earlier run made, so that a second run of the same file changes nothing. Times without an offset are read
// in -tz (an IANA zone such as America/New_York, the calendar's zone; default UTC). Without -calendar it uses
// the location's first calendar.
//
// Where the external ID lives: HighLevel's appointments have no external-ID field, so the recipe writes it in
// the appointment's description, as a last line "external-id: <id>". The description is a field of the
// calendars API's create and update (AppointmentCreateSchema, AppointmentEditSchema) and of the event it reads
// back (CalendarEventDTO). To find an earlier run's appointment, the recipe lists the contact's appointments on
// the calendar and reads each one's description.
//
// Scopes: contacts.readonly and contacts.write (find and upsert the contact, list its appointments),
// calendars.readonly (pick the calendar), calendars/events.readonly and calendars/events.write.
//
// With GHL_TOKEN and GHL_LOCATION_ID set it talks to HighLevel; with neither it starts the in-memory fake
// (package ghltest) with a demo calendar and file, and says so on its first line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/appointments"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "appointments-push:", err)
		os.Exit(1)
	}
}

// run parses args, reads the whole file (a bad row stops the run before any write), connects and pushes; opts
// are added to the client's options (tests pass a clock).
func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer, opts ...ghl.Option) error {
	fs := flag.NewFlagSet("appointments-push", flag.ContinueOnError)
	fs.SetOutput(out)
	path := fs.String("csv", "", "the CSV file: external_id,email,start,end,title")
	calendarID := fs.String("calendar", "", "HighLevel ID of the calendar to book on (default: the location's first)")
	tzName := fs.String("tz", "UTC", "zone of the times written without an offset")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	zone, err := time.LoadLocation(*tzName)
	if err != nil {
		return fmt.Errorf("-tz: %w", err)
	}
	client, fake, err := kit.Connect(getenv, out, opts...)
	if err != nil {
		return err
	}
	src := io.Reader(nil)
	if fake != nil {
		defer fake.Close()
		if *path == "" {
			src = strings.NewReader(seedDemo(fake))
		}
	}
	if src == nil {
		if *path == "" {
			return errors.New("give -csv: the file of appointments to push")
		}
		f, err := os.Open(*path)
		if err != nil {
			return err
		}
		defer f.Close()
		src = f
	}
	rows, err := readRows(src, zone)
	if err != nil {
		return err
	}
	cal, err := pickCalendar(ctx, client, *calendarID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Calendar %s (%s): %d appointments to push\n", cal.ID, cal.Name, len(rows))
	p := &pusher{client: client, calendarID: cal.ID, out: out}
	for _, r := range rows {
		if err := p.push(ctx, r); err != nil {
			return fmt.Errorf("row %d (%s): %w", r.line, r.externalID, err)
		}
	}
	fmt.Fprintf(out, "%d created, %d updated, %d unchanged\n", p.created, p.updated, p.unchanged)
	return nil
}

// pickCalendar returns calendar id, or the location's first calendar.
func pickCalendar(ctx context.Context, client *ghl.Client, id string) (appointments.Calendar, error) {
	cals, err := client.Appointments.ListCalendars(ctx, appointments.CalendarsParams{})
	if err != nil {
		return appointments.Calendar{}, fmt.Errorf("calendars: %w", err)
	}
	for _, c := range cals {
		if id == "" || c.ID == id {
			return c, nil
		}
	}
	if id == "" {
		return appointments.Calendar{}, errors.New("the location has no calendar: make one in HighLevel first")
	}
	return appointments.Calendar{}, fmt.Errorf("the location has no calendar %s", id)
}

// pusher writes rows to one calendar and counts what it did.
type pusher struct {
	client     *ghl.Client
	calendarID string
	out        io.Writer

	created, updated, unchanged int
}

func (p *pusher) push(ctx context.Context, r row) error {
	contactID, err := p.contact(ctx, r.email)
	if err != nil {
		return err
	}
	existing, err := p.find(ctx, contactID, r.externalID)
	if err != nil {
		return err
	}
	if existing == nil {
		a, err := p.client.Appointments.Create(ctx, appointments.CreateParams{
			CalendarID: p.calendarID, ContactID: contactID, StartTime: r.start, EndTime: r.end, Title: r.title,
			Description: describe(r.externalID),
			// The other calendar is the source of truth: its bookings are taken as they are.
			IgnoreFreeSlotValidation: ghl.Ptr(true), IgnoreDateRange: ghl.Ptr(true),
		})
		if err != nil {
			return err
		}
		p.created++
		fmt.Fprintf(p.out, "%s: created appointment %s for %s\n", r.externalID, a.ID, r.email)
		return nil
	}
	change, what := diff(existing, r)
	if len(what) == 0 {
		p.unchanged++
		fmt.Fprintf(p.out, "%s: up to date\n", r.externalID)
		return nil
	}
	if _, err := p.client.Appointments.Update(ctx, existing.ID, change); err != nil {
		return err
	}
	p.updated++
	fmt.Fprintf(p.out, "%s: updated appointment %s (%s)\n", r.externalID, existing.ID, strings.Join(what, ", "))
	return nil
}

// contact finds the contact of email, or upserts one: a second run finds the contact the first made and
// writes nothing.
func (p *pusher) contact(ctx context.Context, email string) (string, error) {
	c, err := p.client.Contacts.FindDuplicate(ctx, contacts.DuplicateParams{Email: email})
	if err != nil {
		return "", fmt.Errorf("looking up %s: %w", email, err)
	}
	if c != nil {
		return c.ID, nil
	}
	res, err := p.client.Contacts.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: email, Source: "appointments-push"}})
	if err != nil {
		return "", fmt.Errorf("upserting %s: %w", email, err)
	}
	return res.Contact.ID, nil
}

// find returns the appointment of the contact on the calendar that carries the external ID, or nil. The
// contact's list does not carry descriptions (the contacts spec's GetEventSchema has none), so each candidate
// is read through the calendars API.
func (p *pusher) find(ctx context.Context, contactID, externalID string) (*appointments.Appointment, error) {
	list, err := p.client.Appointments.List(ctx, contactID)
	if err != nil {
		return nil, fmt.Errorf("appointments of contact %s: %w", contactID, err)
	}
	for _, a := range list {
		if a.CalendarID != p.calendarID {
			continue
		}
		if a.Description == "" {
			full, err := p.client.Appointments.Get(ctx, a.ID)
			if err != nil {
				return nil, fmt.Errorf("appointment %s: %w", a.ID, err)
			}
			a = *full
		}
		if externalIDOf(a.Description) == externalID {
			return &a, nil
		}
	}
	return nil, nil
}

// diff returns the update that makes a match r, and the names of what it changes.
func diff(a *appointments.Appointment, r row) (appointments.UpdateParams, []string) {
	var u appointments.UpdateParams
	var what []string
	if a.Title != r.title {
		u.Title = ghl.Ptr(r.title)
		what = append(what, "title")
	}
	if !a.StartTime.Equal(r.start) || !a.EndTime.Equal(r.end) {
		u.StartTime, u.EndTime = ghl.Ptr(r.start), ghl.Ptr(r.end)
		u.IgnoreFreeSlotValidation = ghl.Ptr(true)
		what = append(what, "time")
	}
	return u, what
}

// externalIDPrefix starts the description's line that holds the other calendar's ID.
const externalIDPrefix = "external-id: "

func describe(externalID string) string {
	return "Pushed from another calendar.\n" + externalIDPrefix + externalID
}

// externalIDOf reads the external ID back from a description, "" when it has none.
func externalIDOf(description string) string {
	for line := range strings.Lines(description) {
		if id, ok := strings.CutPrefix(strings.TrimSpace(line), externalIDPrefix); ok {
			return strings.TrimSpace(id)
		}
	}
	return ""
}
