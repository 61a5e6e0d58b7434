package cli

import (
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportWritesEveryContactOnce(t *testing.T) {
	f := newFake(t)
	ids := f.srv.SeedContacts(testLocation, 1234, ghltest.SeedOptions{})
	tests := []struct {
		name string
		args []string
		read func(t *testing.T, path string) []string
	}{
		{"jsonl", []string{"--page-size", "100"}, readJSONL},
		{"csv by extension", []string{"--page-size", "500"}, readCSVIDs},
		{"csv by flag", []string{"--format", "csv", "--page-size", "77"}, readCSVIDs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "out.jsonl"
			if strings.HasPrefix(tt.name, "csv") {
				name = "out.csv"
			}
			out := tempPath(t, name)
			res := f.run(t.Context(), append([]string{"export", "--out", out}, tt.args...))
			require.Equal(t, exitOK, res.code, res.stderr)
			countOnce(t, ids, tt.read(t, out))
			assert.Contains(t, res.stderr, "exported 1,234 contacts")
			assert.NoFileExists(t, out+".checkpoint", "a finished export leaves no checkpoint")
		})
	}
}

func readCSVIDs(t *testing.T, path string) []string {
	t.Helper()
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	recs, err := csv.NewReader(file).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	require.Equal(t, exportColumns, recs[0])
	ids := make([]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		ids = append(ids, r[0])
	}
	return ids
}

func TestExportCSVColumns(t *testing.T) {
	f := newFake(t)
	c := f.srv.AddContact(ghltest.Contact{
		LocationID: testLocation, FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		Phone: "+15550100", Tags: []string{"vip", "math"}, Country: "GB",
		CustomFields: []ghltest.CustomField{{ID: "cf1", Value: "42"}},
	})
	out := tempPath(t, "one.csv")
	res := f.run(t.Context(), []string{"export", "--out", out})
	require.Equal(t, exitOK, res.code, res.stderr)
	file, err := os.Open(out)
	require.NoError(t, err)
	defer file.Close()
	recs, err := csv.NewReader(file).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 2)
	row := map[string]string{}
	for i, col := range recs[0] {
		row[col] = recs[1][i]
	}
	assert.Equal(t, c.ID, row["id"])
	assert.Equal(t, "Ada", row["firstName"])
	assert.Equal(t, "ada@example.com", row["email"])
	assert.Equal(t, "+15550100", row["phone"])
	assert.Equal(t, "vip,math", row["tags"])
	assert.Equal(t, "GB", row["country"])
	assert.Equal(t, "false", row["dnd"])
	assert.JSONEq(t, `[{"id":"cf1","value":"42"}]`, row["customFields"])
	assert.NotEmpty(t, row["dateAdded"])
}

func TestExportFilters(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(testLocation, 300, ghltest.SeedOptions{Tags: []string{"vip", "lead", "customer"}})
	var vips []string
	for _, c := range f.srv.Contacts(testLocation) {
		for _, tag := range c.Tags {
			if tag == "vip" {
				vips = append(vips, c.ID)
			}
		}
	}
	require.NotEmpty(t, vips)
	out := tempPath(t, "vip.jsonl")
	res := f.run(t.Context(), []string{"export", "--out", out, "--filter", "tags=vip", "--page-size", "50"})
	require.Equal(t, exitOK, res.code, res.stderr)
	countOnce(t, vips, readJSONL(t, out))

	body := f.srv.RequestsTo(http.MethodPost, "/contacts/search")[0].Body
	assert.Contains(t, string(body), `"field":"tags"`)
	assert.Contains(t, string(body), `"operator":"eq"`)
}

