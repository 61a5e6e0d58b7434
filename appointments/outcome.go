package appointments

import (
	"context"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate is the lookup that finds out whether a create of p that failed ambiguously booked the
// appointment, among the contact's appointments: same calendar, same start, added no earlier than the create
// (less settle.Window).
func (s *Service) recoverCreate(p *CreateParams) settle.Lookup[Appointment] {
	return func(ctx context.Context, start time.Time, createErr error) (*Appointment, error) {
		return s.findCreated(ctx, p, start, createErr)
	}
}

func (s *Service) findCreated(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Appointment, error) {
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
	return settle.Find(list,
		func(a *Appointment) bool { return a.CalendarID == p.CalendarID && a.StartTime.Equal(p.StartTime) },
		func(a *Appointment) api.Time { return a.DateAdded }, func(a *Appointment) string { return a.ID }, start,
		&UnknownOutcomeError{Record: "appointment", Err: createErr, LookedUp: true, Reason: "the contact has no appointment on that calendar at that start"})
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel booked the
// appointment, and that a lookup among the contact's appointments could not settle. It matches
// ghl.ErrOutcomeUnknown, and through Err the create's own error. Its Record is "appointment".
type UnknownOutcomeError = api.UnknownOutcomeError
