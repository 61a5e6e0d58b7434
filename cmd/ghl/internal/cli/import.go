package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
)

// importFlags are what "ghl import" was asked to do.
type importFlags struct {
	common
	in          string
	maps        listFlag
	tags        listFlag
	rejects     string
	checkpoint  string
	concurrency int
	restart     bool
}

const (
	defaultConcurrency = 8
	maxConcurrency     = 64
	// graceAfterStop bounds how long the rows in flight at Ctrl-C may take to finish.
	graceAfterStop = 30 * time.Second
)

// importFlagSet defines import's flags on f; importHelp describes them.
func importFlagSet(f *importFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	f.register(fs)
	fs.StringVar(&f.in, "in", "", "CSV file to import")
	fs.Var(&f.maps, "map", "COLUMN=FIELD; repeatable")
	fs.Var(&f.tags, "tag", "tag to add to every contact; repeatable")
	fs.StringVar(&f.rejects, "rejects", "", "file for rejected rows")
	fs.StringVar(&f.checkpoint, "checkpoint", "", "checkpoint file")
	fs.IntVar(&f.concurrency, "concurrency", defaultConcurrency, "rows in flight at once")
	fs.BoolVar(&f.restart, "restart", false, "ignore an existing checkpoint")
	return fs
}

func runImport(ctx context.Context, args []string, e *env) int {
	var f importFlags
	if ok, code := parseFlags(importFlagSet(&f), args, importHelp, e); !ok {
		return code
	}
	if f.in == "" {
		return usageError(e, "import", "--in is required: the CSV file to import")
	}
	if f.concurrency < 1 || f.concurrency > maxConcurrency {
		return usageError(e, "import", "--concurrency must be between 1 and %d", maxConcurrency)
	}
	var err error
	if f.in, err = filepath.Abs(f.in); err != nil {
		return fail(e, "import", err)
	}
	if f.rejects == "" {
		f.rejects = strings.TrimSuffix(f.in, filepath.Ext(f.in)) + ".rejects.csv"
	}
	if f.checkpoint == "" {
		f.checkpoint = f.in + ".checkpoint"
	}
	if f.rejects, err = filepath.Abs(f.rejects); err != nil {
		return fail(e, "import", err)
	}
	if f.rejects == f.in || f.checkpoint == f.in {
		return usageError(e, "import", "--rejects and --checkpoint must not be the input file")
	}
	src, err := openCSV(f.in)
	if err != nil {
		return fail(e, "import", err)
	}
	defer src.close()
	cols, skipped, err := buildColumnMap(src.header, f.maps)
	if err != nil {
		return usageError(e, "import", "%s: %v", filepath.Base(f.in), err)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(e.stderr, "skipping columns %s ('ghl export' writes them; upsert cannot set them)\n", quoteList(skipped))
	}
	client, err := newClient(ctx, &f.common, e)
	if err != nil {
		return fail(e, "import", err)
	}
	// Resolved before the job's fingerprint is taken, so that the checkpoint names the fields' IDs: a resumed
	// import resolves again and goes on only if the names still mean the same fields.
	if err := cols.resolveCustomFields(ctx, customFieldLookup(client)); err != nil {
		var bad *mappingError
		if errors.As(err, &bad) {
			return usageError(e, "import", "%s: %v", filepath.Base(f.in), err)
		}
		return fail(e, "import", err)
	}
	im := &importer{
		flags: &f,
		env:   e,
		src:   src,
		cols:  cols,
		upsert: func(ctx context.Context, p contacts.UpsertParams) (*contacts.UpsertResult, error) {
			return client.Contacts.Upsert(ctx, p)
		},
		job: fingerprint("import", client.LocationID(), f.in, src.header, cols.targets, []string(f.tags)),
	}
	return im.run(ctx)
}

// rowJob is a row ready to send.
type rowJob struct {
	row    csvRow
	params contacts.UpsertParams
}

// outcome is how a row ended: created, updated, rejected (reject says why), or not at all (fatal: the import
// must stop, and the row stays to do).
type outcome struct {
	row     csvRow
	created bool
	reject  string
	fatal   error
}

// importer runs one import: a reader that turns rows into upserts, workers that send them, and this goroutine,
// which records every outcome in order of arrival and owns the rejects file and the checkpoint.
type importer struct {
	flags  *importFlags
	env    *env
	src    *csvSource
	cols   *columnMap
	upsert func(context.Context, contacts.UpsertParams) (*contacts.UpsertResult, error)
	job    string

	state   importCheckpoint
	rejects *rejectsFile
	spans   []lineSpan // rows over more than one line, for the summary
}

