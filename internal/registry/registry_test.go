package registry_test

import (
	"testing"

	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
)

type service struct{ t *transport.Client }

type unregistered struct{}

func TestNewBuildsTheRegisteredService(t *testing.T) {
	registry.Register(func(c *transport.Client) *service { return &service{t: c} })
	c := &transport.Client{}
	assert.Same(t, c, registry.New[*service](c).t)
	assert.Panics(t, func() { registry.New[*unregistered](c) })
}
