package cli

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// interruptedExport runs an export of 1,000 contacts with args and stops it by Ctrl-C after three searches,
// leaving its checkpoint.
func interruptedExport(t *testing.T, f *fake, args []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/search", 3, cancel)))
	require.Equal(t, exitInterrupted, res.code, res.stderr)
	require.FileExists(t, args[2]+".checkpoint")
}

// TestParallelExportRefusesADamagedCheckpoint damages an interrupted parallel export's checkpoint, or resumes
// it in the other mode: the resume is refused with the file named and --restart offered, nothing is fetched,
// cut or removed, and --restart then exports every contact once.
func TestParallelExportRefusesADamagedCheckpoint(t *testing.T) {
	tests := []struct {
		name   string
		first  []string // flags of the interrupted run
		damage func(t *testing.T, checkpoint string)
		again  []string // flags of the resume
		want   string
	}{
		{
			name:  "edited by hand, still parseable",
			first: []string{"--parallel", "4"},
			damage: func(t *testing.T, checkpoint string) {
				b, err := os.ReadFile(checkpoint)
				require.NoError(t, err)
				edited := regexp.MustCompile(`"from": ?\d+`).ReplaceAll(b, []byte(`"from": 1`))
				require.NotEqual(t, b, edited)
				writeFile(t, checkpoint, string(edited))
			},
			again: []string{"--parallel", "4"},
			want:  "checksum does not match",
		},
		{
			name:  "truncated",
			first: []string{"--parallel", "4"},
			damage: func(t *testing.T, checkpoint string) {
				b, err := os.ReadFile(checkpoint)
				require.NoError(t, err)
				writeFile(t, checkpoint, string(b[:len(b)/2]))
			},
			again: []string{"--parallel", "4"},
			want:  "is damaged",
		},
		{
			name:  "rewritten with a valid checksum, ranges that overlap",
			first: []string{"--parallel", "4"},
			damage: func(t *testing.T, checkpoint string) {
				var cp exportCheckpoint
				require.NoError(t, loadJSON(checkpoint, &cp))
				cp.Parallel = &contacts.ParallelState{Ranges: []contacts.SearchRange{{From: 0, To: 0}, {From: 5}}}
				require.NoError(t, saveJSON(checkpoint, &cp))
			},
			again: []string{"--parallel", "4"},
			want:  "does not add up",
		},
		{
			name:  "rewritten with a valid checksum, without its chains",
			first: []string{"--parallel", "4"},
			damage: func(t *testing.T, checkpoint string) {
				var cp exportCheckpoint
				require.NoError(t, loadJSON(checkpoint, &cp))
				cp.Parallel = nil
				require.NoError(t, saveJSON(checkpoint, &cp))
			},
			again: []string{"--parallel", "4"},
			want:  "does not add up",
		},
		{
			name:   "a parallel checkpoint resumed without --parallel",
			first:  []string{"--parallel", "4"},
			damage: func(*testing.T, string) {},
			want:   "was saved by an export with --parallel",
		},
		{
			name:   "a one-chain checkpoint resumed with --parallel",
			damage: func(*testing.T, string) {},
			again:  []string{"--parallel", "4"},
			want:   "was saved by an export without --parallel",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			ids := f.srv.SeedContacts(testLocation, 1000, ghltest.SeedOptions{})
			out := tempPath(t, "all.jsonl")
			checkpoint := out + ".checkpoint"
			base := []string{"export", "--out", out, "--page-size", "100"}
			interruptedExport(t, f, append(base, tt.first...))

			tt.damage(t, checkpoint)
			damaged, err := os.ReadFile(checkpoint)
			require.NoError(t, err)
			output, err := os.ReadFile(out)
			require.NoError(t, err)
			searches := len(f.srv.RequestsTo(http.MethodPost, "/contacts/search"))

			args := append(append([]string(nil), base...), tt.again...)
			res := f.run(t.Context(), args)
			assert.Equal(t, exitError, res.code, res.stdout+res.stderr)
			assert.Contains(t, res.stderr, tt.want)
			assert.Contains(t, res.stderr, checkpoint, "the error names the checkpoint")
			assert.Contains(t, res.stderr, "--restart", "the error says what to do")
			assert.Equal(t, searches, len(f.srv.RequestsTo(http.MethodPost, "/contacts/search")), "a refused checkpoint fetches nothing")
			after, err := os.ReadFile(checkpoint)
			require.NoError(t, err, "a refused checkpoint is not deleted")
			assert.Equal(t, damaged, after, "a refused checkpoint is left as it is")
			outAfter, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, output, outAfter, "the output is not cut")

			res = f.run(t.Context(), append(args, "--restart"))
			require.Equal(t, exitOK, res.code, res.stderr)
			countOnce(t, ids, readJSONL(t, out))
			assert.NoFileExists(t, checkpoint)
		})
	}
}

