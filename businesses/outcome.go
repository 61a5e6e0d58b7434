package businesses

import (
	"context"
	"strings"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
)

// recoverCreate is the lookup that finds out whether a create of p that failed ambiguously made the business:
// one of the location's businesses with the same name (case and surrounding space aside), created no earlier
// than the create less settle.Window.
func (s *Service) recoverCreate(p *CreateParams) settle.Lookup[Business] {
	name := strings.TrimSpace(p.Name)
	return func(ctx context.Context, start time.Time, createErr error) (*Business, error) {
		return settle.Find(s.ListAll(ctx, ListParams{LocationID: p.LocationID}),
			func(b *Business) bool { return strings.EqualFold(strings.TrimSpace(b.Name), name) },
			func(b *Business) api.Time { return b.CreatedAt }, func(b *Business) string { return b.ID }, start,
			&UnknownOutcomeError{Record: "business", Err: createErr, LookedUp: true, Reason: "the location has no new business of that name"})
	}
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel made the business,
// and that a lookup by name could not settle. It matches ghl.ErrOutcomeUnknown, and through Err the create's
// own error. Its Record is "business".
type UnknownOutcomeError = api.UnknownOutcomeError
