package notes

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate finds the note a create that failed ambiguously made: the contact's one note with the same body
// added since the create started.
func (s *Service) recoverCreate(ctx context.Context, contactID string, p *CreateParams, start time.Time, createErr error) (*Note, error) {
	list, err := s.List(ctx, contactID)
	if err != nil {
		return nil, unknownOutcome(createErr, err, 0)
	}
	var recent []Note
	for _, n := range list {
		if n.Body == p.Body && n.DateAdded.Valid() && !n.DateAdded.Before(start.Add(-settle.Window)) {
			recent = append(recent, n)
		}
	}
	if len(recent) == 1 {
		return &recent[0], nil
	}
	return nil, unknownOutcome(createErr, nil, len(recent))
}

// unknownOutcome is the error of a create whose outcome listing the contact's notes could not settle: the list
// failed (lookupErr), or it holds matches notes with the same body made since the create started.
func unknownOutcome(createErr, lookupErr error, matches int) error {
	reason := "the contact's notes hold no recent one with this body"
	if matches > 1 {
		reason = fmt.Sprintf("the contact has %d recent notes with this body", matches)
	}
	return &api.UnknownOutcomeError{Record: "note", Err: createErr, LookedUp: true, LookupErr: lookupErr, Reason: reason}
}
