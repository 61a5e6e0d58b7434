package notes

import (
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
)

// CreateParams describes a new note (the spec's NotesDTO). Body is required.
type CreateParams struct {
	Body string `json:"body"`
	// UserID is the user the note is written as.
	UserID string `json:"userId,omitempty"`
	Title  string `json:"title,omitempty"`
	// Color is a CSS hex color such as "#FFAA00".
	Color  string `json:"color,omitempty"`
	Pinned bool   `json:"pinned,omitempty"`
}

func (p *CreateParams) validate() error {
	if strings.TrimSpace(p.Body) == "" {
		return transport.InvalidArgument("Body", "is required")
	}
	return nil
}

// UpdateParams changes a note (the spec's UpdateNoteDTO). A nil field is left as it is; ghl.Ptr builds the
// pointers, and ghl.Ptr(false) unpins a note.
type UpdateParams struct {
	Body   *string `json:"body,omitempty"`
	UserID *string `json:"userId,omitempty"`
	Title  *string `json:"title,omitempty"`
	Color  *string `json:"color,omitempty"`
	Pinned *bool   `json:"pinned,omitempty"`
}

func (p *UpdateParams) validate() error {
	if p.Body == nil && p.UserID == nil && p.Title == nil && p.Color == nil && p.Pinned == nil {
		return transport.InvalidArgument("UpdateParams", "changes nothing: set at least one field")
	}
	return nil
}
