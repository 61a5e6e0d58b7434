package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// csvSource reads an import file one record at a time, numbering records and lines. A record that cannot be
// read (the wrong number of fields, a stray quote, text that is not UTF-8) is returned with its problem rather
// than as an error, so that one bad line is rejected instead of stopping the import.
type csvSource struct {
	f      *os.File
	r      *csv.Reader
	header []string
	n      int
}

// csvRow is one record after the header.
type csvRow struct {
	n       int // record number, from 1
	line    int // line the record starts on, from 1 (the header is line 1, or more if it spans lines)
	fields  []string
	problem string // why the record cannot be used; "" when it can
}

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
	cr := csv.NewReader(br)
	// FieldsPerRecord 0: the header sets the count, and every record with another count is reported.
	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, errNoInput
	case err != nil:
		return nil, fmt.Errorf("the header cannot be read: %w", err)
	}
	for i, h := range header {
		switch {
		case strings.ContainsRune(h, 0):
			return nil, errors.New("the header holds NUL bytes: the file is probably UTF-16; save it as CSV UTF-8 and try again")
		case !utf8.ValidString(h):
			return nil, fmt.Errorf("column %d of the header is not UTF-8 text; save the file as CSV UTF-8 and try again", i+1)
		}
	}
	return &csvSource{r: cr, header: header}, nil
}

// next returns the next record, io.EOF after the last, or an error reading the file.
func (s *csvSource) next() (csvRow, error) {
	fields, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return csvRow{}, io.EOF
	}
	s.n++
	row := csvRow{n: s.n, fields: fields}
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		row.line = pe.StartLine
		row.problem = s.describeParseError(pe, len(fields))
		return row, nil
	case err != nil:
		return csvRow{}, err
	}
	row.line, _ = s.r.FieldPos(0)
	for i, v := range fields {
		if !utf8.ValidString(v) {
			row.problem = fmt.Sprintf("column %q is not UTF-8 text; save the file as CSV UTF-8", s.column(i))
			break
		}
	}
	return row, nil
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

// describeParseError says what is wrong with a record in words a spreadsheet user can act on.
// got is how many fields were read; a record that cannot be parsed holds those before the bad one.
func (s *csvSource) describeParseError(pe *csv.ParseError, got int) string {
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Sprintf("%d columns where the header has %d", got, len(s.header))
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("a quote inside unquoted column %q (quote the whole field and double the quote: \"say \"\"hi\"\"\")", s.column(got))
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.Line > pe.StartLine {
			return fmt.Sprintf("a quoted field opened here is not closed properly (the record runs to line %d)", pe.Line)
		}
		return "a quoted field is not closed properly"
	}
	return pe.Err.Error()
}

// countRows counts the records of path after the header, for the progress line's total and time left.
func countRows(path string) (int, error) {
	s, err := openCSV(path)
	if err != nil {
		return 0, err
	}
	defer s.close()
	for {
		if _, err := s.next(); errors.Is(err, io.EOF) {
			return s.n, nil
		} else if err != nil {
			return 0, err
		}
	}
}

// validText replaces bytes that are not UTF-8, so that a rejected row can be written out and read again.
func validText(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.ToValidUTF8(f, "\uFFFD")
	}
	return out
}
