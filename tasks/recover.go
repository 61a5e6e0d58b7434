package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate finds the task a create that failed ambiguously made: the contact's one task with the same
// title and due date added since the create started. HighLevel's task answers do not always carry dateAdded;
// a match without one counts only when it is the only task with that title and due date.
func (s *Service) recoverCreate(ctx context.Context, contactID string, p *CreateParams, start time.Time, createErr error) (*Task, error) {
	list, err := s.List(ctx, contactID)
	if err != nil {
		return nil, unknownOutcome(createErr, err, 0)
	}
	var recent, undated []Task
	for _, t := range list {
		if t.Title != p.Title || (t.DueDate.Valid() && !p.DueDate.IsZero() && !t.DueDate.Equal(p.DueDate.Truncate(time.Millisecond))) {
			continue
		}
		switch {
		case !t.DateAdded.Valid():
			undated = append(undated, t)
		case !t.DateAdded.Before(start.Add(-settle.Window)):
			recent = append(recent, t)
		}
	}
	switch {
	case len(recent) == 1 && len(undated) == 0:
		return &recent[0], nil
	case len(recent) == 0 && len(undated) == 1:
		return &undated[0], nil
	}
	return nil, unknownOutcome(createErr, nil, len(recent)+len(undated))
}

// unknownOutcome is the error of a create whose outcome listing the contact's tasks could not settle: the list
// failed (lookupErr), or it holds matches tasks with the same title and due date made since the create started.
func unknownOutcome(createErr, lookupErr error, matches int) error {
	reason := "the contact's tasks hold no recent one with this title and due date"
	if matches > 1 {
		reason = fmt.Sprintf("the contact has %d recent tasks with this title and due date", matches)
	}
	return &api.UnknownOutcomeError{Record: "task", Err: createErr, LookedUp: true, LookupErr: lookupErr, Reason: reason}
}
