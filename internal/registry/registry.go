// Package registry lets the root package build the resource packages' services while their constructors stay
// unexported: each resource package registers its constructor when it is initialized, and New builds a service
// by its type. Users build services with ghl.NewClient; tests of the SDK may call New directly.
package registry

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/ghlkit/ghl/internal/transport"
)

var constructors sync.Map // reflect.Type of the service → func(*transport.Client) S

// Register records how to build a service of type S; each resource package calls it from init.
func Register[S any](newService func(*transport.Client) S) {
	constructors.Store(reflect.TypeFor[S](), newService)
}

// New builds the service of type S on t. It panics when no package registered S, which only a package that is
// not linked in can cause: importing the package runs its registration.
func New[S any](t *transport.Client) S {
	f, ok := constructors.Load(reflect.TypeFor[S]())
	if !ok {
		panic(fmt.Sprintf("registry: no constructor registered for %v", reflect.TypeFor[S]()))
	}
	return f.(func(*transport.Client) S)(t)
}
