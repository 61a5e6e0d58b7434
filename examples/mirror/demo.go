package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/tasks"
	"github.com/ghlkit/ghl/webhook"
)

// runDemo backfills a seeded fake, changes it through the API, delivers the signed events HighLevel would send
// for the changes (one twice, two in the wrong order), and checks that the mirror ends up as the fake is.
func runDemo(ctx context.Context, out io.Writer, m *mirror, client *ghl.Client, fake *ghltest.Server, workers int) error {
	ada, grace, linus := seedDemo(fake)
	started := time.Now()
	n, err := backfill(ctx, client, m.st, workers, started)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "backfill: %d contacts, %d tasks, %d notes\n", n.Contacts, n.Tasks, n.Notes)

	signer := ghltest.NewWebhookSigner()
	h, err := m.handler(webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		return err
	}
	rcv := httptest.NewServer(h)
	defer rcv.Close()

	changes, err := makeChanges(ctx, client, fake, started, ada, grace, linus)
	if err != nil {
		return err
	}
	burst, err := deliveries(fake.LocationID(), changes, started)
	if err != nil {
		return err
	}
	for _, d := range burst {
		res, err := signer.Deliver(ctx, rcv.URL, d.body)
		if err != nil {
			return err
		}
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("delivery %s: receiver answered %d", d.what, res.StatusCode)
		}
		fmt.Fprintf(out, "delivered %-44s -> %d\n", d.what, res.StatusCode)
	}

	c, err := m.st.counts(ctx)
	if err != nil {
		return err
	}
	applied, stale := m.applied.Load(), m.stale.Load()
	fmt.Fprintf(out, "events: %d delivered, %d applied, %d stale, %d replays refused\n",
		len(burst), applied, stale, int64(len(burst))-applied-stale)
	fmt.Fprintf(out, "rows: %d contacts, %d tasks, %d notes, %d tombstones\n", c.Contacts, c.Tasks, c.Notes, c.Tombstones)
	if err := sameAsFake(ctx, m.st, fake); err != nil {
		return err
	}
	fmt.Fprintln(out, "the mirror holds exactly what the fake holds")
	return nil
}

// change is one change made in HighLevel, with the record as it was afterwards (before, for a deletion).
type change struct {
	what, typ string
	record    any
	// overtakes: its delivery arrives before the previous change's. twice: its delivery arrives twice.
	overtakes, twice bool
}

// makeChanges changes the fake through the API and returns the changes in the order they happened.
func makeChanges(ctx context.Context, client *ghl.Client, fake *ghltest.Server, start time.Time, ada, grace, linus string) ([]change, error) {
	loc := fake.LocationID()
	contact := func(id string) ghltest.Contact { c, _ := fake.Contact(loc, id); return c }
	task := func(contactID, id string) ghltest.Task {
		all := fake.Tasks(contactID)
		return all[slices.IndexFunc(all, func(t ghltest.Task) bool { return t.ID == id })]
	}
	var changes []change

	marie, err := client.Contacts.Create(ctx, contacts.CreateParams{FirstName: "Marie", LastName: "Curie", Email: "marie@example.com"})
	if err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "ContactCreate (Marie)", typ: webhook.TypeContactCreate, record: contact(marie.ID)})

	if _, err := client.Contacts.Update(ctx, ada, contacts.UpdateParams{FirstName: ghl.Ptr("Augusta")}); err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "ContactUpdate (Ada: first name)", typ: webhook.TypeContactUpdate, record: contact(ada)})
	if _, err := client.Contacts.Update(ctx, ada, contacts.UpdateParams{LastName: ghl.Ptr("King")}); err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "ContactUpdate (Ada: last name)", typ: webhook.TypeContactUpdate, record: contact(ada),
		overtakes: true})

	t, err := client.Tasks.Create(ctx, marie.ID, tasks.CreateParams{Title: "Welcome call", DueDate: start.Add(24 * time.Hour)})
	if err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "TaskCreate (Marie: welcome call)", typ: webhook.TypeTaskCreate, record: task(marie.ID, t.ID)})
	if _, err := client.Tasks.Complete(ctx, marie.ID, t.ID); err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "TaskComplete (Marie: welcome call)", typ: webhook.TypeTaskComplete, record: task(marie.ID, t.ID)})

	n, err := client.Notes.Create(ctx, marie.ID, notes.CreateParams{Body: "Met at the conference."})
	if err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "NoteCreate (Marie)", typ: webhook.TypeNoteCreate,
		record: ghltest.Note{ID: n.ID, ContactID: marie.ID, Body: n.Body, DateAdded: n.DateAdded.Time}, twice: true})

	old := fake.Notes(grace)[0]
	if err := client.Notes.Delete(ctx, grace, old.ID); err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "NoteDelete (Grace)", typ: webhook.TypeNoteDelete, record: old})

	gone := contact(linus)
	if err := client.Contacts.Delete(ctx, linus); err != nil {
		return nil, err
	}
	changes = append(changes, change{what: "ContactDelete (Linus, with his task and note)", typ: webhook.TypeContactDelete, record: gone})
	return changes, nil
}