// TestExportCheckpointConsistency lists what no export could have saved.
func TestExportCheckpointConsistency(t *testing.T) {
	good := exportCheckpoint{Kind: exportParallelKind, Count: 10, Offset: 900, Parallel: &contacts.ParallelState{
		Ranges: []contacts.SearchRange{{From: 0, To: 100}, {From: 100, To: 200}, {From: 300}}}}
	require.Empty(t, good.inconsistency())
	tests := []struct {
		name   string
		change func(c *exportCheckpoint)
		want   string
	}{
		{"more contacts than bytes", func(c *exportCheckpoint) { c.Count = 901 }, "901 contacts in 900 bytes"},
		{"negative count", func(c *exportCheckpoint) { c.Count = -1 }, "negative"},
		{"no chains", func(c *exportCheckpoint) { c.Parallel = nil }, "without the state of its chains"},
		{"chains in a one-chain checkpoint", func(c *exportCheckpoint) { c.Kind = "export" }, "chains in a checkpoint"},
		{"a range that ends before it starts", func(c *exportCheckpoint) { c.Parallel.Ranges[1].To = 50 }, "ends before it starts"},
		{"ranges that overlap", func(c *exportCheckpoint) { c.Parallel.Ranges[1].From = 99 }, "overlap"},
		{"an open range before another", func(c *exportCheckpoint) { c.Parallel.Ranges[1].To = 0 }, "overlap"},
		{"a negative bound", func(c *exportCheckpoint) { c.Parallel.Ranges[0].From = -1 }, "negative bound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			st := contacts.ParallelState{Ranges: append([]contacts.SearchRange(nil), good.Parallel.Ranges...)}
			c.Parallel = &st
			tt.change(&c)
			assert.Contains(t, c.inconsistency(), tt.want)
		})
	}
}

// TestParallelExportRefusesWhatTheSearchRefuses: a search that SearchAllParallel refuses before sending
// anything is a usage error, and leaves no output file.
func TestParallelExportRefusesWhatTheSearchRefuses(t *testing.T) {
	f := newFake(t)
	out := tempPath(t, "sorted.jsonl")
	var stderr, stdout strings.Builder
	e := &env{getenv: f.getenv(), stdout: &stdout, stderr: &stderr, clock: f.clk}
	fl := &exportFlags{common: common{baseURL: f.srv.URL, quiet: true}, out: out, format: "jsonl", pageSize: 100, parallel: 4,
		checkpoint: out + ".checkpoint"}
	client, err := newClient(t.Context(), &fl.common, e)
	require.NoError(t, err)
	x := &exporter{flags: fl, env: e, job: "sorted", parallel: client.Contacts.SearchAllParallel,
		params: contacts.SearchParams{PageLimit: 100, Sort: []contacts.Sort{{Field: "email", Direction: contacts.Asc}}}}
	code := x.run(t.Context())
	assert.Equal(t, exitUsage, code, stderr.String())
	assert.Contains(t, stderr.String(), "--parallel cannot run this search")
	assert.Contains(t, stderr.String(), "sort")
	assert.Contains(t, stderr.String(), "ghl export --help")
	assert.Empty(t, f.srv.Requests())
	assert.NoFileExists(t, out)
	assert.NoFileExists(t, out+".checkpoint")
}

// TestParallelExportStopsOnAnErrorAndResumes: when HighLevel refuses a chain's search, the contacts the other
// chains had delivered are kept and checkpointed, and the same command finishes the export with each contact once.
func TestParallelExportStopsOnAnErrorAndResumes(t *testing.T) {
	f := newFake(t)
	ids := f.srv.SeedContacts(testLocation, 1000, ghltest.SeedOptions{})
	out := tempPath(t, "x.jsonl")
	args := []string{"export", "--out", out, "--page-size", "100", "--parallel", "4"}
	refuse := &afterAnswers{base: http.DefaultTransport, path: "/contacts/search", n: 4, do: func() {
		f.srv.InjectFault(http.MethodPost, "/contacts/search", ghltest.Fault{Status: http.StatusForbidden})
	}}
	res := f.run(t.Context(), args, withHTTP(refuse))
	require.Equal(t, exitError, res.code, res.stderr)
	assert.Contains(t, res.stderr, "403")
	assert.Contains(t, res.stderr, "run the same command again to resume")
	var cp exportCheckpoint
	require.NoError(t, loadJSON(out+".checkpoint", &cp))
	assert.Positive(t, cp.Count)
	assert.Len(t, readJSONL(t, out), cp.Count, "what was written is what the checkpoint counts")

	res = f.run(t.Context(), args)
	require.Equal(t, exitOK, res.code, res.stderr)
	countOnce(t, ids, readJSONL(t, out))
}
