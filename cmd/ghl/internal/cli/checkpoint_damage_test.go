package cli

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportRefusesADamagedCheckpoint damages an interrupted import's checkpoint, or its input, in the ways a
// hand, a full disk or a copy would: the resume is refused, with the file named and --restart offered, and
// nothing is sent, deleted or cut.
func TestImportRefusesADamagedCheckpoint(t *testing.T) {
	const rows = 100
	tests := []struct {
		name   string
		damage func(t *testing.T, in, checkpoint string)
		want   string
	}{
		{
			name: "edited by hand, still parseable",
			damage: func(t *testing.T, _, checkpoint string) {
				b, err := os.ReadFile(checkpoint)
				require.NoError(t, err)
				edited := regexp.MustCompile(`"through": ?\d+`).ReplaceAll(b, []byte(`"through": 100`))
				require.NotEqual(t, b, edited)
				writeFile(t, checkpoint, string(edited))
			},
			want: "checksum does not match",
		},
		{
			name: "rewritten with a valid checksum, counts that do not add up",
			damage: func(t *testing.T, _, checkpoint string) {
				var cp importCheckpoint
				require.NoError(t, loadJSON(checkpoint, &cp))
				cp.Done = doneSet{Through: rows}
				require.NoError(t, saveJSON(checkpoint, &cp))
			},
			want: "does not add up",
		},
		{
			name: "truncated",
			damage: func(t *testing.T, _, checkpoint string) {
				b, err := os.ReadFile(checkpoint)
				require.NoError(t, err)
				writeFile(t, checkpoint, string(b[:len(b)/2]))
			},
			want: "is damaged",
		},
		{
			name: "for another input of the same name, size and time",
			damage: func(t *testing.T, in, _ string) {
				info, err := os.Stat(in)
				require.NoError(t, err)
				b, err := os.ReadFile(in)
				require.NoError(t, err)
				other := strings.NewReplacer("Lead", "Dael", "lead", "dael").Replace(string(b)) // same size and rows, other people
				require.Len(t, other, len(b))
				writeFile(t, in, other)
				require.NoError(t, os.Chtimes(in, info.ModTime(), info.ModTime()))
			},
			want: "changed since the checkpoint",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			in, _ := leads(t, rows)
			checkpoint := in + ".checkpoint"
			rejects := tempDirOf(in) + "/leads.rejects.csv"
			args := []string{"import", "--in", in, "--concurrency", "2"}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/upsert", 10, cancel)))
			require.Equal(t, exitInterrupted, res.code, res.stderr)

			tt.damage(t, in, checkpoint)
			damaged, err := os.ReadFile(checkpoint)
			require.NoError(t, err)
			rejectsBefore, err := os.ReadFile(rejects)
			require.NoError(t, err)
			sent := upserts(f)

			res = f.run(t.Context(), args)
			assert.Equal(t, exitError, res.code, res.stdout+res.stderr)
			assert.Contains(t, res.stderr, tt.want)
			assert.Contains(t, res.stderr, checkpoint, "the error names the checkpoint")
			assert.Contains(t, res.stderr, "--restart", "the error says what to do")
			assert.Equal(t, sent, upserts(f), "a refused checkpoint sends nothing")
			after, err := os.ReadFile(checkpoint)
			require.NoError(t, err, "a refused checkpoint is not deleted")
			assert.Equal(t, damaged, after, "a refused checkpoint is left as it is")
			rejectsAfter, err := os.ReadFile(rejects)
			require.NoError(t, err)
			assert.Equal(t, rejectsBefore, rejectsAfter, "the rejects file is not cut")

			res = f.run(t.Context(), append(args, "--restart"))
			assert.Equal(t, exitRejects, res.code, res.stderr)
			assert.Contains(t, res.stdout, "100 of 100 rows done")
			assert.NoFileExists(t, checkpoint)
		})
	}
}

// TestCheckpointConsistency lists what no import could have saved.
func TestCheckpointConsistency(t *testing.T) {
	good := importCheckpoint{Rows: 10, Done: doneSet{Through: 4, Above: []int{6, 9}}, Created: 3, Updated: 2, Rejected: 1,
		RejectsOffset: 40}
	require.Empty(t, good.inconsistency())
	tests := []struct {
		name   string
		change func(c *importCheckpoint)
		want   string
	}{
		{"counts short of the rows done", func(c *importCheckpoint) { c.Created = 1 }, "make 4, but 6 rows"},
		{"watermark past the end", func(c *importCheckpoint) { c.Done.Through = 11 }, "through 11 of 10"},
		{"row past the end", func(c *importCheckpoint) { c.Done.Above = []int{6, 11} }, "row 11"},
		{"rows out of order", func(c *importCheckpoint) { c.Done.Above = []int{9, 6} }, "out of order"},
		{"row next to the watermark", func(c *importCheckpoint) { c.Done.Above = []int{5, 9} }, "out of order"},
		{"negative count", func(c *importCheckpoint) { c.Updated, c.Created = -1, 6 }, "negative"},
		{"rejects without a rejects file", func(c *importCheckpoint) { c.RejectsOffset = 0 }, "empty rejects file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			c.Done = good.Done.clone()
			tt.change(&c)
			assert.Contains(t, c.inconsistency(), tt.want)
		})
	}
}