func (im *importer) run(ctx context.Context) int {
	e, f := im.env, im.flags
	scan, err := scanInput(f.in)
	if err != nil {
		return fail(e, "import", err)
	}
	total := scan.rows
	im.spans = scan.spans
	resumed, err := im.loadCheckpoint(scan)
	if err != nil {
		return fail(e, "import", err)
	}
	if im.rejects, err = openRejects(f.rejects, im.src.header, resumed, im.state.RejectsOffset); err != nil {
		return fail(e, "import", err)
	}
	defer im.rejects.close()
	if resumed {
		fmt.Fprintf(e.stderr, "resuming: %s of %s rows already done\n", thousands(im.state.Done.count()), thousands(total))
	}
	im.state.RejectsOffset = im.rejects.offset()

	prog := newProgress(e.stderr, e.clk(), "imported", "rows", f.quiet)
	prog.begin(im.state.Done.count())
	prog.setTotal(total)
	start := e.clk().Now()

	// Ctrl-C stops the reader at once; rows already handed to a worker are still sent and recorded, so that
	// none is left in doubt. The grace period bounds that wait.
	dispatchCtx, stopDispatch := context.WithCancel(ctx)
	defer stopDispatch()
	sendCtx, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	stopGrace := context.AfterFunc(ctx, func() {
		t := time.NewTimer(graceAfterStop)
		defer t.Stop()
		select {
		case <-t.C:
			cancelSend()
		case <-sendCtx.Done():
		}
	})
	defer stopGrace()

	jobs := make(chan rowJob)
	results := make(chan outcome, f.concurrency)
	readerDone := make(chan error, 1)
	skip := im.state.Done.clone() // the reader's own copy: the loop below adds to im.state.Done
	go func() { readerDone <- im.read(dispatchCtx, &skip, jobs, results) }()
	workers := make(chan struct{}, f.concurrency)
	for range f.concurrency {
		go func() {
			defer func() { workers <- struct{}{} }()
			im.work(ctx, sendCtx, jobs, results)
		}()
	}
	go func() {
		for range f.concurrency {
			<-workers
		}
		close(results)
	}()

	var fatal error
	var fatalLine int
	lastSave, sinceSave := e.clk().Now(), 0
	for o := range results {
		if o.fatal != nil {
			if fatal == nil {
				fatal, fatalLine = o.fatal, o.row.line
				stopDispatch()
			}
			continue
		}
		if err := im.record(o); err != nil && fatal == nil {
			fatal = err
			stopDispatch()
		}
		sinceSave++
		if now := e.clk().Now(); sinceSave >= 500 || now.Sub(lastSave) >= time.Second {
			if err := im.save(); err != nil && fatal == nil {
				fatal = err
				stopDispatch()
			}
			lastSave, sinceSave = now, 0
		}
		prog.update(im.state.Done.count())
	}
	readErr := <-readerDone
	prog.finish()
	if fatal == nil && readErr != nil && !errors.Is(readErr, context.Canceled) {
		fatal = readErr
	}
	complete := fatal == nil && im.state.Done.count() == total // a Ctrl-C after the last row changes nothing
	if err := im.finish(complete); err != nil {
		return fail(e, "import", err)
	}
	summary := im.summary(total)
	switch {
	case complete:
		fmt.Fprintf(e.stdout, "imported %s in %s: %s\n", filepath.Base(f.in), roundDuration(e.clk().Now().Sub(start)), summary)
		if im.state.Rejected > 0 {
			fmt.Fprintf(e.stdout, "rejected rows are in %s, with their line numbers and reasons\n", f.rejects)
			return exitRejects
		}
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintf(e.stderr, "ghl import: interrupted; %s\nRun the same command again to resume (checkpoint %s).\n", summary, f.checkpoint)
		return exitInterrupted
	default:
		where := ""
		if fatalLine > 0 {
			where = fmt.Sprintf(" at line %d", fatalLine)
		}
		if fatal == nil {
			fatal = errors.New("the file changed while it was read")
		}
		fmt.Fprintf(e.stderr, "ghl import: stopped%s: %v\n%s\nFix the cause and run the same command again to resume (checkpoint %s).\n", where, fatal, summary, f.checkpoint)
		return exitError
	}
}

