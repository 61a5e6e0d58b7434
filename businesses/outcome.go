package businesses

import (
	"context"
	"strings"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// recentWindow is how much older than the create's start a business found after an ambiguous failure may be
// and still count as the one the create made: it absorbs clock skew between this machine and HighLevel.
const recentWindow = 5 * time.Minute

// recoverCreate finds out whether a create that failed ambiguously made the business: one of the location's
// businesses with the same name (case and surrounding space aside), created no earlier than the create less
// recentWindow.
func (s *Service) recoverCreate(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Business, error) {
	name := strings.TrimSpace(p.Name)
	var found *Business
	older := ""
	for b, err := range s.ListAll(ctx, ListParams{LocationID: p.LocationID}) {
		if err != nil {
			return nil, &UnknownOutcomeError{Err: createErr, LookupErr: err}
		}
		if !strings.EqualFold(strings.TrimSpace(b.Name), name) {
			continue
		}
		if b.CreatedAt.Valid() && b.CreatedAt.Before(start.Add(-recentWindow)) {
			older = b.ID
			continue
		}
		if found == nil || b.CreatedAt.After(found.CreatedAt.Time) {
			found = &b
		}
	}
	switch {
	case found != nil:
		return found, nil
	case older != "":
		return nil, &UnknownOutcomeError{Err: createErr, OlderMatch: older}
	}
	return nil, &UnknownOutcomeError{Err: createErr}
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel made the business,
// and that a lookup by name could not settle. It matches ghl.ErrOutcomeUnknown, and through Err the create's
// own error.
type UnknownOutcomeError struct {
	// Err is the create's failure.
	Err error
	// LookupErr is the lookup's failure, if it failed.
	LookupErr error
	// OlderMatch is the ID of a business of the same name that existed before the create.
	OlderMatch string
}

// Error says the business may exist and why the SDK could not tell.
func (e *UnknownOutcomeError) Error() string {
	var b strings.Builder
	b.WriteString("ghl: creating the business failed and it may exist anyway (do not resend blindly): ")
	b.WriteString(e.Err.Error())
	switch {
	case e.LookupErr != nil:
		b.WriteString("; looking it up failed too: " + e.LookupErr.Error())
	case e.OlderMatch != "":
		b.WriteString("; the lookup found only business " + e.OlderMatch + ", which is older than this create")
	default:
		b.WriteString("; the location has no new business of that name")
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
