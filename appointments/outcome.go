package appointments

import (
	"context"
	"strings"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// recentWindow is how much older than the create's start an appointment found after an ambiguous failure may
// be and still count as the one the create booked: it absorbs clock skew between this machine and HighLevel.
const recentWindow = 5 * time.Minute

// recoverCreate finds out whether a create that failed ambiguously booked the appointment, among the contact's
// appointments: same calendar, same start, added no earlier than the create (less recentWindow).
func (s *Service) recoverCreate(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Appointment, error) {
	list, err := s.List(ctx, p.ContactID)
	if err != nil {
		return nil, &UnknownOutcomeError{Err: createErr, LookupErr: err}
	}
	var found, older *Appointment
	for i := range list {
		a := &list[i]
		if a.CalendarID != p.CalendarID || !a.StartTime.Equal(p.StartTime) {
			continue
		}
		if a.DateAdded.Valid() && a.DateAdded.Before(start.Add(-recentWindow)) {
			older = a
			continue
		}
		if found == nil || a.DateAdded.After(found.DateAdded.Time) {
			found = a
		}
	}
	switch {
	case found != nil:
		return found, nil
	case older != nil:
		return nil, &UnknownOutcomeError{Err: createErr, OlderMatch: older.ID}
	}
	return nil, &UnknownOutcomeError{Err: createErr}
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel booked the
// appointment, and that a lookup among the contact's appointments could not settle. It matches
// ghl.ErrOutcomeUnknown, and through Err the create's own error.
type UnknownOutcomeError struct {
	// Err is the create's failure.
	Err error
	// LookupErr is the lookup's failure, if it failed.
	LookupErr error
	// OlderMatch is the ID of an appointment on the same calendar and start that existed before the create,
	// so it cannot be the one the create booked.
	OlderMatch string
}

// Error says the appointment may exist and why the SDK could not tell.
func (e *UnknownOutcomeError) Error() string {
	var b strings.Builder
	b.WriteString("ghl: creating the appointment failed and it may exist anyway (do not resend blindly): ")
	b.WriteString(e.Err.Error())
	switch {
	case e.LookupErr != nil:
		b.WriteString("; looking it up failed too: " + e.LookupErr.Error())
	case e.OlderMatch != "":
		b.WriteString("; the lookup found only appointment " + e.OlderMatch + ", which is older than this create")
	default:
		b.WriteString("; the contact has no appointment on that calendar at that start")
	}
	return b.String()
}

// Unwrap returns the create's error and the lookup's.
func (e *UnknownOutcomeError) Unwrap() []error {
	if e.LookupErr != nil {
		return []error{e.Err, e.LookupErr}
	}
	return []error{e.Err}
}

// Is matches ghl.ErrOutcomeUnknown.
func (e *UnknownOutcomeError) Is(target error) bool { return target == transport.ErrOutcomeUnknown }
