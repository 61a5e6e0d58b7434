package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/webhook"
)

// mirror applies HighLevel's deliveries to the store.
type mirror struct {
	st         *store
	locationID string
	logger     *slog.Logger
	// applied and stale count the deliveries that changed a row and those that were older than the row.
	applied, stale atomic.Int64
}

// handler returns a webhook handler that feeds the mirror. Replays of a delivery already handled are refused by
// the handler; a duplicate under another webhookId, or an older change arriving late, is refused by the store.
func (m *mirror) handler(opts ...webhook.Option) (*webhook.Handler, error) {
	h, err := webhook.NewHandler(append([]webhook.Option{webhook.WithLogger(m.logger)}, opts...)...)
	if err != nil {
		return nil, err
	}
	for _, typ := range []string{webhook.TypeContactCreate, webhook.TypeContactUpdate, webhook.TypeContactTagUpdate,
		webhook.TypeContactDndUpdate, webhook.TypeContactDelete, webhook.TypeTaskCreate, webhook.TypeTaskComplete,
		webhook.TypeTaskDelete, webhook.TypeNoteCreate, webhook.TypeNoteUpdate, webhook.TypeNoteDelete} {
		h.On(typ, m.apply)
	}
	return h, nil
}

// apply writes one event. An error makes the handler answer 429, so that HighLevel delivers it again.
func (m *mirror) apply(ctx context.Context, e *webhook.Event) error {
	if e.LocationID != m.locationID {
		m.logger.InfoContext(ctx, "event of another location ignored", "type", e.Type, "locationId", e.LocationID)
		return nil
	}
	wrote, err := m.write(ctx, e, changedAt(e))
	if err != nil {
		return err
	}
	if wrote {
		m.applied.Add(1)
	} else {
		m.stale.Add(1)
		m.logger.InfoContext(ctx, "stale event skipped", "type", e.Type, "webhookId", e.WebhookID)
	}
	return nil
}

// write applies the event's record, changed at at, and reports whether a row changed.
func (m *mirror) write(ctx context.Context, e *webhook.Event, at time.Time) (bool, error) {
	switch d := e.Data.(type) {
	case *webhook.ContactCreate:
		return m.st.putContact(ctx, contactFromEvent(e.LocationID, &d.Contact, at))
	case *webhook.ContactUpdate:
		return m.st.putContact(ctx, contactFromEvent(e.LocationID, &d.Contact, at))
	case *webhook.ContactTagUpdate:
		return m.st.putContact(ctx, contactFromEvent(e.LocationID, &d.Contact, at))
	case *webhook.ContactDndUpdate:
		return m.st.putContact(ctx, contactFromEvent(e.LocationID, &d.Contact, at))
	case *webhook.ContactDelete:
		return m.st.deleteContact(ctx, d.ID, e.Timestamp)
	case *webhook.TaskCreate:
		return m.st.putTask(ctx, taskFromEvent(&d.Task, false, at))
	case *webhook.TaskComplete:
		return m.st.putTask(ctx, taskFromEvent(&d.Task, true, at))
	case *webhook.TaskDelete:
		return m.st.deleteTask(ctx, d.ID, d.ContactID, e.Timestamp)
	case *webhook.NoteCreate:
		return m.st.putNote(ctx, noteFromEvent(&d.Note, at))
	case *webhook.NoteUpdate:
		return m.st.putNote(ctx, noteFromEvent(&d.Note, at))
	case *webhook.NoteDelete:
		return m.st.deleteNote(ctx, d.ID, d.ContactID, e.Timestamp)
	}
	return false, nil
}

// changedAt is when HighLevel made the change an event reports: the record's dateUpdated when the payload
// carries one, else the delivery's timestamp, which HighLevel sets when it sends the event.
func changedAt(e *webhook.Event) time.Time {
	var v struct {
		DateUpdated api.Time `json:"dateUpdated"`
	}
	if err := e.Decode(&v); err == nil && v.DateUpdated.Valid() {
		return v.DateUpdated.Time
	}
	return e.Timestamp
}

func contactFromEvent(locationID string, c *webhook.Contact, at time.Time) contactRow {
	return contactRow{
		ID: c.ID, LocationID: locationID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
		Phone: c.Phone, CompanyName: c.CompanyName, Source: c.Source, Tags: c.Tags, UpdatedAt: at,
	}
}

// taskFromEvent reads a task event. The payloads carry no "completed": the event's type says it.
func taskFromEvent(t *webhook.Task, completed bool, at time.Time) taskRow {
	return taskRow{ID: t.ID, ContactID: t.ContactID, Title: t.Title, Body: t.Body, DueDate: t.DueDate.Time,
		Completed: completed, UpdatedAt: at}
}

func noteFromEvent(n *webhook.Note, at time.Time) noteRow {
	return noteRow{ID: n.ID, ContactID: n.ContactID, Body: n.Body, DateAdded: n.DateAdded.Time, UpdatedAt: at}
}
