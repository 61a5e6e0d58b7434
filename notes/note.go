package notes

import (
	"encoding/json"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/wire"
)

// Note is a note on a contact (the spec's GetNoteSchema).
type Note struct {
	ID        string `json:"id"`
	ContactID string `json:"contactId"`
	Body      string `json:"body"`
	// UserID is the user who wrote the note, when HighLevel knows one.
	UserID string `json:"userId,omitempty"`
	Title  string `json:"title,omitempty"`
	// Color is a CSS hex color such as "#FFAA00".
	Color  string `json:"color,omitempty"`
	Pinned bool   `json:"pinned"`
	// DateAdded is not Valid when HighLevel sent none or a format this package cannot read (its Raw keeps that text).
	DateAdded api.Time `json:"dateAdded"`

	// Raw is the note's JSON exactly as HighLevel sent it, with the fields this type does not model and any
	// timestamp it could not read.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON reads a note tolerantly: a field of an unexpected type is left zero instead of failing the
// note (and the list that holds it).
func (n *Note) UnmarshalJSON(b []byte) error {
	type plain Note // Note without this method
	return wire.Plain(b, (*plain)(n), &n.ID, &n.Raw)
}
