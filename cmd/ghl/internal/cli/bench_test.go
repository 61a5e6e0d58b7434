package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
)

// heapWatch samples the live heap (after a collection) every few search requests, to find the most an
// export ever holds. A leak of the records (a slice that keeps every page, say) grows it with every page;
// a streaming export keeps it flat at about one page.
type heapWatch struct {
	base  http.RoundTripper
	every int

	mu    sync.Mutex
	calls int
	peak  uint64
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func (h *heapWatch) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.calls++
	if h.calls%h.every == 0 {
		h.peak = max(h.peak, liveHeap())
	}
	h.mu.Unlock()
	return h.base.RoundTrip(r)
}

func (h *heapWatch) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls, h.peak = 0, 0
}

const benchContacts = 100_000

// benchServer is a fake with 100,000 contacts, on a simulated clock so that the rate limit costs no time.
func benchServer(b *testing.B) *fake {
	b.Helper()
	f := newFake(b)
	f.srv.SeedContacts(testLocation, benchContacts, ghltest.SeedOptions{CustomFieldID: "score"})
	return f
}

// reportHeap reports the growth of the live heap over what it was before the export, in MB: the server's
// 100,000 contacts are in the baseline, so what is left is what the export itself holds.
func reportHeap(b *testing.B, before uint64, w *heapWatch) {
	after := liveHeap()
	peak := max(w.peak, after)
	growth := float64(0)
	if peak > before {
		growth = float64(peak-before) / 1e6
	}
	b.ReportMetric(growth, "heap-growth-MB")
	if growth >= 20 {
		b.Errorf("the live heap grew by %.1f MB during the export; it must stay under 20 MB", growth)
	}
	b.ReportMetric(float64(benchContacts)*float64(b.N)/b.Elapsed().Seconds(), "contacts/s")
}

// BenchmarkExport100k exports 100,000 contacts with the command, to jsonl, through the SDK's limiter on a
// simulated clock. Its heap-growth-MB metric is the most the live heap grew during the export.
func BenchmarkExport100k(b *testing.B) {
	for _, format := range []string{"jsonl", "csv"} {
		b.Run(format, func(b *testing.B) {
			f := benchServer(b)
			out := tempPathB(b, "all."+format)
			watch := &heapWatch{base: http.DefaultTransport, every: 20}
			before := liveHeap()
			b.ResetTimer()
			for range b.N {
				watch.reset()
				res := f.run(context.Background(), []string{"export", "--out", out}, withHTTP(watch))
				if res.code != exitOK {
					b.Fatalf("export failed: %s", res.stderr)
				}
			}
			b.StopTimer()
			reportHeap(b, before, watch)
			checkLines(b, out, benchContacts+map[string]int{"jsonl": 0, "csv": 1}[format])
		})
	}
}

// BenchmarkExport100kBaseline is the same export written by hand with net/http and encoding/json: the cost of
// the command's checkpoints, progress and typed decoding is read against it.
func BenchmarkExport100kBaseline(b *testing.B) {
	f := benchServer(b)
	out := tempPathB(b, "all.jsonl")
	watch := &heapWatch{base: http.DefaultTransport, every: 20}
	hc := &http.Client{Transport: watch}
	before := liveHeap()
	b.ResetTimer()
	for range b.N {
		watch.reset()
		// The fake enforces the rate limit on its simulated clock: move it as the SDK's limiter would.
		pace := func() { f.clk.Advance(10 * time.Second / 96) }
		if err := plainExport(hc, f.srv.URL, f.token, out, pace); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportHeap(b, before, watch)
	checkLines(b, out, benchContacts)
}

// plainExport pages through the search with searchAfter and writes each contact on a line.
func plainExport(hc *http.Client, base, token, path string, pace func()) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	defer file.Close()
	w := bufio.NewWriter(file)
	var cursor json.RawMessage
	for {
		pace()
		body, _ := json.Marshal(map[string]any{"locationId": testLocation, "pageLimit": 500, "searchAfter": cursor})
		req, _ := http.NewRequest(http.MethodPost, base+"/contacts/search", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Version", "2021-07-28")
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var page struct {
			Contacts []json.RawMessage `json:"contacts"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("search: %d %v", resp.StatusCode, err)
		}
		for _, c := range page.Contacts {
			w.Write(c)
			w.WriteByte('\n')
		}
		if len(page.Contacts) < 500 {
			break
		}
		var last struct {
			SearchAfter json.RawMessage `json:"searchAfter"`
		}
		if err := json.Unmarshal(page.Contacts[len(page.Contacts)-1], &last); err != nil {
			return err
		}
		cursor = last.SearchAfter
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return file.Close()
}

func checkLines(b *testing.B, path string, want int) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if got := bytes.Count(data, []byte("\n")); got != want {
		b.Fatalf("%s has %d lines, want %d", path, got, want)
	}
}

func tempPathB(b *testing.B, name string) string {
	return b.TempDir() + "/" + name
}
