package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzCSVSource feeds bytes through the reader of 'ghl import'. Whatever they are, it never panics, and every
// line after the header but blank ones belongs to exactly one row, which keeps that line's text as its raw
// text; a row without a problem has the header's width.
func FuzzCSVSource(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n",
		"\xEF\xBB\xBFa,b\r\n1,2\r\n",
		"a,b\n\"x\ny\",2\n3,4\n",
		"a,b\n\n1,2\n\n",
		"a,b\n1\n1,2,3\n",
		"a,b\n1,x\"y\n3,4\n",
		"a,b\n1,caf\xe9\n",
		"a,b\n1,\"open\n2,3\n",
		"a,b,c\nAda,\"Love,ada@example.com\nBob,Smith,bob@example.com\nCy,Jones\",cy@example.com\n",
		"a,b\n\"say \"\"hi\"\"\",\"x,y\"\n",
		"a,b\n1,2",
		"\"a\nb\",c\n1,2\n",
		"a,b\n\"\"\"\n,\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		s, err := newCSVSource(bytes.NewReader(input))
		if err != nil {
			return
		}
		text := string(bytes.TrimPrefix(input, utf8BOM))
		lines := strings.Split(text, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1] // the last line break ends a line, it does not start one
		}
		owner := make([]int, len(lines)+1) // line number → row number
		for want := 1; ; want++ {
			row, err := s.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("reading from memory: %v", err)
			}
			if row.n != want {
				t.Fatalf("row %d numbered %d", want, row.n)
			}
			if row.line < s.body || row.lines < 1 || row.line+row.lines-1 > len(lines) {
				t.Fatalf("row %d covers lines %d+%d of %d (body from %d)", row.n, row.line, row.lines, len(lines), s.body)
			}
			for l := row.line; l < row.line+row.lines; l++ {
				if owner[l] != 0 {
					t.Fatalf("line %d is in rows %d and %d", l, owner[l], row.n)
				}
				owner[l] = row.n
			}
			raw := strings.TrimSuffix(strings.Join(lines[row.line-1:row.line-1+row.lines], "\n"), "\r")
			if row.raw != raw {
				t.Fatalf("row %d's raw text %q, want %q", row.n, row.raw, raw)
			}
			if row.problem == "" && len(row.fields) != len(s.header) {
				t.Fatalf("row %d has %d fields, the header %d, and no problem", row.n, len(row.fields), len(s.header))
			}
			if row.problem == "" {
				orig := strings.Join(lines[row.line-1:row.line-1+row.lines], "\n") // as in the file
				if row.line+row.lines-1 < len(lines) || strings.HasSuffix(text, "\n") {
					orig += "\n"
				}
				r := csv.NewReader(strings.NewReader(orig))
				r.FieldsPerRecord = -1
				want, err := r.Read()
				if err != nil || !slices.Equal(want, row.fields) {
					t.Fatalf("row %d reads as %q, encoding/csv reads %q (%v)", row.n, row.fields, want, err)
				}
			}
			if row.problem == "" && row.lines > 1 && !strings.Contains(raw, `"`) {
				t.Fatalf("row %d spans %d lines without a quote", row.n, row.lines)
			}
		}
		for l := s.body; l <= len(lines); l++ {
			if owner[l] == 0 && strings.TrimSuffix(lines[l-1], "\r") != "" {
				t.Fatalf("line %d (%q) is in no row", l, lines[l-1])
			}
		}
	})
}
