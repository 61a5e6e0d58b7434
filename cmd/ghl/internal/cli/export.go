package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/option"
)

// exportFlags are what "ghl export" was asked to do.
type exportFlags struct {
	common
	out        string
	format     string
	query      string
	filters    listFlag
	pageSize   int
	checkpoint string
	restart    bool
	parallel   int
}

// exportFlagSet defines export's flags on f; exportHelp describes them.
func exportFlagSet(f *exportFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	f.register(fs)
	fs.StringVar(&f.out, "out", "", "output file, or - for stdout")
	fs.StringVar(&f.format, "format", "", "jsonl or csv")
	fs.StringVar(&f.query, "query", "", "free text to match")
	fs.Var(&f.filters, "filter", "FIELD=VALUE or FIELD!=VALUE; repeatable")
	fs.IntVar(&f.pageSize, "page-size", contacts.MaxPageLimit, "contacts per request")
	fs.StringVar(&f.checkpoint, "checkpoint", "", "checkpoint file")
	fs.BoolVar(&f.restart, "restart", false, "ignore an existing checkpoint")
	fs.IntVar(&f.parallel, "parallel", 1, "cursor chains at once, 1 to 32")
	return fs
}

func runExport(ctx context.Context, args []string, e *env) int {
	var f exportFlags
	if ok, code := parseFlags(exportFlagSet(&f), args, exportHelp, e); !ok {
		return code
	}
	if f.out == "" {
		return usageError(e, "export", "--out is required (a file, or - for stdout)")
	}
	switch f.format {
	case "":
		f.format = "jsonl"
		if strings.EqualFold(filepath.Ext(f.out), ".csv") {
			f.format = "csv"
		}
	case "jsonl", "csv":
	default:
		return usageError(e, "export", "--format must be jsonl or csv, not %q", f.format)
	}
	if f.pageSize < 1 || f.pageSize > contacts.MaxPageLimit {
		return usageError(e, "export", "--page-size must be between 1 and %d", contacts.MaxPageLimit)
	}
	if n := utf8.RuneCountInString(f.query); n > contacts.MaxQueryLength {
		return usageError(e, "export", "--query has %d characters; HighLevel takes at most %d", n, contacts.MaxQueryLength)
	}
	filters, err := parseFilters(f.filters)
	if err != nil {
		return usageError(e, "export", "%v", err)
	}
	if msg := checkParallel(f.parallel); msg != "" {
		return usageError(e, "export", "%s", msg)
	}
	if f.out != "-" {
		if f.out, err = filepath.Abs(f.out); err != nil {
			return fail(e, "export", err)
		}
		if f.checkpoint == "" {
			f.checkpoint = f.out + ".checkpoint"
		}
	} else if f.checkpoint != "" {
		return usageError(e, "export", "--checkpoint needs --out FILE: output sent to stdout cannot be resumed")
	}
	client, err := newClient(ctx, &f.common, e)
	if err != nil {
		return fail(e, "export", err)
	}
	x := &exporter{
		flags: &f,
		env:   e,
		search: func(ctx context.Context, p contacts.SearchParams) (*contacts.SearchPage, error) {
			return client.Contacts.Search(ctx, p)
		},
		params: contacts.SearchParams{Query: f.query, Filters: filters, PageLimit: f.pageSize},
		job:    fingerprint("export", client.LocationID(), f.query, []string(f.filters), f.format, f.out),
	}
	if f.parallel > 1 {
		x.parallel = client.Contacts.SearchAllParallel
	}
	return x.run(ctx)
}