// TestExportResumesAfterCtrlC interrupts an export after its third page, leaves a half-written line behind
// as a crash would, and resumes: every contact is in the file exactly once, and pages already written are not
// fetched again.
func TestExportResumesAfterCtrlC(t *testing.T) {
	for _, format := range []string{"jsonl", "csv"} {
		t.Run(format, func(t *testing.T) {
			f := newFake(t)
			ids := f.srv.SeedContacts(testLocation, 1000, ghltest.SeedOptions{})
			out := tempPath(t, "all."+format)
			args := []string{"export", "--out", out, "--page-size", "100"}

			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			stopper := cancelAfter("/contacts/search", 3, cancel)
			res := f.run(ctx, args, withHTTP(stopper))
			require.Equal(t, exitInterrupted, res.code, res.stderr)
			assert.Contains(t, res.stderr, "run the same command again to resume")
			require.FileExists(t, out+".checkpoint")
			var cp exportCheckpoint
			require.NoError(t, loadJSON(out+".checkpoint", &cp))
			require.Positive(t, cp.Count)
			require.Less(t, cp.Count, 1000)

			// A crash after the checkpoint leaves part of a page past its offset.
			file, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
			require.NoError(t, err)
			_, err = file.WriteString(`{"id":"half-writ`)
			require.NoError(t, err)
			require.NoError(t, file.Close())

			searches := len(f.srv.RequestsTo(http.MethodPost, "/contacts/search"))
			res = f.run(t.Context(), args)
			require.Equal(t, exitOK, res.code, res.stderr)
			if format == "csv" {
				countOnce(t, ids, readCSVIDs(t, out))
			} else {
				countOnce(t, ids, readJSONL(t, out))
			}
			resumedSearches := len(f.srv.RequestsTo(http.MethodPost, "/contacts/search")) - searches
			assert.Equal(t, (1000-cp.Count)/100+1, resumedSearches, "only the pages not saved are fetched again")
			assert.NoFileExists(t, out+".checkpoint")
		})
	}
}

