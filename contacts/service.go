package contacts

import "github.com/ghlkit/ghl/internal/transport"

// Service calls HighLevel's contact endpoints. Get one from ghl.Client.Contacts.
type Service struct{ t *transport.Client }

// NewService returns a Service that sends through t.
func NewService(t *transport.Client) *Service { return &Service{t: t} }