// parseFilters reads FIELD=VALUE (eq) and FIELD!=VALUE (not_eq).
func parseFilters(specs []string) ([]contacts.Filter, error) {
	var out []contacts.Filter
	for _, s := range specs {
		field, value, ok := strings.Cut(s, "=")
		neg := strings.HasSuffix(field, "!")
		field = strings.TrimSpace(strings.TrimSuffix(field, "!"))
		if !ok || field == "" {
			return nil, fmt.Errorf("--filter %q: want FIELD=VALUE, like tags=vip, or FIELD!=VALUE", s)
		}
		var v any = value
		if field == "dnd" && (value == "true" || value == "false") {
			v = value == "true"
		}
		if neg {
			out = append(out, contacts.NotEq(field, v))
		} else {
			out = append(out, contacts.Eq(field, v))
		}
	}
	return out, nil
}

// exportCheckpoint is where an export stands after its last complete page (or, with --parallel, after the
// contacts counted in it).
type exportCheckpoint struct {
	// Kind is "export", or "export-parallel" for an export with --parallel, whose place is Parallel instead
	// of Cursor: neither kind resumes the other.
	Kind    string `json:"kind"`
	Version int    `json:"version"`
	// Job identifies the export (location, query, filters, format, output), so that another one is refused.
	Job string `json:"job"`
	Out string `json:"out"`
	// Count contacts are in Out, which is Offset bytes long; anything past Offset is an unfinished page.
	Count  int   `json:"count"`
	Offset int64 `json:"offset"`
	// Cursor is the searchAfter cursor of the next page.
	Cursor json.RawMessage `json:"cursor,omitempty"`
	Total  int             `json:"total,omitempty"`
	// Parallel is where every chain of a parallel export stands, covering exactly the Count contacts in Out.
	Parallel *contacts.ParallelState `json:"parallel,omitempty"`
}

// exporter runs one export.
type exporter struct {
	flags  *exportFlags
	env    *env
	search func(context.Context, contacts.SearchParams) (*contacts.SearchPage, error)
	params contacts.SearchParams
	job    string
	// parallel, when set (--parallel N > 1), reads the search with N cursor chains instead of search.
	parallel func(context.Context, contacts.SearchParams, contacts.ParallelOptions, ...option.RequestOption) *contacts.ParallelSearch

	state exportCheckpoint
	// removed is set once an output file that held nothing to resume from was deleted.
	removed bool
}

func (x *exporter) run(ctx context.Context) int {
	e, f := x.env, x.flags
	x.state = exportCheckpoint{Kind: x.kind(), Version: checkpointVersion, Job: x.job, Out: f.out}
	resumed, err := x.loadCheckpoint()
	if err != nil {
		return fail(e, "export", err)
	}
	var file *os.File
	var sink io.Writer = e.stdout
	switch {
	case f.out == "-":
	case resumed:
		file, err = truncateTail(f.out, x.state.Offset)
	default:
		file, err = os.Create(f.out)
	}
	if err != nil {
		return fail(e, "export", err)
	}
	if file != nil {
		defer file.Close()
		sink = file
	}
	created := file != nil && !resumed
	counted := &countingWriter{w: sink, n: x.state.Offset}
	buf := bufio.NewWriterSize(counted, 256<<10)
	o := &exportOutput{out: newContactWriter(f.format, buf), buf: buf, counted: counted, file: file}
	if resumed {
		fmt.Fprintf(e.stderr, "resuming: %s contacts already in %s\n", thousands(x.state.Count), f.out)
	} else if err := o.out.header(); err != nil {
		return fail(e, "export", err)
	}

	prog := newProgress(e.stderr, e.clk(), "exported", "contacts", f.quiet)
	prog.begin(x.state.Count)
	prog.setTotal(x.state.Total)
	start := e.clk().Now()

	var done bool
	var stopErr error
	if x.parallel != nil {
		done, stopErr = x.copyParallel(ctx, o, prog)
	} else {
		done, stopErr = x.copySerial(ctx, o, prog)
	}
	prog.finish()
	switch {
	case done:
		if f.checkpoint != "" {
			if err := removeCheckpoint(f.checkpoint); err != nil {
				return fail(e, "export", err)
			}
		}
		if file != nil {
			if err := file.Close(); err != nil {
				return fail(e, "export", err)
			}
		}
		elapsed := e.clk().Now().Sub(start)
		fmt.Fprintf(e.stderr, "exported %s contacts to %s in %s\n", thousands(x.state.Count), f.out, roundDuration(elapsed))
		return exitOK
	case errors.As(stopErr, new(usageErr)):
		x.dropUnsaved(file, created)
		return usageError(e, "export", "--parallel cannot run this search: %v", stopErr)
	case ctx.Err() != nil:
		x.dropUnsaved(file, created)
		fmt.Fprintf(e.stderr, "ghl export: interrupted; %s\n", x.resumeHint(nil))
		return exitInterrupted
	default:
		if stopErr == nil {
			stopErr = errors.New("the search ended without its last page")
		}
		x.dropUnsaved(file, created)
		fmt.Fprintf(e.stderr, "ghl export: %v\n%s\n", stopErr, x.resumeHint(stopErr))
		return exitError
	}
}

