package appointments

import (
	"context"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate finds out whether a create that failed ambiguously booked the appointment, among the contact's
// appointments: same calendar, same start, added no earlier than the create (less settle.Window).
func (s *Service) recoverCreate(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Appointment, error) {
	list := func(yield func(Appointment, error) bool) {
		all, err := s.List(ctx, p.ContactID)
		if err != nil {
			yield(Appointment{}, err)
			return
		}
		for _, a := range all {
			if !yield(a, nil) {
				return
			}
		}
	}
	found, older, err := settle.Newest(list,
		func(a *Appointment) bool { return a.CalendarID == p.CalendarID && a.StartTime.Equal(p.StartTime) },
		func(a *Appointment) api.Time { return a.DateAdded }, func(a *Appointment) string { return a.ID }, start)
	switch {
	case err != nil:
		return nil, unknownOutcome(createErr, err, "")
	case found == nil:
		return nil, unknownOutcome(createErr, nil, older)
	}
	return found, nil
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel booked the
// appointment, and that a lookup among the contact's appointments could not settle. It matches
// ghl.ErrOutcomeUnknown, and through Err the create's own error. Its Record is "appointment".
type UnknownOutcomeError = api.UnknownOutcomeError

// unknownOutcome is the error of a create the lookup could not settle; older is the ID of an older match.
func unknownOutcome(createErr, lookupErr error, older string) error {
	return &UnknownOutcomeError{Record: "appointment", Err: createErr, LookedUp: true, LookupErr: lookupErr, OlderMatch: older,
		Reason: "the contact has no appointment on that calendar at that start"}
}
