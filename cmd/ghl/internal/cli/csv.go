package cli

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// csvSource reads an import file one record at a time, numbering records and physical lines, and keeping each
// record's raw text. A record that cannot be read (the wrong number of fields, a stray quote, text that is not
// UTF-8) is returned with its problem rather than as an error, so that one bad line is rejected instead of
// stopping the import.
//
// A stray quote must cost only the line it is on. So the source finds where a record ends itself, by
// following quotes line by line (see scanQuotes), and only then parses those lines as CSV. When lines that a
// quote joined do not parse as one well-formed record, or the quote never closes, only the first line is
// rejected and reading starts again on the next one: every line ends up in a record of its own or in a
// well-formed record that spans lines, which the summary names (see lineSpan).
type csvSource struct {
	f      *os.File
	br     *bufio.Reader
	header []string
	body   int // the line after the header's last
	n      int
	read   int        // physical lines read from br
	ahead  []physLine // lines read but not yet consumed by a record
	eof    error      // what ended br, once it has
	spans  []lineSpan // well-formed records over more than one line, in order
}

// csvRow is one record after the header.
type csvRow struct {
	n       int    // record number, from 1
	line    int    // line the record starts on, from 1 (the header is line 1, or more if it spans lines)
	lines   int    // physical lines the record covers
	raw     string // the record's text as it is in the file, without its last line break
	fields  []string
	problem string // why the record cannot be used; "" when it can
}

// lineSpan is a record that covers more than one physical line.
type lineSpan struct{ first, last int }

// physLine is one line of the file, its line break included.
type physLine struct {
	n       int
	text    []byte
	tooLong bool // cut at maxLineBytes
}

const (
	// maxLineBytes bounds one physical line; what lies beyond is dropped and the line rejected.
	maxLineBytes = 1 << 20
	// maxRecordLines and maxRecordBytes bound how far a quoted field may run before its first line is
	// rejected as a quote that does not close: a spreadsheet's notes stay well inside them.
	maxRecordLines = 1000
	maxRecordBytes = 1 << 20
)

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16BOMs  = [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}}
	errNoInput = errors.New("the file is empty: the first line must name the columns")
)

// openCSV opens path and reads its header. A UTF-8 byte order mark is skipped; a UTF-16 file is refused with a
// hint, since every field would otherwise look like garbage.
func openCSV(path string) (*csvSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s, err := newCSVSource(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.f = f
	return s, nil
}

func newCSVSource(r io.Reader) (*csvSource, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		_, _ = br.Discard(len(utf8BOM))
	case bytes.HasPrefix(head, utf16BOMs[0]) || bytes.HasPrefix(head, utf16BOMs[1]):
		return nil, errors.New("the file is UTF-16 text; save it as CSV UTF-8 and try again")
	}
	s := &csvSource{br: br}
	row, err := s.record(0)
	switch {
	case errors.Is(err, io.EOF):
		return nil, errNoInput
	case err != nil:
		return nil, err
	case row.problem != "":
		return nil, fmt.Errorf("the header cannot be read: %s", row.problem)
	}
	for i, h := range row.fields {
		switch {
		case strings.ContainsRune(h, 0):
			return nil, errors.New("the header holds NUL bytes: the file is probably UTF-16; save it as CSV UTF-8 and try again")
		case !utf8.ValidString(h):
			return nil, fmt.Errorf("column %d of the header is not UTF-8 text; save the file as CSV UTF-8 and try again", i+1)
		}
	}
	s.header, s.body = row.fields, row.line+row.lines
	s.spans = nil
	return s, nil
}

// next returns the next record, io.EOF after the last, or an error reading the file.
func (s *csvSource) next() (csvRow, error) {
	row, err := s.record(len(s.header))
	if err != nil {
		return csvRow{}, err
	}
	s.n++
	row.n = s.n
	if row.problem == "" {
		for i, v := range row.fields {
			if !utf8.ValidString(v) {
				row.problem = fmt.Sprintf("column %q is not UTF-8 text; save the file as CSV UTF-8", s.column(i))
				break
			}
		}
	}
	return row, nil
}