// exportOutput is where an export writes: the format's writer over a buffer over the (counted) file or stdout.
type exportOutput struct {
	out     contactWriter
	buf     *bufio.Writer
	counted *countingWriter
	file    *os.File // nil for stdout
}

// copySerial reads the search as one cursor chain, a page ahead of the writing, and checkpoints after each
// page. done reports that the last page was written.
func (x *exporter) copySerial(ctx context.Context, o *exportOutput, prog *progress) (done bool, stopErr error) {
	fetchCtx, stopFetch := context.WithCancel(ctx)
	pages := make(chan pageResult, 1) // one page ahead: the next request goes out while this one is written
	go fetchPages(fetchCtx, x.search, x.params, x.state.Cursor, pages)
	defer func() {
		stopFetch()
		// Drain until the fetcher has returned, so that no request outlives the command.
		for range pages {
		}
	}()

	// Every page that arrives is written, even after Ctrl-C: it is already paid for, and writing it takes
	// moments. The fetcher sends no request once ctx is done, so the channel closes soon after.
	for pr := range pages {
		if pr.err != nil {
			return false, pr.err
		}
		page := pr.page
		for i := range page.Contacts {
			if err := o.out.write(&page.Contacts[i]); err != nil {
				return false, fmt.Errorf("writing %s: %w", x.flags.out, err)
			}
		}
		x.state.Count += len(page.Contacts)
		x.state.Cursor = page.Next
		x.state.Total = page.Total
		// The last page needs no checkpoint: it is removed.
		if err := x.commit(o, page.Next != nil); err != nil {
			return false, err
		}
		prog.setTotal(page.Total)
		prog.update(x.state.Count)
		if page.Next == nil {
			return true, nil
		}
	}
	return false, nil
}

// dropUnsaved removes an output file this run created when no checkpoint covers any of it: an empty file, or
// one with part of a page, that nothing could resume from.
func (x *exporter) dropUnsaved(file *os.File, created bool) {
	if !created || x.checkpointExists() {
		return
	}
	_ = file.Close()
	if err := os.Remove(x.flags.out); err == nil {
		x.removed = true
	}
}

func (x *exporter) checkpointExists() bool {
	if x.flags.checkpoint == "" {
		return false
	}
	_, err := os.Stat(x.flags.checkpoint)
	return err == nil
}

// notResumable reports an error that the same command meets again: HighLevel refused the search itself (a 400
// or 422), the SDK refused its parameters, or the search repeated its cursor.
func notResumable(err error) bool {
	return errors.Is(err, ghl.ErrValidation) || errors.Is(err, ghl.ErrInvalidArgument) || errors.Is(err, contacts.ErrRepeatedCursor)
}

