package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
)

// backfill copies every contact of the client's location, with its tasks and notes, into the store. Rows are
// stamped with the time the backfill started: a change made after that arrives as a delivery stamped later and
// wins; a delivery of an earlier change, arriving late, loses to what the backfill read.
func backfill(ctx context.Context, client *ghl.Client, st *store, workers int, started time.Time) (counts, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		mu sync.Mutex // guards n
		n  counts
		wg sync.WaitGroup
	)
	// Tasks and notes are per contact: two requests each, several contacts at a time. The client's limiter
	// keeps the total under HighLevel's rate limit.
	queue := make(chan string)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range queue {
				t, nn, err := backfillContact(ctx, client, st, id, started)
				if err != nil {
					cancel(fmt.Errorf("backfill contact %s: %w", id, err))
					continue // keep draining the queue so the producer never blocks
				}
				mu.Lock()
				n.Tasks, n.Notes = n.Tasks+t, n.Notes+nn
				mu.Unlock()
			}
		}()
	}

	for c, err := range client.Contacts.SearchAll(ctx, contacts.SearchParams{}) {
		if err != nil {
			cancel(fmt.Errorf("backfill search: %w", err))
			break
		}
		if _, err := st.putContact(ctx, contactFromAPI(c, client.LocationID(), started)); err != nil {
			cancel(err)
			break
		}
		mu.Lock()
		n.Contacts++
		mu.Unlock()
		select {
		case queue <- c.ID:
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

func backfillContact(ctx context.Context, client *ghl.Client, st *store, contactID string, started time.Time) (tasks, notes int, err error) {
	ts, err := client.Tasks.List(ctx, contactID)
	if err != nil {
		return 0, 0, err
	}
	for _, t := range ts {
		row := taskRow{ID: t.ID, ContactID: contactID, Title: t.Title, Body: t.Body, DueDate: t.DueDate.Time,
			Completed: t.Completed, UpdatedAt: started}
		if _, err := st.putTask(ctx, row); err != nil {
			return 0, 0, err
		}
	}
	ns, err := client.Notes.List(ctx, contactID)
	if err != nil {
		return 0, 0, err
	}
	for _, n := range ns {
		row := noteRow{ID: n.ID, ContactID: contactID, Body: n.Body, DateAdded: n.DateAdded.Time, UpdatedAt: started}
		if _, err := st.putNote(ctx, row); err != nil {
			return 0, 0, err
		}
	}
	return len(ts), len(ns), nil
}

func contactFromAPI(c contacts.Contact, locationID string, at time.Time) contactRow {
	if c.LocationID != "" {
		locationID = c.LocationID
	}
	return contactRow{
		ID: c.ID, LocationID: locationID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
		Phone: c.Phone, CompanyName: c.CompanyName, Source: c.Source, Tags: c.Tags, UpdatedAt: at,
	}
}
