package notes

import (
	"time"

	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate finds the note a create of p for contactID that failed ambiguously made: the contact's one note
// with the same body added since the create started.
func (s *Service) recoverCreate(contactID string, p *CreateParams) settle.Lookup[Note] {
	return s.s.Lookup(contactID, "with this body", func(list []Note, since time.Time) (*Note, int) {
		var recent []Note
		for _, n := range list {
			if n.Body == p.Body && n.DateAdded.Valid() && !n.DateAdded.Before(since) {
				recent = append(recent, n)
			}
		}
		if len(recent) == 1 {
			return &recent[0], 1
		}
		return nil, len(recent)
	})
}
