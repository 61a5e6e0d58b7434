// Package location resolves the location a call acts in: the one its params name, or the client's.
package location

import (
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
)

// Or returns id, or t's location when id is empty or only white space. When neither is set the error names
// the params' LocationID field, before any request is sent.
func Or(t *transport.Client, id string) (string, error) {
	if strings.TrimSpace(id) != "" {
		return id, nil
	}
	if def := t.LocationID(); def != "" {
		return def, nil
	}
	return "", transport.InvalidArgument("LocationID", "is required (set it in the params or with ghl.WithLocationID)")
}

// Checked runs check, the params' own checks, and then returns the location the params name (id) or the
// client's: in that order, so that a call with bad params reports them rather than a missing location.
func Checked(t *transport.Client, id string, check func() error) (string, error) {
	if err := check(); err != nil {
		return "", err
	}
	return Or(t, id)
}