func TestExportRefusesAnotherJobsCheckpoint(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(testLocation, 300, ghltest.SeedOptions{})
	out := tempPath(t, "x.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stopper := cancelAfter("/contacts/search", 2, cancel)
	res := f.run(ctx, []string{"export", "--out", out, "--page-size", "100"}, withHTTP(stopper))
	require.Equal(t, exitInterrupted, res.code, res.stderr)
	require.FileExists(t, out+".checkpoint")

	res = f.run(t.Context(), []string{"export", "--out", out, "--filter", "tags=vip"})
	assert.Equal(t, exitError, res.code)
	assert.Contains(t, res.stderr, "--restart")

	res = f.run(t.Context(), []string{"export", "--out", out, "--filter", "tags=vip", "--restart"})
	assert.Equal(t, exitOK, res.code, res.stderr)
}

func TestExportRefusesAnOutputShorterThanItsCheckpoint(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(testLocation, 300, ghltest.SeedOptions{})
	out := tempPath(t, "x.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stopper := cancelAfter("/contacts/search", 2, cancel)
	res := f.run(ctx, []string{"export", "--out", out, "--page-size", "100"}, withHTTP(stopper))
	require.Equal(t, exitInterrupted, res.code, res.stderr)
	require.NoError(t, os.Truncate(out, 10))

	res = f.run(t.Context(), []string{"export", "--out", out, "--page-size", "100"})
	assert.Equal(t, exitError, res.code)
	assert.Contains(t, res.stderr, "cut short")
}

func TestExportStopsOnAnErrorAndResumes(t *testing.T) {
	f := newFake(t)
	ids := f.srv.SeedContacts(testLocation, 500, ghltest.SeedOptions{})
	out := tempPath(t, "x.jsonl")
	args := []string{"export", "--out", out, "--page-size", "100"}
	// Two pages go through, then HighLevel refuses the third request.
	refuse := &afterAnswers{base: http.DefaultTransport, path: "/contacts/search", n: 2, do: func() {
		f.srv.InjectFault(http.MethodPost, "/contacts/search", ghltest.Fault{Status: http.StatusForbidden})
	}}
	res := f.run(t.Context(), args, withHTTP(refuse))
	require.Equal(t, exitError, res.code, res.stderr)
	assert.Contains(t, res.stderr, "403")
	assert.Contains(t, res.stderr, "run the same command again to resume")

	res = f.run(t.Context(), args)
	require.Equal(t, exitOK, res.code, res.stderr)
	countOnce(t, ids, readJSONL(t, out))
}

func TestExportToStdout(t *testing.T) {
	f := newFake(t)
	ids := f.srv.SeedContacts(testLocation, 120, ghltest.SeedOptions{})
	res := f.run(t.Context(), []string{"export", "--out", "-", "--page-size", "50"})
	require.Equal(t, exitOK, res.code, res.stderr)
	path := tempPath(t, "stdout.jsonl")
	writeFile(t, path, res.stdout)
	countOnce(t, ids, readJSONL(t, path))
}

func TestExportUsageErrors(t *testing.T) {
	f := newFake(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no out", []string{"export"}, "--out is required"},
		{"bad format", []string{"export", "--out", "x", "--format", "xml"}, "jsonl or csv"},
		{"bad filter", []string{"export", "--out", "x", "--filter", "vip"}, "FIELD=VALUE"},
		{"page too big", []string{"export", "--out", "x", "--page-size", "501"}, "between 1 and 500"},
		{"long query", []string{"export", "--out", "x", "--query", strings.Repeat("q", 76)}, "at most 75"},
		{"unknown flag", []string{"export", "--out", "x", "--nope"}, "flag provided but not defined"},
		{"stray argument", []string{"export", "--out", "x", "extra"}, `unexpected argument "extra"`},
		{"checkpoint with stdout", []string{"export", "--out", "-", "--checkpoint", "c"}, "cannot be resumed"},
		{"no chains", []string{"export", "--out", "x", "--parallel", "0"}, "--parallel must be between 1 and 32, not 0"},
		{"too many chains", []string{"export", "--out", "x", "--parallel", "33"}, "--parallel must be between 1 and 32, not 33"},
		{"chains not a number", []string{"export", "--out", "x", "--parallel", "eight"}, `invalid value "eight" for flag -parallel`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(t.Context(), tt.args)
			assert.Equal(t, exitUsage, res.code)
			assert.Contains(t, res.stderr, tt.want)
			assert.Contains(t, res.stderr, "ghl export --help")
		})
	}
	assert.Empty(t, f.srv.Requests(), "no request for a command line that makes no sense")
}

// A search HighLevel refuses as invalid (422) is refused again on every run: the export says it is not
// resumable, points to a checkpoint only when one exists, and leaves no output file that holds nothing.
func TestExportSaysWhatCanBeResumed(t *testing.T) {
	tests := []struct {
		name           string
		status         int
		afterPages     int64 // pages that go through before the fault
		wantHint       string
		wantResumable  bool
		wantOutput     bool
		wantCheckpoint bool
	}{
		{"422 on the first page", http.StatusUnprocessableEntity, 0, "not resumable", false, false, false},
		{"422 after two pages", http.StatusUnprocessableEntity, 2, "not resumable", false, true, true},
		{"403 on the first page", http.StatusForbidden, 0, "run the same command again to start over", false, false, false},
		{"403 after two pages", http.StatusForbidden, 2, "run the same command again to resume", true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.srv.SeedContacts(testLocation, 500, ghltest.SeedOptions{})
			out := tempPath(t, "x.csv")
			fault := ghltest.Fault{Status: tt.status, Times: 10}
			var opts []func(*env)
			if tt.afterPages == 0 {
				f.srv.InjectFault(http.MethodPost, "/contacts/search", fault)
			} else {
				opts = append(opts, withHTTP(&afterAnswers{base: http.DefaultTransport, path: "/contacts/search", n: tt.afterPages,
					do: func() { f.srv.InjectFault(http.MethodPost, "/contacts/search", fault) }}))
			}
			res := f.run(t.Context(), []string{"export", "--out", out, "--page-size", "100"}, opts...)
			require.Equal(t, exitError, res.code, res.stderr)
			assert.Contains(t, res.stderr, strconv.Itoa(tt.status))
			assert.Contains(t, res.stderr, tt.wantHint)
			if !tt.wantResumable {
				assert.NotContains(t, res.stderr, "to resume")
			}
			if tt.wantOutput {
				ids := readCSVIDs(t, out)
				assert.Len(t, ids, int(tt.afterPages)*100, "the pages written before the fault stay")
			} else {
				assert.NoFileExists(t, out, "no output file that holds nothing")
				assert.Contains(t, res.stderr, "nothing was saved and "+out+" was removed")
			}
			if tt.wantCheckpoint {
				require.FileExists(t, out+".checkpoint")
				assert.Contains(t, res.stderr, out+".checkpoint")
			} else {
				assert.NoFileExists(t, out+".checkpoint")
				assert.NotContains(t, res.stderr, "checkpoint", "no pointer to a checkpoint that does not exist")
			}
		})
	}
}
