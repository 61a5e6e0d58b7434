package customfields

import (
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
)

// Service calls the locations API's custom field reads. Get one from ghl.Client.
type Service struct{ t *transport.Client }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service { return &Service{t: t} }

func init() { registry.Register(newService) }