// read sends each row not in skip to the workers, or straight to the results when it cannot be sent. It
// stops at the end of the file or when ctx is done, and closes jobs.
func (im *importer) read(ctx context.Context, skip *doneSet, jobs chan<- rowJob, results chan<- outcome) error {
	defer close(jobs)
	for {
		row, err := im.src.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", im.flags.in, err)
		}
		if skip.has(row.n) {
			continue
		}
		var o *outcome
		var j rowJob
		if row.problem != "" {
			o = &outcome{row: row, reject: row.problem}
		} else if p, problem := im.cols.params(row.fields, im.flags.tags); problem != "" {
			o = &outcome{row: row, reject: problem}
		} else {
			j = rowJob{row: row, params: p}
		}
		if o != nil {
			select {
			case results <- *o:
			case <-ctx.Done():
				return ctx.Err()
			}
			continue
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// work sends rows until jobs is closed. A row taken after Ctrl-C is left for the next run; a row taken before
// is sent on sendCtx, which outlives Ctrl-C, so that its outcome is known and recorded.
func (im *importer) work(stop, sendCtx context.Context, jobs <-chan rowJob, results chan<- outcome) {
	for j := range jobs {
		if stop.Err() != nil {
			continue
		}
		res, err := im.upsert(sendCtx, j.params)
		o := outcome{row: j.row}
		switch {
		case err == nil:
			o.created = res.New
		case rowLevel(err):
			o.reject = rejectReason(err)
		default:
			o.fatal = err
		}
		results <- o
	}
}

// rowLevel tells an error about this row (HighLevel refused its data) from one that would fail every row (the
// token, the rate or daily limit, HighLevel being down): the first rejects the row, the second stops the import.
func rowLevel(err error) bool {
	if errors.Is(err, ghl.ErrInvalidArgument) {
		return true
	}
	var apiErr *ghl.Error
	if !errors.As(err, &apiErr) {
		return false
	}
	switch s := apiErr.StatusCode; {
	case s == 401, s == 403, s == 429:
		return false
	case s >= 400 && s < 500:
		return true
	}
	return false
}

// rejectReason is HighLevel's own words for a refusal, without the request line.
func rejectReason(err error) string {
	var apiErr *ghl.Error
	if errors.As(err, &apiErr) {
		msg := strings.Join(apiErr.Messages, "; ")
		if msg == "" {
			msg = apiErr.Reason
		}
		return fmt.Sprintf("HighLevel answered %d: %s", apiErr.StatusCode, msg)
	}
	return strings.TrimPrefix(err.Error(), "ghl: ")
}

// record books one finished row: the reject line first, then the row as done, so that a checkpoint taken
// between two outcomes always agrees with the rejects file.
func (im *importer) record(o outcome) error {
	switch {
	case o.reject != "":
		if err := im.rejects.write(o.row, o.reject); err != nil {
			return err
		}
		im.state.Rejected++
	case o.created:
		im.state.Created++
	default:
		im.state.Updated++
	}
	im.state.Done.add(o.row.n)
	return nil
}

func (im *importer) summary(total int) string {
	s := im.state
	out := fmt.Sprintf("%s of %s rows done: %s created, %s updated, %s rejected",
		thousands(s.Done.count()), thousands(total), thousands(s.Created), thousands(s.Updated), thousands(s.Rejected))
	return out + spansNote(im.spans)
}

// maxSpansNamed bounds how many rows over several lines the summary names one by one.
const maxSpansNamed = 5

// spansNote names the rows that a quoted field carried over more than one line: such a row is well-formed
// CSV, but a quote opened by mistake makes one too, out of lines meant as rows of their own, so the summary
// says where to look.
func spansNote(spans []lineSpan) string {
	if len(spans) == 0 {
		return ""
	}
	named := make([]string, 0, min(len(spans), maxSpansNamed))
	for _, sp := range spans[:min(len(spans), maxSpansNamed)] {
		named = append(named, fmt.Sprintf("lines %d-%d (%d lines)", sp.first, sp.last, sp.last-sp.first+1))
	}
	list := strings.Join(named, ", ")
	if more := len(spans) - len(named); more > 0 {
		list += fmt.Sprintf(" and %s more", thousands(more))
	}
	if len(spans) == 1 {
		return "; 1 row spans several lines: " + list
	}
	return fmt.Sprintf("; %s rows span several lines: %s", thousands(len(spans)), list)
}
