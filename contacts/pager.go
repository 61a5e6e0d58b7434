package contacts

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// ErrRepeatedCursor stops an iterator whose next page would start from a cursor it has already used: the
// server is going round in circles, and following it would loop for ever.
var ErrRepeatedCursor = errors.New("ghl: the server returned a cursor that was already used; stopping instead of looping")

// page is one fetched page: its contacts, the cursor of the next page, and whether there is one.
type page[C any] struct {
	items []Contact
	next  C
	more  bool
}

// paginate yields the contacts of page after page, starting at cursor start. key names a cursor for the
// repeated-cursor guard. It stops at the first error (yielded once), when the caller stops, on a repeated
// cursor, and between pages when ctx is done.
func paginate[C any](ctx context.Context, start C, key func(C) string, fetch func(context.Context, C) (page[C], error)) iter.Seq2[Contact, error] {
	return func(yield func(Contact, error) bool) {
		cursor := start
		seen := map[string]bool{key(cursor): true}
		for {
			if err := ctx.Err(); err != nil {
				yield(Contact{}, err)
				return
			}
			p, err := fetch(ctx, cursor)
			if err != nil {
				yield(Contact{}, err)
				return
			}
			for i := range p.items {
				if !yield(p.items[i], nil) {
					return
				}
			}
			if !p.more {
				return
			}
			k := key(p.next)
			if seen[k] {
				yield(Contact{}, fmt.Errorf("%w (cursor %s)", ErrRepeatedCursor, k))
				return
			}
			seen[k] = true
			cursor = p.next
		}
	}
}
