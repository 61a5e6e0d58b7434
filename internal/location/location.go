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
