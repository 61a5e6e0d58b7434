package webhook

// Note is the note record that every Note* event carries.
type Note struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId"`
	ContactID  string `json:"contactId"`
	Body       string `json:"body"`
	DateAdded  Time   `json:"dateAdded"`
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
