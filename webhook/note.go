package webhook

import "github.com/ghlkit/ghl/notes"

// Note is the note that every Note* event carries: the notes package's Note, so that code written for the
// API's answers handles the events too, plus the location the event names. Its Raw holds the whole event
// body, which is the note's JSON with "type", "webhookId" and "timestamp" beside it.
type Note struct {
	notes.Note
	// LocationID is the sub-account of the note. HighLevel's note records leave it out; its events carry it.
	LocationID string `json:"locationId"`
}

// UnmarshalJSON reads the note with notes.Note's tolerant decoder and then the location, which that decoder
// does not know. Without it the embedded type's UnmarshalJSON would be promoted and LocationID left empty.
func (n *Note) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil // as encoding/json does for a struct
	}
	if err := n.Note.UnmarshalJSON(b); err != nil {
		return err
	}
	n.LocationID = locationOf(b)
	return nil
}

// NoteCreate is the payload of TypeNoteCreate.
type NoteCreate struct{ Note }

// NoteUpdate is the payload of TypeNoteUpdate.
type NoteUpdate struct{ Note }

// NoteDelete is the payload of TypeNoteDelete.
type NoteDelete struct{ Note }

// EventType returns TypeNoteCreate.
func (*NoteCreate) EventType() string { return TypeNoteCreate }

// EventType returns TypeNoteUpdate.
func (*NoteUpdate) EventType() string { return TypeNoteUpdate }

// EventType returns TypeNoteDelete.
func (*NoteDelete) EventType() string { return TypeNoteDelete }