// loadCheckpoint reads the checkpoint, if any and not --restart, into x.state.
func (x *exporter) loadCheckpoint() (bool, error) {
	f := x.flags
	if f.checkpoint == "" || f.restart {
		return false, nil
	}
	var saved exportCheckpoint
	err := loadJSON(f.checkpoint, &saved)
	switch {
	case errors.Is(err, errNoCheckpoint):
		return false, nil
	case err != nil:
		return false, err
	case saved.Kind == "export" && x.kind() == exportParallelKind && saved.Version == checkpointVersion:
		return false, fmt.Errorf("%s was saved by an export without --parallel; run it again without --parallel to finish it, or pass --restart to start over", f.checkpoint)
	case saved.Kind == exportParallelKind && x.kind() == "export" && saved.Version == checkpointVersion:
		return false, fmt.Errorf("%s was saved by an export with --parallel; run it again with --parallel N (any N from 2) to finish it, or pass --restart to start over", f.checkpoint)
	case saved.Kind != x.kind() || saved.Version != checkpointVersion:
		return false, fmt.Errorf("%s is not a checkpoint of this version of ghl export; pass --restart to start over, or --checkpoint to use another file", f.checkpoint)
	case saved.Job != x.job:
		return false, fmt.Errorf("%s was saved by an export with another location, query, filters, format or output; "+
			"run that export again to finish it, or pass --restart to start this one over", f.checkpoint)
	}
	if why := saved.inconsistency(); why != "" {
		return false, fmt.Errorf("checkpoint %s does not add up (%s), so it was not used and is left as it is; "+
			"pass --restart to start over, or --checkpoint to use another file", f.checkpoint, why)
	}
	x.state = saved
	return true, nil
}

// commit makes what was written durable, then, if save, records it in the checkpoint with x.state: the output
// is flushed and synced first, so the checkpoint never counts bytes that a crash could lose.
func (x *exporter) commit(o *exportOutput, save bool) error {
	if err := o.out.flush(); err != nil {
		return fmt.Errorf("writing %s: %w", x.flags.out, err)
	}
	if err := o.buf.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", x.flags.out, err)
	}
	x.state.Offset = o.counted.n
	if o.file == nil || !save {
		return nil // stdout is not resumable
	}
	if err := o.file.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", x.flags.out, err)
	}
	return saveJSON(x.flags.checkpoint, &x.state)
}

// resumeHint says what is left after a run stopped with stopErr (nil: interrupted) and whether the same
// command can pick it up.
func (x *exporter) resumeHint(stopErr error) string {
	f := x.flags
	n := thousands(x.state.Count)
	if f.out == "-" {
		return n + " contacts were written (output to stdout cannot be resumed)"
	}
	saved := fmt.Sprintf("%s contacts are saved in %s (checkpoint %s)", n, f.out, f.checkpoint)
	if !x.checkpointExists() {
		saved = "nothing was saved"
		if x.removed {
			saved += " and " + f.out + " was removed"
		}
	}
	switch {
	case stopErr != nil && notResumable(stopErr):
		return saved + "; this export is not resumable: running the same command again gets the same answer, so change the query or filters"
	case !x.checkpointExists():
		return saved + "; run the same command again to start over"
	default:
		return saved + "; run the same command again to resume"
	}
}

type pageResult struct {
	page *contacts.SearchPage
	err  error
}

// fetchPages sends the search page after page, from cursor on, and hands each page over. It stops after the
// last page, at the first error, or when ctx is done.
func fetchPages(ctx context.Context, search func(context.Context, contacts.SearchParams) (*contacts.SearchPage, error),
	params contacts.SearchParams, cursor json.RawMessage, out chan<- pageResult) {
	defer close(out)
	for {
		p := params
		p.SearchAfter = cursor
		page, err := search(ctx, p)
		if err == nil && page.Next != nil && string(page.Next) == string(cursor) {
			err = contacts.ErrRepeatedCursor
		}
		select {
		case out <- pageResult{page: page, err: err}:
		case <-ctx.Done():
			return
		}
		if err != nil || page.Next == nil {
			return
		}
		cursor = page.Next
	}
}

// countingWriter counts the bytes that reached w: the output's length, for the checkpoint.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
