package cli

import (
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rejectRow is one line of a rejects file.
type rejectRow struct{ reason, raw string }

// readRejectRows returns the rejects file's rows as line → reason and raw text.
func readRejectRows(t *testing.T, path string) map[string]rejectRow {
	t.Helper()
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	require.Equal(t, []string{"line", "reason", "raw"}, recs[0][:3])
	out := map[string]rejectRow{}
	for _, rec := range recs[1:] {
		require.GreaterOrEqual(t, len(rec), 3)
		_, dup := out[rec[0]]
		require.False(t, dup, "line %s rejected twice", rec[0])
		out[rec[0]] = rejectRow{reason: rec[1], raw: rec[2]}
	}
	return out
}

func TestSpansNote(t *testing.T) {
	assert.Empty(t, spansNote(nil))
	var spans []lineSpan
	for i := range 7 {
		spans = append(spans, lineSpan{first: 10 * (i + 1), last: 10*(i+1) + i + 1})
	}
	assert.Equal(t, "; 2 rows span several lines: lines 10-11 (2 lines), lines 20-22 (3 lines)", spansNote(spans[:2]))
	assert.Equal(t, "; 7 rows span several lines: lines 10-11 (2 lines), lines 20-22 (3 lines), lines 30-33 (4 lines), "+
		"lines 40-44 (5 lines), lines 50-55 (6 lines) and 2 more", spansNote(spans))
}

// TestImportAccountsForEveryLineAroundAStrayQuote: a quote opened by mistake costs the line it is on, never
// the lines after it, and a record that spans lines is imported only when it is well-formed, and said so.
func TestImportAccountsForEveryLineAroundAStrayQuote(t *testing.T) {
	const header = "firstName,lastName,email\n"
	stray := `Ada,"Love,ada@example.com` // the quote opens a field that runs into the next lines
	tests := []struct {
		name     string
		lines    []string
		code     int
		summary  string
		rejected map[string]string // line → part of the reason; the raw text is the input line
		created  []string          // emails
	}{
		{
			name:     "unclosed to the end of the file",
			lines:    []string{stray, "Bob,Smith,bob@example.com", "Cy,Jones,cy@example.com"},
			code:     exitRejects,
			summary:  "3 of 3 rows done: 2 created, 0 updated, 1 rejected",
			rejected: map[string]string{"2": "never closed"},
			created:  []string{"bob@example.com", "cy@example.com"},
		},
		{
			name:     "closed later, then text after the quote",
			lines:    []string{stray, "Bob,Smith,bob@example.com", `Cy,Jones"x,cy@example.com`, "Dee,Doe,dee@example.com"},
			code:     exitRejects,
			summary:  "4 of 4 rows done: 2 created, 0 updated, 2 rejected",
			rejected: map[string]string{"2": "lines 2-4", "4": "a quote inside unquoted column"},
			created:  []string{"bob@example.com", "dee@example.com"},
		},
		{
			name:     "closed later, with a column too many",
			lines:    []string{stray, "Bob,Smith,bob@example.com", `Cy,Jones",cy@example.com,extra`},
			code:     exitRejects,
			summary:  "3 of 3 rows done: 1 created, 0 updated, 2 rejected",
			rejected: map[string]string{"2": "4 columns where the header has 3", "4": "a quote inside unquoted column"},
			created:  []string{"bob@example.com"},
		},
		{
			name:    "closed later, well-formed: one row of three lines, named in the summary",
			lines:   []string{stray, "Bob,Smith,bob@example.com", `Cy,Jones",cy@example.com`, "Dee,Doe,dee@example.com"},
			code:    exitOK,
			summary: "2 of 2 rows done: 2 created, 0 updated, 0 rejected; 1 row spans several lines: lines 2-4 (3 lines)",
			created: []string{"cy@example.com", "dee@example.com"},
		},
		{
			name:     "a stray quote on every other line",
			lines:    []string{stray, "Bob,Smith,bob@example.com", `Cy,"Jones,cy@example.com`, "Dee,Doe,dee@example.com"},
			code:     exitRejects,
			summary:  "4 of 4 rows done: 2 created, 0 updated, 2 rejected",
			rejected: map[string]string{"2": "lines 2-4", "4": "never closed"},
			created:  []string{"bob@example.com", "dee@example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			in := tempPath(t, "q.csv")
			writeFile(t, in, header+strings.Join(tt.lines, "\n")+"\n")
			res := f.run(t.Context(), []string{"import", "--in", in, "--concurrency", "2"})
			require.Equal(t, tt.code, res.code, res.stdout+res.stderr)
			assert.Contains(t, res.stdout, tt.summary)

			var emails []string
			for _, c := range f.srv.Contacts(testLocation) {
				emails = append(emails, c.Email)
			}
			slices.Sort(emails)
			assert.Equal(t, tt.created, emails)

			rejectsPath := tempDirOf(in) + "/q.rejects.csv"
			if len(tt.rejected) == 0 {
				assert.NoFileExists(t, rejectsPath)
				return
			}
			rejects := readRejectRows(t, rejectsPath)
			require.Len(t, rejects, len(tt.rejected), "%v", rejects)
			for line, reason := range tt.rejected {
				got, ok := rejects[line]
				require.True(t, ok, "line %s is not in the rejects file: %v", line, rejects)
				assert.Contains(t, got.reason, reason, "line %s", line)
				n := 0
				for i, l := range strings.Split(header+strings.Join(tt.lines, "\n"), "\n") {
					if line == strconv.Itoa(i+1) {
						assert.Equal(t, l, got.raw, "line %s's raw text", line)
						n++
					}
				}
				assert.Equal(t, 1, n)
			}
		})
	}
}
