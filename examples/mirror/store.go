package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no cgo
)

// The mirror keeps one row per HighLevel record, keyed by HighLevel's ID. updated_at (Unix milliseconds) is
// when HighLevel last changed the record as far as the mirror knows; a write carrying an older time than the
// row's is stale and changes nothing, so deliveries may come twice and in any order. A deletion keeps the row
// as a tombstone (deleted = 1), so that a late delivery cannot bring the record back.
const schema = `
CREATE TABLE IF NOT EXISTS contacts (
	id           TEXT PRIMARY KEY,
	location_id  TEXT,
	first_name   TEXT,
	last_name    TEXT,
	email        TEXT,
	phone        TEXT,
	company_name TEXT,
	source       TEXT,
	tags         TEXT,    -- JSON array
	updated_at   INTEGER NOT NULL,
	deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tasks (
	id         TEXT PRIMARY KEY,
	contact_id TEXT NOT NULL,
	title      TEXT,
	body       TEXT,
	due_date   TEXT,      -- RFC 3339, UTC
	completed  INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS notes (
	id         TEXT PRIMARY KEY,
	contact_id TEXT NOT NULL,
	body       TEXT,
	date_added TEXT,      -- RFC 3339, UTC
	updated_at INTEGER NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tasks_by_contact ON tasks (contact_id);
CREATE INDEX IF NOT EXISTS notes_by_contact ON notes (contact_id);
`

// store is the local database.
type store struct{ db *sql.DB }

// openStore opens (or creates) the SQLite database at path; ":memory:" keeps it in memory.
func openStore(ctx context.Context, path string) (*store, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, err
	}
	// SQLite writes one transaction at a time anyway; a single connection also keeps ":memory:" one database.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("create tables in %s: %w", path, err)
	}
	return &store{db: db}, nil
}

func (s *store) Close() error { return s.db.Close() }

type contactRow struct {
	ID, LocationID, FirstName, LastName, Email, Phone, CompanyName, Source string
	Tags                                                                   []string
	UpdatedAt                                                              time.Time
}

type taskRow struct {
	ID, ContactID, Title, Body string
	DueDate                    time.Time
	Completed                  bool
	UpdatedAt                  time.Time
}

type noteRow struct {
	ID, ContactID, Body string
	DateAdded           time.Time
	UpdatedAt           time.Time
}

// putContact inserts or updates a contact unless the row is as new or newer. It reports whether it wrote.
func (s *store) putContact(ctx context.Context, c contactRow) (bool, error) {
	tags, err := json.Marshal(c.Tags)
	if err != nil {
		return false, err
	}
	return s.exec(ctx, `
		INSERT INTO contacts (id, location_id, first_name, last_name, email, phone, company_name, source, tags, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			location_id = excluded.location_id, first_name = excluded.first_name, last_name = excluded.last_name,
			email = excluded.email, phone = excluded.phone, company_name = excluded.company_name,
			source = excluded.source, tags = excluded.tags, updated_at = excluded.updated_at, deleted = 0
		WHERE excluded.updated_at > contacts.updated_at`,
		c.ID, c.LocationID, c.FirstName, c.LastName, c.Email, c.Phone, c.CompanyName, c.Source, string(tags),
		c.UpdatedAt.UnixMilli())
}

// putTask inserts or updates a task unless the row is as new or newer, or its contact was deleted later.
func (s *store) putTask(ctx context.Context, t taskRow) (bool, error) {
	return s.exec(ctx, `
		INSERT INTO tasks (id, contact_id, title, body, due_date, completed, updated_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
		WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE id = ?2 AND deleted = 1 AND updated_at >= ?7)
		ON CONFLICT (id) DO UPDATE SET
			contact_id = excluded.contact_id, title = excluded.title, body = excluded.body,
			due_date = excluded.due_date, completed = excluded.completed, updated_at = excluded.updated_at, deleted = 0
		WHERE excluded.updated_at > tasks.updated_at`,
		t.ID, t.ContactID, t.Title, t.Body, timeText(t.DueDate), t.Completed, t.UpdatedAt.UnixMilli())
}

// putNote inserts or updates a note unless the row is as new or newer, or its contact was deleted later.
func (s *store) putNote(ctx context.Context, n noteRow) (bool, error) {
	return s.exec(ctx, `
		INSERT INTO notes (id, contact_id, body, date_added, updated_at)
		SELECT ?1, ?2, ?3, ?4, ?5
		WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE id = ?2 AND deleted = 1 AND updated_at >= ?5)
		ON CONFLICT (id) DO UPDATE SET
			contact_id = excluded.contact_id, body = excluded.body, date_added = excluded.date_added,
			updated_at = excluded.updated_at, deleted = 0
		WHERE excluded.updated_at > notes.updated_at`,
		n.ID, n.ContactID, n.Body, timeText(n.DateAdded), n.UpdatedAt.UnixMilli())
}

// deleteContact makes the contact, its tasks and its notes tombstones as of at, unless the contact changed
// later than that.
func (s *store) deleteContact(ctx context.Context, id string, at time.Time) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback() // a no-op once committed
	res, err := tx.ExecContext(ctx, `
		INSERT INTO contacts (id, updated_at, deleted) VALUES (?, ?, 1)
		ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, deleted = 1
		WHERE excluded.updated_at >= contacts.updated_at AND contacts.deleted = 0`,
		id, at.UnixMilli())
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	// HighLevel drops a contact's tasks and notes with it, without a delivery for each.
	for _, table := range []string{"tasks", "notes"} {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted = 1, updated_at = max(updated_at, ?)
			WHERE contact_id = ? AND deleted = 0`, at.UnixMilli(), id); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// deleteTask and deleteNote make the record a tombstone as of at, unless it changed later than that.
func (s *store) deleteTask(ctx context.Context, id, contactID string, at time.Time) (bool, error) {
	return s.tombstone(ctx, "tasks", id, contactID, at)
}

func (s *store) deleteNote(ctx context.Context, id, contactID string, at time.Time) (bool, error) {
	return s.tombstone(ctx, "notes", id, contactID, at)
}

func (s *store) tombstone(ctx context.Context, table, id, contactID string, at time.Time) (bool, error) {
	return s.exec(ctx, `
		INSERT INTO `+table+` (id, contact_id, updated_at, deleted) VALUES (?, ?, ?, 1)
		ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, deleted = 1
		WHERE excluded.updated_at >= `+table+`.updated_at AND `+table+`.deleted = 0`,
		id, contactID, at.UnixMilli())
}

func (s *store) exec(ctx context.Context, query string, args ...any) (bool, error) {
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// counts is how many live rows and tombstones each table holds.
type counts struct{ Contacts, Tasks, Notes, Tombstones int }

func (s *store) counts(ctx context.Context) (counts, error) {
	var c counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM contacts WHERE deleted = 0),
		(SELECT count(*) FROM tasks WHERE deleted = 0),
		(SELECT count(*) FROM notes WHERE deleted = 0),
		(SELECT count(*) FROM contacts WHERE deleted = 1) + (SELECT count(*) FROM tasks WHERE deleted = 1) +
			(SELECT count(*) FROM notes WHERE deleted = 1)`).Scan(&c.Contacts, &c.Tasks, &c.Notes, &c.Tombstones)
	return c, err
}

func timeText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}
