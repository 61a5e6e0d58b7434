package settle

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// Window is how much older than a create's start a record found after an ambiguous failure may be and still
// count as the one the create made: it absorbs clock skew between this machine and HighLevel.
const Window = 5 * time.Minute

// Lookup finds the record a create that failed with createErr made, among those added since start less Window,
// or returns an error that says why it cannot tell.
type Lookup[T any] func(ctx context.Context, start time.Time, createErr error) (*T, error)

// Create sends req, a create, once. It returns the record decode reads from the answer. When the answer holds
// no record (decode returns nil), the body cannot be decoded, or the failure leaves open whether HighLevel
// applied the create, it returns what lookup finds instead. noun names the record in errors.
func Create[T any](ctx context.Context, t *transport.Client, req *transport.Request, noun string,
	decode func(json.RawMessage) *T, lookup Lookup[T]) (*T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := t.Now() // the client's clock, which a test shares with its fake HighLevel
	var raw json.RawMessage
	_, err := t.Do(ctx, req, &raw)
	var decErr *transport.DecodeError
	switch {
	case err == nil:
		if rec := decode(raw); rec != nil {
			return rec, nil
		}
		return lookup(ctx, start, fmt.Errorf("ghl: %s %s: the answer holds no %s", req.Method, req.Path, noun))
	case errors.Is(err, transport.ErrOutcomeUnknown), errors.As(err, &decErr):
		return lookup(ctx, start, err)
	}
	return nil, err
}