// record reads the next record of width fields (any number if 0), skipping blank lines.
func (s *csvSource) record(width int) (csvRow, error) {
	for {
		l, err := s.peek(0)
		if err != nil {
			return csvRow{}, err
		}
		// Blank as encoding/csv has it: one line break (CRLF or LF) and nothing else.
		if len(bytes.TrimSuffix(bytes.TrimSuffix(l.text, []byte("\n")), []byte("\r"))) > 0 || l.tooLong {
			break
		}
		s.consume(1)
	}
	first, _ := s.peek(0)
	if first.tooLong {
		row := s.take(1)
		row.problem = fmt.Sprintf("the line is longer than %d MiB", maxLineBytes>>20)
		return row, nil
	}
	inQuote, size, k := false, 0, 0
	for {
		l, err := s.peek(k)
		if errors.Is(err, io.EOF) {
			row := s.take(1)
			row.fields = lazyFields(row.raw)
			row.problem = fmt.Sprintf("a quote opened on line %d is never closed (it would run to the end of the file); "+
				"the lines after it are read on their own", first.n)
			return row, nil
		}
		if err != nil {
			return csvRow{}, err
		}
		if l.tooLong {
			break // the long line is not part of this record: what stops here is malformed
		}
		inQuote = scanQuotes(l.text, inQuote, k == 0)
		size += len(l.text)
		k++
		if !inQuote {
			break
		}
		if k >= maxRecordLines || size > maxRecordBytes {
			row := s.take(1)
			row.fields = lazyFields(row.raw)
			row.problem = fmt.Sprintf("a quote opened on line %d does not close within %d lines or %d MiB; "+
				"the lines after it are read on their own", first.n, maxRecordLines, maxRecordBytes>>20)
			return row, nil
		}
	}
	if inQuote { // stopped at a line too long to join
		row := s.take(1)
		row.fields = lazyFields(row.raw)
		row.problem = fmt.Sprintf("a quote opened on line %d is not closed before a line too long to read; "+
			"the lines after it are read on their own", first.n)
		return row, nil
	}
	if k == 1 && bytes.IndexByte(first.text, '"') < 0 {
		return s.plainRecord(width), nil
	}
	text := s.joined(k)
	fields, problem := parseRecord(text, width)
	if problem == nil {
		row := s.take(k)
		row.fields = fields
		if k > 1 {
			s.spans = append(s.spans, lineSpan{first: row.line, last: row.line + k - 1})
		}
		return row, nil
	}
	if k == 1 {
		row := s.take(1)
		row.fields, row.problem = fields, s.describe(problem, fields, width)
		if row.fields == nil {
			row.fields = lazyFields(row.raw)
		}
		return row, nil
	}
	row := s.take(1)
	row.fields = lazyFields(row.raw)
	row.problem = fmt.Sprintf("a quote opened on line %d closes on line %d, but lines %d-%d are not one well-formed row (%s); "+
		"the lines after line %d are read on their own", first.n, first.n+k-1, first.n, first.n+k-1,
		s.describe(problem, fields, width), first.n)
	return row, nil
}

// plainRecord takes a line without quotes, which is most of them: its fields are what lies between commas,
// as encoding/csv reads them, without a reader made for it.
func (s *csvSource) plainRecord(width int) csvRow {
	row := s.take(1)
	row.fields = strings.Split(row.raw, ",")
	if width > 0 && len(row.fields) != width {
		row.problem = fmt.Sprintf("%d columns where the header has %d", len(row.fields), width)
	}
	return row
}

// scanQuotes follows RFC 4180's quoting over one line and reports whether a quoted field is still open at its
// end, so that the record goes on over the next line. atStart is true on a record's first line. A quote
// inside an unquoted field does not open anything (encoding/csv refuses it as a bare quote).
func scanQuotes(line []byte, inQuote, atStart bool) bool {
	fieldStart := atStart
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote:
			if c == '"' {
				if i+1 < len(line) && line[i+1] == '"' {
					i++
					continue
				}
				inQuote, fieldStart = false, false
			}
		case c == ',':
			fieldStart = true
		case c == '"' && fieldStart:
			inQuote, fieldStart = true, false
		default:
			fieldStart = false
		}
	}
	return inQuote
}

// parseError is why lines do not parse as one record, as encoding/csv reports it.
type parseError struct{ err error }

