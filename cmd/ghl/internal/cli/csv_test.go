package cli

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCSVSourceNumbersRowsAndLines(t *testing.T) {
	type want struct {
		n, line int
		fields  []string
		problem string
	}
	tests := []struct {
		name   string
		input  string
		header []string
		rows   []want
	}{
		{"plain", "a,b\n1,2\n3,4\n", []string{"a", "b"}, []want{
			{1, 2, []string{"1", "2"}, ""}, {2, 3, []string{"3", "4"}, ""},
		}},
		{"byte order mark and CRLF", "\xEF\xBB\xBFa,b\r\n1,2\r\n", []string{"a", "b"}, []want{
			{1, 2, []string{"1", "2"}, ""},
		}},
		{"quoted newline moves the next line", "a,b\n\"x\ny\",2\n3,4\n", []string{"a", "b"}, []want{
			{1, 2, []string{"x\ny", "2"}, ""}, {2, 4, []string{"3", "4"}, ""},
		}},
		{"blank lines are not rows", "a,b\n\n1,2\n\n", []string{"a", "b"}, []want{
			{1, 3, []string{"1", "2"}, ""},
		}},
		{"too few and too many fields", "a,b\n1\n1,2,3\n", []string{"a", "b"}, []want{
			{1, 2, []string{"1"}, "1 columns where the header has 2"},
			{2, 3, []string{"1", "2", "3"}, "3 columns where the header has 2"},
		}},
		{"bare quote, then reading goes on", "a,b\n1,x\"y\n3,4\n", []string{"a", "b"}, []want{
			{1, 2, nil, `a quote inside unquoted column "b"`}, {2, 3, []string{"3", "4"}, ""},
		}},
		{"not UTF-8", "a,b\n1,caf\xe9\n", []string{"a", "b"}, []want{
			{1, 2, []string{"1", "caf\xe9"}, `column "b" is not UTF-8 text`},
		}},
		{"unclosed quote costs only its line", "a,b\n1,\"open\n2,3\n", []string{"a", "b"}, []want{
			{1, 2, nil, "never closed"}, {2, 3, []string{"2", "3"}, ""},
		}},
		{"quote closed lines later, not well-formed", "a,b\n1,\"open\n2,3\n4,x\"y\n", []string{"a", "b"}, []want{
			{1, 2, nil, "lines 2-4 are not one well-formed row"}, {2, 3, []string{"2", "3"}, ""},
			{3, 4, nil, "a quote inside unquoted column"},
		}},
		{"escaped quotes and a quoted comma on one line", "a,b\n\"say \"\"hi\"\"\",\"x,y\"\n", []string{"a", "b"}, []want{
			{1, 2, []string{`say "hi"`, "x,y"}, ""},
		}},
		{"no line break at the end", "a,b\n1,2", []string{"a", "b"}, []want{{1, 2, []string{"1", "2"}, ""}}},
		{"a line over the cap", "a,b\n" + strings.Repeat("x", maxLineBytes+10) + "\n1,2\n", []string{"a", "b"}, []want{
			{1, 2, nil, "longer than 1 MiB"}, {2, 3, []string{"1", "2"}, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newCSVSource(strings.NewReader(tt.input))
			require.NoError(t, err)
			assert.Equal(t, tt.header, s.header)
			var got []want
			for {
				row, err := s.next()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err)
				w := want{n: row.n, line: row.line, fields: row.fields, problem: row.problem}
				if row.problem != "" && len(tt.rows) > len(got) && tt.rows[len(got)].fields == nil {
					w.fields = nil // partial fields of an unparsable record are not checked
				}
				got = append(got, w)
			}
			require.Len(t, got, len(tt.rows))
			for i := range got {
				assert.Equal(t, tt.rows[i].n, got[i].n)
				assert.Equal(t, tt.rows[i].line, got[i].line, "row %d", i+1)
				if tt.rows[i].fields != nil {
					assert.Equal(t, tt.rows[i].fields, got[i].fields)
				}
				if tt.rows[i].problem == "" {
					assert.Empty(t, got[i].problem)
				} else {
					assert.Contains(t, got[i].problem, tt.rows[i].problem)
				}
			}
		})
	}
}

func TestCSVSourceRefusesWhatIsNotUTF8CSV(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "empty"},
		{"UTF-16 LE", "\xFF\xFEa\x00", "UTF-16"},
		{"UTF-16 BE", "\xFE\xFF\x00a", "UTF-16"},
		{"UTF-16 without a mark", "a\x00,\x00b\x00\n", "UTF-16"},
		{"Latin-1 header", "caf\xe9,b\n", "not UTF-8"},
		{"broken header", "a,\"b\n", "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newCSVSource(strings.NewReader(tt.input))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestCSVSourceCapsAQuotedField: a quote that runs on past maxRecordLines costs its line; each line after it
// is read on its own.
func TestCSVSourceCapsAQuotedField(t *testing.T) {
	s, err := newCSVSource(strings.NewReader("a,b\n1,\"x" + strings.Repeat("\ny", maxRecordLines) + "\",2\n3,4\n"))
	require.NoError(t, err)
	var rows []csvRow
	for {
		row, err := s.next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		rows = append(rows, row)
	}
	// Line 2 opens the quote; 999 lines of "y" follow, then `y",2` closes it: 1001 lines, one too many.
	require.Len(t, rows, maxRecordLines+2)
	assert.Contains(t, rows[0].problem, "does not close within 1000 lines")
	assert.Equal(t, `1,"x`, rows[0].raw)
	for _, r := range rows[1:maxRecordLines] {
		assert.Equal(t, "y", r.raw)
		assert.Contains(t, r.problem, "1 columns where the header has 2")
	}
	assert.Equal(t, `y",2`, rows[maxRecordLines].raw)
	assert.Contains(t, rows[maxRecordLines].problem, "a quote inside unquoted column")
	assert.Equal(t, []string{"3", "4"}, rows[maxRecordLines+1].fields)
	assert.Empty(t, rows[maxRecordLines+1].problem)
}
