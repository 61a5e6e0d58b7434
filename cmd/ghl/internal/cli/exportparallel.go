package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
)

// exportParallelKind is the Kind of a parallel export's checkpoint.
const exportParallelKind = "export-parallel"

// maxParallel bounds --parallel: the chains share the location's 100 requests per 10 s, so 32 already keep the
// budget busy with round trips of 3 s; more would only hold more pages in memory.
const maxParallel = 32

// checkParallel says what is wrong with --parallel n, or "".
func checkParallel(n int) string {
	if n < 1 || n > maxParallel {
		return fmt.Sprintf("--parallel must be between 1 and %d, not %d", maxParallel, n)
	}
	return ""
}

func (x *exporter) kind() string {
	if x.parallel != nil {
		return exportParallelKind
	}
	return "export"
}

// usageErr is a search the SDK refused for its parameters before sending anything: the command line asked for
// a combination that a parallel export cannot run.
type usageErr struct{ err error }

func (u usageErr) Error() string { return u.err.Error() }
func (u usageErr) Unwrap() error { return u.err }

// copyParallel reads the search with --parallel cursor chains and writes each contact as it comes, in no
// promised order across chains. Every checkpoint holds the chains' state as it stands after the last contact
// written, with the output's length then, so a resumed export neither writes a contact again nor skips one.
// On Ctrl-C or a search error what was written is committed first, so that nothing read is read again.
func (x *exporter) copyParallel(ctx context.Context, o *exportOutput, prog *progress) (done bool, stopErr error) {
	f := x.flags
	search := x.parallel(ctx, x.params, contacts.ParallelOptions{Chains: f.parallel, Resume: x.state.Parallel})
	every := f.pageSize // contacts between checkpoints: about one page
	sinceSave := 0
	written := 0
	for c, err := range search.All() {
		if err != nil {
			if written == 0 && errors.Is(err, ghl.ErrInvalidArgument) && !errors.Is(err, context.Canceled) {
				return false, usageErr{err}
			}
			stopErr = err
			break
		}
		if err := o.out.write(&c); err != nil {
			return false, fmt.Errorf("writing %s: %w", f.out, err)
		}
		written++
		x.state.Count++
		if sinceSave++; sinceSave < every {
			continue
		}
		sinceSave = 0
		st := search.State()
		x.state.Parallel = &st
		if err := x.commit(o, true); err != nil {
			return false, err
		}
		prog.update(x.state.Count)
	}
	if stopErr == nil && ctx.Err() == nil {
		return true, x.commit(o, false) // finished: the checkpoint is removed
	}
	// Stopped: keep what was read. The state covers every contact yielded, and each was written.
	st := search.State()
	x.state.Parallel = &st
	if err := x.commit(o, written > 0 || x.checkpointExists()); err != nil {
		return false, errors.Join(stopErr, err)
	}
	return false, stopErr
}

// inconsistency says what in a checkpoint no export could have saved, or "".
func (c *exportCheckpoint) inconsistency() string {
	switch {
	case c.Count < 0 || c.Offset < 0:
		return "a negative count or offset"
	case int64(c.Count) > c.Offset:
		return fmt.Sprintf("%d contacts in %d bytes", c.Count, c.Offset)
	case c.Kind == exportParallelKind && c.Parallel == nil:
		return "a parallel export without the state of its chains"
	case c.Kind != exportParallelKind && c.Parallel != nil:
		return "chains in a checkpoint of an export without --parallel"
	case c.Parallel == nil:
		return ""
	}
	rs := c.Parallel.Ranges
	for i, r := range rs {
		switch {
		case r.From < 0 || r.To < 0:
			return fmt.Sprintf("range %d has a negative bound", i)
		case r.To != 0 && r.To <= r.From:
			return fmt.Sprintf("range %d ends before it starts", i)
		case i > 0 && (rs[i-1].To == 0 || rs[i-1].To > r.From):
			return fmt.Sprintf("ranges %d and %d overlap or are out of order", i-1, i)
		}
	}
	return ""
}
