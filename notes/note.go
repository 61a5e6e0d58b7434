package notes

import (
	"bytes"
	"cmp"
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

// noteWire is a note as HighLevel sends it.
type noteWire struct {
	ID        string   `json:"id"`
	LegacyID  string   `json:"_id"` // some HighLevel services still name the ID after the Mongo field
	ContactID string   `json:"contactId"`
	Body      string   `json:"body"`
	UserID    string   `json:"userId"`
	Title     string   `json:"title"`
	Color     string   `json:"color"`
	Pinned    bool     `json:"pinned"`
	DateAdded api.Time `json:"dateAdded"`
}

// UnmarshalJSON reads a note tolerantly: a field of an unexpected type is left zero instead of failing the
// note (and the list that holds it).
func (n *Note) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w noteWire
	if err := wire.Decode(b, &w); err != nil {
		return err
	}
	*n = Note{
		ID:        cmp.Or(w.ID, w.LegacyID),
		ContactID: w.ContactID,
		Body:      w.Body,
		UserID:    w.UserID,
		Title:     w.Title,
		Color:     w.Color,
		Pinned:    w.Pinned,
		DateAdded: w.DateAdded,
		Raw:       append(json.RawMessage(nil), b...),
	}
	return nil
}
