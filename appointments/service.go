package appointments

import "github.com/ghlkit/ghl/internal/transport"

// Service calls HighLevel's endpoints for the appointments of a contact. Get one from ghl.Client.
type Service struct{ t *transport.Client }

// NewService returns a Service that sends through t.
func NewService(t *transport.Client) *Service { return &Service{t: t} }
