package cli

import "slices"

// doneSet records which rows of an import are finished, by row number (1 for the first row after the header).
// Rows finish out of order, since several are upserted at once, so it keeps a watermark (every row up to
// Through is done) plus the finished rows above it. The set above the watermark stays about as small as the
// number of rows in flight, so the checkpoint stays small however long the file is.
type doneSet struct {
	Through int   `json:"through"`
	Above   []int `json:"above,omitempty"` // sorted, each > Through+1
}

// has reports whether row n is done.
func (d *doneSet) has(n int) bool {
	if n <= d.Through {
		return true
	}
	_, ok := slices.BinarySearch(d.Above, n)
	return ok
}

// add marks row n done and moves the watermark over every row that is now contiguous.
func (d *doneSet) add(n int) {
	if d.has(n) {
		return
	}
	i, _ := slices.BinarySearch(d.Above, n)
	d.Above = slices.Insert(d.Above, i, n)
	k := 0
	for k < len(d.Above) && d.Above[k] == d.Through+1 {
		d.Through++
		k++
	}
	d.Above = d.Above[k:]
	if len(d.Above) == 0 {
		d.Above = nil
	}
}

// count is how many rows are done.
func (d *doneSet) count() int { return d.Through + len(d.Above) }

// clone copies d for a checkpoint written while more rows finish.
func (d *doneSet) clone() doneSet {
	return doneSet{Through: d.Through, Above: slices.Clone(d.Above)}
}
