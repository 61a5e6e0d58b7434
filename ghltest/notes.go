package ghltest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// Note is a note as the server stores it (the spec's GetNoteSchema). Its JSON encoding is HighLevel's wire
// shape, with dateAdded as "2006-01-02T15:04:05.000Z".
type Note struct {
	ID        string    `json:"id"`
	ContactID string    `json:"contactId"`
	Body      string    `json:"body"`
	UserID    string    `json:"userId,omitempty"`
	Title     string    `json:"title,omitempty"`
	Color     string    `json:"color,omitempty"`
	Pinned    bool      `json:"pinned"`
	DateAdded time.Time `json:"dateAdded"`
}

// MarshalJSON writes the note in HighLevel's wire shape.
func (n Note) MarshalJSON() ([]byte, error) {
	type plain Note
	return json.Marshal(struct {
		plain
		DateAdded string `json:"dateAdded"`
	}{plain(n), n.DateAdded.UTC().Format(timeLayout)})
}

// Chosen: HighLevel's text for a missing note is not documented; it reads like its "Contact not found".
const msgNoteMissing = "Note not found"

// routeNotes registers the note routes of the spec.
func (s *Server) routeNotes(r *router) {
	const one = "/contacts/{contactId}/notes/{id}"
	r.add(http.MethodGet, "/contacts/{contactId}/notes", ScopeContactsRead, s.byContact, s.listNotes)
	r.add(http.MethodPost, "/contacts/{contactId}/notes", ScopeContactsWrite, s.byContact, s.createNote)
	r.add(http.MethodGet, one, ScopeContactsRead, s.byContact, s.getNote)
	r.add(http.MethodPut, one, ScopeContactsWrite, s.byContact, s.updateNote)
	r.add(http.MethodDelete, one, ScopeContactsWrite, s.byContact, s.deleteNote)
}

type noteAnswer struct {
	Note Note `json:"note"`
}

// noteBody lists exactly the properties of the spec's NotesDTO and UpdateNoteDTO, which are the same.
type noteBody struct {
	UserID *string `json:"userId"`
	Body   *string `json:"body"`
	Title  *string `json:"title"`
	Color  *string `json:"color"`
	Pinned *bool   `json:"pinned"`
}

// validate returns class-validator-like messages. Chosen: an update may not empty the body either, as a note
// without one is refused on create.
func (b *noteBody) validate(create bool) []string {
	if create && b.Body == nil || blank(b.Body) {
		return []string{"body should not be empty"}
	}
	return nil
}

// newestFirst orders notes as HighLevel lists them: the most recent first, and of two added at the same
// time the one added last.
func newestFirst(notes []*Note) []Note {
	out := make([]Note, 0, len(notes))
	for i := len(notes) - 1; i >= 0; i-- {
		out = append(out, *notes[i])
	}
	slices.SortStableFunc(out, func(a, b Note) int { return b.DateAdded.Compare(a.DateAdded) })
	return out
}

func (s *Server) listNotes(c *call) {
	s.store.mu.RLock()
	if _, ok := c.contactOrMissing(c.param("contactId")); !ok {
		s.store.mu.RUnlock()
		return
	}
	out := newestFirst(s.store.peekRecords(c.param("contactId")).notes)
	s.store.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Notes []Note `json:"notes"`
	}{out})
}

func (s *Server) createNote(c *call) {
	var b noteBody
	if !c.decode(&b) {
		return
	}
	if msgs := b.validate(true); len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	s.store.mu.Lock()
	ct, ok := c.contactOrMissing(c.param("contactId"))
	if !ok {
		s.store.mu.Unlock()
		return
	}
	n := &Note{
		ID: newID(), ContactID: ct.ID, Body: *b.Body, UserID: deref(b.UserID), Title: deref(b.Title),
		Color: deref(b.Color), Pinned: b.Pinned != nil && *b.Pinned, DateAdded: c.now,
	}
	recs := s.store.recordsOf(ct.ID)
	recs.notes = append(recs.notes, n)
	out := *n
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, noteAnswer{out})
}

// findNote returns the note of the path, answering for a missing contact or note; the caller holds the lock.
func (c *call) findNote() (*contactRecords, int, bool) {
	ct, ok := c.contactOrMissing(c.param("contactId"))
	if !ok {
		return nil, 0, false
	}
	recs := c.s.store.peekRecords(ct.ID)
	i := slices.IndexFunc(recs.notes, func(n *Note) bool { return n.ID == c.param("id") })
	if i < 0 {
		writeError(c.w, http.StatusBadRequest, msgNoteMissing)
		return nil, 0, false
	}
	return recs, i, true
}

func (s *Server) getNote(c *call) {
	s.store.mu.RLock()
	recs, i, ok := c.findNote()
	var out Note
	if ok {
		out = *recs.notes[i]
	}
	s.store.mu.RUnlock()
	if ok {
		writeJSON(c.w, http.StatusOK, noteAnswer{out})
	}
}

func (s *Server) updateNote(c *call) {
	var b noteBody
	if !c.decode(&b) {
		return
	}
	if msgs := b.validate(false); len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	s.store.mu.Lock()
	recs, i, ok := c.findNote()
	var out Note
	if ok {
		next := *recs.notes[i]
		next.Body = cmp.Or(deref(b.Body), next.Body)
		for _, f := range []struct{ dst, src *string }{{&next.UserID, b.UserID}, {&next.Title, b.Title}, {&next.Color, b.Color}} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
		if b.Pinned != nil {
			next.Pinned = *b.Pinned
		}
		recs.notes[i] = &next
		out = next
	}
	s.store.mu.Unlock()
	if ok {
		writeJSON(c.w, http.StatusOK, noteAnswer{out})
	}
}

func (s *Server) deleteNote(c *call) {
	s.store.mu.Lock()
	recs, i, ok := c.findNote()
	if ok {
		recs.notes = slices.Delete(recs.notes, i, i+1)
	}
	s.store.mu.Unlock()
	if ok {
		writeJSON(c.w, http.StatusOK, struct {
			Succeded bool `json:"succeded"` // sic: HighLevel's spelling
		}{true})
	}
}

// AddNote stores n under its contact directly, without a request, and returns the stored copy. An empty ID
// gets a generated one and a zero DateAdded the server's clock. It panics when n.ContactID names no contact.
func (s *Server) AddNote(n Note) Note {
	now := s.clock.Now()
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.mustContact("AddNote", n.ContactID)
	n.ID = cmp.Or(n.ID, newID())
	if n.DateAdded.IsZero() {
		n.DateAdded = now
	}
	recs := s.store.recordsOf(n.ContactID)
	recs.notes = append(recs.notes, &n)
	return n
}

// Notes returns copies of the notes of a contact, newest first, as the list endpoint answers them.
func (s *Server) Notes(contactID string) []Note {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	return newestFirst(s.store.peekRecords(contactID).notes)
}
