package appointments

import (
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
)

// Service calls HighLevel's endpoints for appointments and calendars. Get one from ghl.Client.
type Service struct{ t *transport.Client }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service { return &Service{t: t} }

func init() { registry.Register(newService) }
