package tasks

import (
	"time"

	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate finds the task a create of p for contactID that failed ambiguously made: the contact's one task
// with the same title and due date added since the create started. HighLevel's task answers do not always
// carry dateAdded; a match without one counts only when it is the only task with that title and due date.
func (s *Service) recoverCreate(contactID string, p *CreateParams) settle.Lookup[Task] {
	return s.s.Lookup(contactID, "with this title and due date", func(list []Task, since time.Time) (*Task, int) {
		var recent, undated []Task
		for _, t := range list {
			if t.Title != p.Title || (t.DueDate.Valid() && !p.DueDate.IsZero() && !t.DueDate.Equal(p.DueDate.Truncate(time.Millisecond))) {
				continue
			}
			switch {
			case !t.DateAdded.Valid():
				undated = append(undated, t)
			case !t.DateAdded.Before(since):
				recent = append(recent, t)
			}
		}
		switch {
		case len(recent) == 1 && len(undated) == 0:
			return &recent[0], 1
		case len(recent) == 0 && len(undated) == 1:
			return &undated[0], 1
		}
		return nil, len(recent) + len(undated)
	})
}