// parseRecord parses text as exactly one CSV record of width fields (any if 0).
func parseRecord(text []byte, width int) ([]string, *parseError) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = width
	if width == 0 {
		r.FieldsPerRecord = -1
	}
	fields, err := r.Read()
	if err != nil {
		return fields, &parseError{err}
	}
	if _, err := r.Read(); !errors.Is(err, io.EOF) {
		return fields, &parseError{errors.New("more than one record")}
	}
	return fields, nil
}

// describe says what is wrong with a record in words a spreadsheet user can act on.
func (s *csvSource) describe(p *parseError, fields []string, width int) string {
	var pe *csv.ParseError
	if !errors.As(p.err, &pe) {
		return p.err.Error()
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Sprintf("%d columns where the header has %d", len(fields), width)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("a quote inside unquoted column %q (quote the whole field and double the quote: \"say \"\"hi\"\"\")", s.column(len(fields)))
	case errors.Is(pe.Err, csv.ErrQuote):
		return "a quoted field is not closed properly (text follows its closing quote)"
	}
	return pe.Err.Error()
}

// lazyFields splits an unparsable line as best it can, so that the rejects file shows its columns to fix.
func lazyFields(raw string) []string {
	r := csv.NewReader(strings.NewReader(raw))
	r.LazyQuotes, r.FieldsPerRecord = true, -1
	fields, _ := r.Read()
	return fields
}

// peek returns the line k lines ahead of the current one.
func (s *csvSource) peek(k int) (physLine, error) {
	for len(s.ahead) <= k {
		if s.eof != nil {
			return physLine{}, s.eof
		}
		l, err := s.readLine()
		if len(l.text) > 0 {
			s.ahead = append(s.ahead, l)
		}
		if err != nil {
			s.eof = err
		}
	}
	return s.ahead[k], nil
}

// readLine reads one physical line, cut at maxLineBytes.
func (s *csvSource) readLine() (physLine, error) {
	s.read++
	l := physLine{n: s.read}
	for {
		chunk, err := s.br.ReadSlice('\n')
		if room := maxLineBytes - len(l.text); len(chunk) > room {
			l.text = append(l.text, chunk[:room]...)
			l.tooLong = true
		} else {
			l.text = append(l.text, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return l, err
	}
}

func (s *csvSource) joined(k int) []byte {
	if k == 1 {
		return s.ahead[0].text
	}
	var b []byte
	for _, l := range s.ahead[:k] {
		b = append(b, l.text...)
	}
	return b
}

// take consumes k lines as one record.
func (s *csvSource) take(k int) csvRow {
	raw := s.joined(k)
	raw = bytes.TrimSuffix(raw, []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	row := csvRow{line: s.ahead[0].n, lines: k, raw: string(raw)}
	s.consume(k)
	return row
}

func (s *csvSource) consume(k int) {
	clear(s.ahead[:k])
	s.ahead = s.ahead[k:]
}

func (s *csvSource) column(i int) string {
	if i < len(s.header) {
		return s.header[i]
	}
	return fmt.Sprintf("#%d", i+1)
}

func (s *csvSource) close() error {
	if s.f == nil {
		return nil
	}
	return s.f.Close()
}

// inputScan is what a first pass over the input learns: its row count for the progress line, the rows that
// span lines for the summary, and its size and hash, which a checkpoint must match to be resumed.
type inputScan struct {
	rows   int
	spans  []lineSpan
	size   int64
	sha256 string
}

// scanInput reads path once.
func scanInput(path string) (inputScan, error) {
	f, err := os.Open(path)
	if err != nil {
		return inputScan{}, err
	}
	defer f.Close()
	h := sha256.New()
	counted := &countingWriter{w: h}
	s, err := newCSVSource(io.TeeReader(f, counted))
	if err != nil {
		return inputScan{}, fmt.Errorf("%s: %w", path, err)
	}
	for {
		if _, err := s.next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return inputScan{}, err
		}
	}
	return inputScan{rows: s.n, spans: s.spans, size: counted.n, sha256: hex.EncodeToString(h.Sum(nil))}, nil
}

// validText replaces bytes that are not UTF-8, so that a rejected row can be written out and read again.
func validText(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.ToValidUTF8(f, "\uFFFD")
	}
	return out
}
