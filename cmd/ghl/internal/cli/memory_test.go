package cli

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportHeapStaysFlat exports 30,000 contacts (about 50 MB of decoded records) and checks that the live
// heap never grows by more than 20 MB: the export holds a page at a time, not the records it has written.
// BenchmarkExport100k measures the same at 100,000 contacts.
func TestExportHeapStaysFlat(t *testing.T) {
	const n = 30_000
	f := newFake(t)
	ids := f.srv.SeedContacts(testLocation, n, ghltest.SeedOptions{CustomFieldID: "score"})
	out := tempPath(t, "all.jsonl")
	watch := &heapWatch{base: http.DefaultTransport, every: 6}
	before := liveHeap()
	res := f.run(t.Context(), []string{"export", "--out", out}, withHTTP(watch))
	require.Equal(t, exitOK, res.code, res.stderr)
	peak := max(watch.peak, liveHeap())
	require.NotZero(t, watch.peak, "the heap was sampled during the export")
	growth := float64(0)
	if peak > before {
		growth = float64(peak-before) / 1e6
	}
	assert.Less(t, growth, 20.0, "live heap growth in MB")
	t.Logf("exported %d contacts; the live heap grew by %.1f MB at most", n, growth)
	countOnce(t, ids, readJSONL(t, out))
}
