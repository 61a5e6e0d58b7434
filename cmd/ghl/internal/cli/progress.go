package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ghlkit/ghl/clock"
)

// progress writes one status line to stderr: how many records, of how many when known, how fast, and how long
// is left. On a terminal the line is redrawn in place a few times a second; elsewhere (a log file, CI) a line
// is printed every logEvery, so that logs stay readable.
type progress struct {
	w     io.Writer
	clk   clock.Clock
	verb  string // "exported", "imported"
	noun  string // "contacts", "rows"
	tty   bool
	quiet bool
	every time.Duration

	start      time.Time
	startCount int // records done by earlier runs (resume), left out of the rate
	last       time.Time
	total      int // 0: unknown
	drawn      bool
}

const (
	ttyEvery = 200 * time.Millisecond
	logEvery = 10 * time.Second
)

func newProgress(w io.Writer, clk clock.Clock, verb, noun string, quiet bool) *progress {
	p := &progress{w: w, clk: clk, verb: verb, noun: noun, quiet: quiet, tty: isTerminal(w), every: logEvery}
	if p.tty {
		p.every = ttyEvery
	}
	p.start = clk.Now()
	p.last = p.start
	return p
}

// isTerminal reports whether w is a character device, without a terminal library: enough to choose between
// redrawing a line and printing lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// begin sets the count a resumed job starts from.
func (p *progress) begin(count int) { p.startCount = count }

// setTotal records how many records there are, once known.
func (p *progress) setTotal(n int) { p.total = n }

// update shows count if the last line is old enough.
func (p *progress) update(count int) {
	if p.quiet {
		return
	}
	now := p.clk.Now()
	if now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	p.draw(p.line(count, now))
}

// finish clears the redrawn line, so that the summary that follows starts on a clean line.
func (p *progress) finish() {
	if p.drawn && p.tty {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	p.drawn = false
}

func (p *progress) draw(s string) {
	if p.tty {
		fmt.Fprint(p.w, "\r"+s+"\x1b[K")
	} else {
		fmt.Fprintln(p.w, s)
	}
	p.drawn = true
}

// line formats the status: "exported 12,500 of 100,000 contacts (12.5%), 950/s, ETA 1m32s".
func (p *progress) line(count int, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", p.verb, thousands(count))
	if p.total > 0 {
		fmt.Fprintf(&b, " of %s %s (%.1f%%)", thousands(p.total), p.noun, 100*float64(count)/float64(p.total))
	} else {
		b.WriteString(" " + p.noun)
	}
	elapsed := now.Sub(p.start)
	done := count - p.startCount
	if elapsed > 0 && done > 0 {
		rate := float64(done) / elapsed.Seconds()
		fmt.Fprintf(&b, ", %s/s", thousands(int(rate+0.5)))
		if p.total > count {
			eta := time.Duration(float64(p.total-count) / rate * float64(time.Second))
			fmt.Fprintf(&b, ", ETA %s", roundDuration(eta))
		}
	}
	return b.String()
}

// thousands writes n with commas: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// roundDuration keeps two significant units: 1h5m, 3m12s, 42s, 0.3s.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Hour:
		return d.Round(time.Minute)
	case d >= time.Second:
		return d.Round(time.Second)
	default:
		return d.Round(100 * time.Millisecond)
	}
}
