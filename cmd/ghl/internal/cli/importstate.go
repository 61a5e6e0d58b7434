package cli

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// importCheckpoint is where an import stands: which rows are done, what became of them, and how long the
// rejects file was when that was true.
//
// Rows are recorded as done only once their outcome is known, and the rejects file is cut back to
// RejectsOffset on resume, so a resumed import neither repeats a reject nor skips a row. What a crash (not
// Ctrl-C, which waits for them) can leave in doubt are the rows in flight and those finished since the last
// save: they are sent again on resume. That is safe because upsert is idempotent: HighLevel finds the contact
// the first send created by its email or phone (the location's duplicate rule) and updates it with the same
// values, so no duplicate contact is made. Such a row is then counted as updated rather than created.
type importCheckpoint struct {
	Kind    string `json:"kind"`
	Version int    `json:"version"`
	// Job identifies the import (location, input, header, column mapping, tags), so that another one is refused.
	Job string `json:"job"`
	In  string `json:"in"`
	// Size, SHA256 and Rows identify the input's content: a changed file would renumber its rows.
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Rows   int    `json:"rows"`

	Done     doneSet `json:"done"`
	Created  int     `json:"created"`
	Updated  int     `json:"updated"`
	Rejected int     `json:"rejected"`

	Rejects       string `json:"rejects"`
	RejectsOffset int64  `json:"rejectsOffset"`
}

// loadCheckpoint reads the checkpoint, if any and not --restart, into im.state; it starts a new one otherwise.
// A checkpoint is resumed only when its checksum holds (loadJSON), it adds up (consistent), and it was saved
// for this job and this very input; otherwise the import stops with the checkpoint left as it is.
func (im *importer) loadCheckpoint(in inputScan) (bool, error) {
	f := im.flags
	im.state = importCheckpoint{
		Kind: "import", Version: checkpointVersion, Job: im.job, In: f.in,
		Size: in.size, SHA256: in.sha256, Rows: in.rows, Rejects: f.rejects,
	}
	if f.restart {
		return false, nil
	}
	var saved importCheckpoint
	err := loadJSON(f.checkpoint, &saved)
	switch {
	case errors.Is(err, errNoCheckpoint):
		return false, nil
	case err != nil:
		return false, err
	case saved.Kind != "import" || saved.Version != checkpointVersion:
		return false, fmt.Errorf("%s is not a checkpoint of this version of ghl import; pass --restart to start over, or --checkpoint to use another file", f.checkpoint)
	case saved.Job != im.job || saved.Rejects != f.rejects:
		return false, fmt.Errorf("%s was saved by an import with another location, column mapping, tags or rejects file; "+
			"run that import again to finish it, or pass --restart to import every row again", f.checkpoint)
	}
	if problem := saved.inconsistency(); problem != "" {
		return false, fmt.Errorf("checkpoint %s does not add up (%s), so it was not used and is left as it is; "+
			"pass --restart to import every row again (upsert updates the contacts already imported)", f.checkpoint, problem)
	}
	if saved.Size != in.size || saved.SHA256 != in.sha256 || saved.Rows != in.rows {
		return false, fmt.Errorf("%s changed since the checkpoint %s was saved (its size, SHA-256 or row count differ), or the "+
			"checkpoint belongs to another file of that name, so its rows may have moved; the checkpoint was left as it is; "+
			"pass --restart to import every row again (upsert updates the contacts already imported)", f.in, f.checkpoint)
	}
	im.state = saved
	return true, nil
}

// inconsistency says what in a checkpoint cannot be true of any import, or "".
func (c *importCheckpoint) inconsistency() string {
	d := c.Done
	switch {
	case c.Rows < 0 || c.Size < 0 || c.RejectsOffset < 0 || c.Created < 0 || c.Updated < 0 || c.Rejected < 0:
		return "a negative count"
	case d.Through < 0 || d.Through > c.Rows:
		return fmt.Sprintf("rows done through %d of %d", d.Through, c.Rows)
	}
	prev := d.Through + 1
	for _, n := range d.Above {
		if n <= prev || n > c.Rows {
			return fmt.Sprintf("row %d listed as done out of order or past row %d", n, c.Rows)
		}
		prev = n
	}
	if sum := c.Created + c.Updated + c.Rejected; sum != d.count() {
		return fmt.Sprintf("%d created, %d updated and %d rejected make %d, but %d rows are marked done",
			c.Created, c.Updated, c.Rejected, sum, d.count())
	}
	if c.Rejected > 0 && c.RejectsOffset == 0 {
		return fmt.Sprintf("%d rejected rows but an empty rejects file", c.Rejected)
	}
	return ""
}

// save flushes and syncs the rejects file, then writes the checkpoint that counts it.
func (im *importer) save() error {
	if err := im.rejects.sync(); err != nil {
		return err
	}
	st := im.state
	st.Done = im.state.Done.clone()
	st.RejectsOffset = im.rejects.offset()
	return saveJSON(im.flags.checkpoint, &st)
}

// finish saves the checkpoint of an unfinished import, or removes it (and an empty rejects file) after the
// last row.
func (im *importer) finish(complete bool) error {
	if !complete {
		return im.save()
	}
	if err := im.rejects.sync(); err != nil {
		return err
	}
	if err := im.rejects.close(); err != nil {
		return err
	}
	if im.state.Rejected == 0 {
		if err := os.Remove(im.flags.rejects); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return removeCheckpoint(im.flags.checkpoint)
}

// rejectsFile is a CSV of the rows that were not imported: their line, the reason, their raw text, and the row
// as it was read, under the input's own header, so that it can be fixed and imported again as it is.
type rejectsFile struct {
	path    string
	f       *os.File
	counted *countingWriter
	buf     *bufio.Writer
	w       *csv.Writer
	closed  bool
}

func openRejects(path string, header []string, resume bool, offset int64) (*rejectsFile, error) {
	var f *os.File
	var err error
	if resume {
		f, err = truncateTail(path, offset)
	} else {
		f, err = os.Create(path)
	}
	if err != nil {
		return nil, fmt.Errorf("rejects file: %w", err)
	}
	r := &rejectsFile{path: path, f: f, counted: &countingWriter{w: f, n: offset}}
	r.buf = bufio.NewWriter(r.counted)
	r.w = csv.NewWriter(r.buf)
	if !resume {
		if err := r.w.Write(append([]string{"line", "reason", "raw"}, validText(header)...)); err != nil {
			f.Close()
			return nil, fmt.Errorf("rejects file: %w", err)
		}
		if err := r.flush(); err != nil {
			f.Close()
			return nil, err
		}
	}
	return r, nil
}

func (r *rejectsFile) write(row csvRow, reason string) error {
	rec := append([]string{strconv.Itoa(row.line), reason, strings.ToValidUTF8(row.raw, "\uFFFD")}, validText(row.fields)...)
	if err := r.w.Write(rec); err != nil {
		return fmt.Errorf("writing %s: %w", r.path, err)
	}
	return nil
}

func (r *rejectsFile) flush() error {
	r.w.Flush()
	if err := r.w.Error(); err != nil {
		return fmt.Errorf("writing %s: %w", r.path, err)
	}
	if err := r.buf.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", r.path, err)
	}
	return nil
}

// offset is the file's length once flushed.
func (r *rejectsFile) offset() int64 {
	_ = r.flush() // an error here shows again at the next sync
	return r.counted.n
}

func (r *rejectsFile) sync() error {
	if r.closed {
		return nil
	}
	if err := r.flush(); err != nil {
		return err
	}
	if err := r.f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", r.path, err)
	}
	return nil
}

func (r *rejectsFile) close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	return r.f.Close()
}
