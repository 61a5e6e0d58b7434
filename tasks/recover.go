package tasks

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// recentWindow is how much older than the create's start a task found after an ambiguous failure may be and
// still count as the one the create made: it absorbs clock skew between this machine and HighLevel.
const recentWindow = 5 * time.Minute

// recoverCreate finds the task a create that failed ambiguously made: the contact's one task with the same
// title and due date added since the create started. HighLevel's task answers do not always carry dateAdded;
// a match without one counts only when it is the only task with that title and due date.
func (s *Service) recoverCreate(ctx context.Context, contactID string, p *CreateParams, start time.Time, createErr error) (*Task, error) {
	list, err := s.List(ctx, contactID)
	if err != nil {
		return nil, &outcomeError{createErr: createErr, lookupErr: err}
	}
	var recent, undated []Task
	for _, t := range list {
		if t.Title != p.Title || (t.DueDate.Valid() && !p.DueDate.IsZero() && !t.DueDate.Equal(p.DueDate.Truncate(time.Millisecond))) {
			continue
		}
		switch {
		case !t.DateAdded.Valid():
			undated = append(undated, t)
		case !t.DateAdded.Before(start.Add(-recentWindow)):
			recent = append(recent, t)
		}
	}
	switch {
	case len(recent) == 1 && len(undated) == 0:
		return &recent[0], nil
	case len(recent) == 0 && len(undated) == 1:
		return &undated[0], nil
	}
	return nil, &outcomeError{createErr: createErr, matches: len(recent) + len(undated)}
}

// outcomeError is a create whose outcome the lookup could not settle. It matches ghl.ErrOutcomeUnknown (through
// the create's error) and unwraps to the create's and the lookup's errors.
type outcomeError struct {
	createErr, lookupErr error
	matches              int
}

func (e *outcomeError) Error() string {
	msg := "ghl: creating the task failed and it may exist anyway (do not resend blindly): " + e.createErr.Error()
	switch {
	case e.lookupErr != nil:
		return msg + "; listing the contact's tasks failed too: " + e.lookupErr.Error()
	case e.matches > 1:
		return msg + fmt.Sprintf("; the contact has %d recent tasks with this title and due date", e.matches)
	}
	return msg + "; the contact's tasks hold no recent one with this title and due date"
}

func (e *outcomeError) Unwrap() []error {
	if e.lookupErr != nil {
		return []error{e.createErr, e.lookupErr}
	}
	return []error{e.createErr}
}

// Is matches ghl.ErrOutcomeUnknown even when the create's error was a success answer cut short.
func (e *outcomeError) Is(target error) bool { return target == transport.ErrOutcomeUnknown }
