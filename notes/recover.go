package notes

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// recentWindow is how much older than the create's start a note found after an ambiguous failure may be and
// still count as the one the create made: it absorbs clock skew between this machine and HighLevel.
const recentWindow = 5 * time.Minute

// recoverCreate finds the note a create that failed ambiguously made: the contact's one note with the same body
// added since the create started.
func (s *Service) recoverCreate(ctx context.Context, contactID string, p *CreateParams, start time.Time, createErr error) (*Note, error) {
	list, err := s.List(ctx, contactID)
	if err != nil {
		return nil, &outcomeError{createErr: createErr, lookupErr: err}
	}
	var recent []Note
	for _, n := range list {
		if n.Body == p.Body && n.DateAdded.Valid() && !n.DateAdded.Before(start.Add(-recentWindow)) {
			recent = append(recent, n)
		}
	}
	if len(recent) == 1 {
		return &recent[0], nil
	}
	return nil, &outcomeError{createErr: createErr, matches: len(recent)}
}

// outcomeError is a create whose outcome the lookup could not settle. It matches ghl.ErrOutcomeUnknown (through
// the create's error) and unwraps to the create's and the lookup's errors.
type outcomeError struct {
	createErr, lookupErr error
	matches              int
}

func (e *outcomeError) Error() string {
	msg := "ghl: creating the note failed and it may exist anyway (do not resend blindly): " + e.createErr.Error()
	switch {
	case e.lookupErr != nil:
		return msg + "; listing the contact's notes failed too: " + e.lookupErr.Error()
	case e.matches > 1:
		return msg + fmt.Sprintf("; the contact has %d recent notes with this body", e.matches)
	}
	return msg + "; the contact's notes hold no recent one with this body"
}

func (e *outcomeError) Unwrap() []error {
	if e.lookupErr != nil {
		return []error{e.createErr, e.lookupErr}
	}
	return []error{e.createErr}
}

// Is matches ghl.ErrOutcomeUnknown even when the create's error was a success answer cut short.
func (e *outcomeError) Is(target error) bool { return target == transport.ErrOutcomeUnknown }