type delivery struct {
	what string
	body []byte
}

// deliveries stamps the changes a second apart, as HighLevel stamps an event when it sends it, and orders the
// deliveries as the network may: one overtaking another, one arriving twice.
func deliveries(locationID string, changes []change, start time.Time) ([]delivery, error) {
	var burst []delivery
	for i, ch := range changes {
		body, err := event(ch.typ, locationID, ch.record, start.Add(time.Duration(i+1)*time.Second))
		if err != nil {
			return nil, err
		}
		burst = append(burst, delivery{ch.what, body})
		if n := len(burst); ch.overtakes && n > 1 {
			burst[n-2].what += ", late"
			burst[n-2], burst[n-1] = burst[n-1], burst[n-2]
		}
		if ch.twice {
			burst = append(burst, delivery{ch.what + ", the same delivery again", body})
		}
	}
	return burst, nil
}

// event is the body HighLevel delivers for a change to record: the record's fields, the type and location,
// and, for replay protection, a webhookId and the timestamp at. A contact's dateUpdated is at as well.
func event(typ, locationID string, record any, at time.Time) ([]byte, error) {
	raw, err := json.Marshal(record)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	fields["type"], fields["locationId"] = typ, locationID
	if _, ok := record.(ghltest.Contact); ok {
		fields["dateUpdated"] = at.UTC().Format(ghltest.WebhookTimestampLayout)
	}
	body, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	return ghltest.StampWebhook(body, ghltest.NewWebhookID(), at)
}

// seedDemo gives the fake three contacts with tasks and notes.
func seedDemo(fake *ghltest.Server) (ada, grace, linus string) {
	due := time.Now().UTC().Truncate(time.Hour).Add(48 * time.Hour)
	add := func(first, last string, tasks []string, notes []string) string {
		c := fake.AddContact(ghltest.Contact{FirstName: first, LastName: last, Email: first + "@example.com"})
		for _, t := range tasks {
			fake.AddTask(ghltest.Task{ContactID: c.ID, Title: t, DueDate: due})
		}
		for _, n := range notes {
			fake.AddNote(ghltest.Note{ContactID: c.ID, Body: n})
		}
		return c.ID
	}
	ada = add("Ada", "Lovelace", []string{"Send contract", "Kick-off call"}, []string{"Signed up."})
	grace = add("Grace", "Hopper", []string{"Review draft"}, []string{"Prefers email.", "Asked for a quote."})
	linus = add("Linus", "Pauling", []string{"Follow up"}, []string{"Met at a fair."})
	return ada, grace, linus
}

// sameAsFake compares the mirror's live rows with the fake's records.
func sameAsFake(ctx context.Context, st *store, fake *ghltest.Server) error {
	var want []string
	for _, c := range fake.Contacts(fake.LocationID()) {
		want = append(want, fmt.Sprintf("contact %s %s %s %s", c.ID, c.FirstName, c.LastName, c.Email))
		for _, t := range fake.Tasks(c.ID) {
			want = append(want, fmt.Sprintf("task %s of %s: %s, completed %t", t.ID, c.ID, t.Title, t.Completed))
		}
		for _, n := range fake.Notes(c.ID) {
			want = append(want, fmt.Sprintf("note %s of %s: %s", n.ID, c.ID, n.Body))
		}
	}
	got, err := st.liveRows(ctx)
	if err != nil {
		return err
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("the mirror differs from the fake:\nmirror: %q\nfake:   %q", got, want)
	}
	return nil
}

// liveRows describes every live row in the words sameAsFake uses, sorted.
func (s *store) liveRows(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT 'contact ' || id || ' ' || first_name || ' ' || last_name || ' ' || email FROM contacts WHERE deleted = 0
		UNION ALL
		SELECT 'task ' || id || ' of ' || contact_id || ': ' || title || ', completed ' ||
			CASE completed WHEN 1 THEN 'true' ELSE 'false' END FROM tasks WHERE deleted = 0
		UNION ALL
		SELECT 'note ' || id || ' of ' || contact_id || ': ' || body FROM notes WHERE deleted = 0
		ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
