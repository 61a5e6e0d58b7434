package contacts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
)

const benchPage = 500

// pages is a search answer pre-serialised page by page, as HighLevel sends it: 500 contacts each with their
// searchAfter cursor, keyed by the cursor that asks for it ("" for the first page). One record per page has
// a number where a string belongs, as real exports do now and then.
type pages struct {
	byCursor map[string][]byte
	n        int
}

func newPages(n int) *pages {
	p := &pages{byCursor: map[string][]byte{}, n: n}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	cursor := ""
	var buf bytes.Buffer
	for start := 0; start < n; start += benchPage {
		buf.Reset()
		buf.WriteString(`{"contacts":[`)
		end := min(start+benchPage, n)
		var last string
		for i := start; i < end; i++ {
			if i > start {
				buf.WriteByte(',')
			}
			ms := base + int64(i)*60_000
			id := fmt.Sprintf("c%019d", i)
			added := time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z")
			phone := `"+1555` + fmt.Sprintf("%07d", i) + `"`
			if i%benchPage == 250 {
				phone = "1555" + fmt.Sprintf("%07d", i) // a number where a string belongs
			}
			last = `[` + strconv.FormatInt(ms, 10) + `,"` + id + `"]`
			fmt.Fprintf(&buf, `{"id":%q,"locationId":"loc1","contactName":"ada lovelace","firstName":"Ada","lastName":"Lovelace",`+
				`"firstNameRaw":"Ada","lastNameRaw":"Lovelace","companyName":null,"email":"ada.lovelace.%d@example.com","phone":%s,`+
				`"dnd":false,"dndSettings":{},"type":"lead","source":"import","assignedTo":null,"address1":"3535 1st St N",`+
				`"city":"Dolomite","state":"AL","postalCode":"35061","country":"US","website":null,"tags":["lead","vip"],`+
				`"dateOfBirth":null,"dateAdded":%q,"dateUpdated":%q,"timezone":"America/Chicago","additionalEmails":[],`+
				`"additionalPhones":[],"customFields":[{"id":"cf1","value":"Gold"},{"id":"cf2","value":42}],"businessId":null,`+
				`"followers":[],"lastActivity":%d,"searchAfter":%s}`,
				id, i, phone, added, added, ms, last)
		}
		fmt.Fprintf(&buf, `],"total":%d}`, n)
		p.byCursor[cursor] = bytes.Clone(buf.Bytes())
		cursor = last
	}
	p.byCursor[cursor] = []byte(fmt.Sprintf(`{"contacts":[],"total":%d}`, n))
	return p
}

// ServeHTTP answers a search with the page its searchAfter asks for.
func (p *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		SearchAfter json.RawMessage `json:"searchAfter"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	page, ok := p.byCursor[string(body.SearchAfter)]
	if !ok {
		http.Error(w, `{"statusCode":422,"message":["bad searchAfter"]}`, http.StatusUnprocessableEntity)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	_, _ = w.Write(page)
}

func benchService(tb testing.TB, url string) *contacts.Service {
	tc, err := transport.New(transport.Config{BaseURL: url, Tokens: auth.PrivateToken("pit-bench"), LocationID: "loc1",
		Clock: clock.NewFake(time.Now()), RateLimit: transport.RateLimitPolicy{Disabled: true}})
	if err != nil {
		tb.Fatal(err)
	}
	return registry.New[*contacts.Service](tc)
}

// exportSDK reads every contact with SearchAll; each contact's ID is handed to use.
func exportSDK(ctx context.Context, svc *contacts.Service, use func(id string)) (int, error) {
	n := 0
	for c, err := range svc.SearchAll(ctx, contacts.SearchParams{PageLimit: benchPage}) {
		if err != nil {
			return n, err
		}
		use(c.ID)
		n++
	}
	return n, nil
}

// plainContact is what a hand-written client would decode into with encoding/json.
type plainContact struct {
	ID           string   `json:"id"`
	LocationID   string   `json:"locationId"`
	ContactName  string   `json:"contactName"`
	FirstName    string   `json:"firstName"`
	LastName     string   `json:"lastName"`
	CompanyName  string   `json:"companyName"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	DND          bool     `json:"dnd"`
	Type         string   `json:"type"`
	Source       string   `json:"source"`
	AssignedTo   string   `json:"assignedTo"`
	Address1     string   `json:"address1"`
	City         string   `json:"city"`
	State        string   `json:"state"`
	PostalCode   string   `json:"postalCode"`
	Country      string   `json:"country"`
	Website      string   `json:"website"`
	Tags         []string `json:"tags"`
	DateOfBirth  string   `json:"dateOfBirth"`
	DateAdded    string   `json:"dateAdded"`
	DateUpdated  string   `json:"dateUpdated"`
	Timezone     string   `json:"timezone"`
	CustomFields []struct {
		ID    string          `json:"id"`
		Value json.RawMessage `json:"value"`
	} `json:"customFields"`
	BusinessID   string          `json:"businessId"`
	Followers    []string        `json:"followers"`
	LastActivity int64           `json:"lastActivity"`
	SearchAfter  json.RawMessage `json:"searchAfter"`
}

// exportBaseline pages the same search with net/http and encoding/json: no limiter, retries or tolerance (a
// type mismatch is skipped, as encoding/json allows).
func exportBaseline(ctx context.Context, hc *http.Client, url string, use func(id string)) (int, error) {
	n := 0
	var after json.RawMessage
	for {
		body, _ := json.Marshal(map[string]any{"locationId": "loc1", "pageLimit": benchPage, "searchAfter": after})
		if after == nil {
			body, _ = json.Marshal(map[string]any{"locationId": "loc1", "pageLimit": benchPage})
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/contacts/search", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer pit-bench")
		req.Header.Set("Version", "2021-07-28")
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return n, err
		}
		var page struct {
			Contacts []plainContact `json:"contacts"`
			Total    int            `json:"total"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		var ute *json.UnmarshalTypeError
		if err != nil && !errors.As(err, &ute) {
			return n, err
		}
		for i := range page.Contacts {
			use(page.Contacts[i].ID)
			n++
		}
		if len(page.Contacts) < benchPage {
			return n, nil
		}
		after = page.Contacts[len(page.Contacts)-1].SearchAfter
	}
}

// BenchmarkSearchAll reads 100,000 contacts in pages of 500 from a handler that answers pre-serialised pages,
// with the SDK's SearchAll and with a plain net/http + encoding/json loop over the same pages.
func BenchmarkSearchAll(b *testing.B) {
	const n = 100_000
	p := newPages(n)
	srv := httptest.NewServer(p)
	defer srv.Close()
	ctx := context.Background()
	b.Run("ghl", func(b *testing.B) {
		svc := benchService(b, srv.URL)
		benchExport(b, n, func() (int, error) { return exportSDK(ctx, svc, func(string) {}) })
	})
	b.Run("encoding_json", func(b *testing.B) {
		hc := &http.Client{}
		benchExport(b, n, func() (int, error) { return exportBaseline(ctx, hc, srv.URL, func(string) {}) })
	})
}

func benchExport(b *testing.B, n int, export func() (int, error)) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	total := 0
	for b.Loop() {
		got, err := export()
		if err != nil {
			b.Fatal(err)
		}
		if got != n {
			b.Fatalf("read %d contacts, want %d", got, n)
		}
		total += got
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(total), "ns/contact")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(total), "allocs/contact")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(total), "B/contact")
}

// TestSearchAllHeapIsFlat reads 5,000 and then 50,000 contacts and compares the most live heap seen during
// each export, above what the fixture itself holds: an iterator that kept what it yielded would grow by
// hundreds of MB between the two.
func TestSearchAllHeapIsFlat(t *testing.T) {
	growth := func(n int) uint64 {
		p := newPages(n)
		srv := httptest.NewServer(p)
		defer srv.Close()
		svc := benchService(t, srv.URL)
		base := liveHeap()
		var peak uint64
		every, seen := n/5, 0
		read, err := exportSDK(context.Background(), svc, func(string) {
			if seen++; seen%every == 0 { // five samples per export, each after a full collection
				peak = max(peak, liveHeap())
			}
		})
		if err != nil || read != n {
			t.Fatalf("read %d of %d contacts: %v", read, n, err)
		}
		if peak < base {
			return 0
		}
		return peak - base
	}
	small, large := growth(5_000), growth(50_000)
	t.Logf("live heap above the fixture: %.1f MB at 5,000 contacts, %.1f MB at 50,000", mb(small), mb(large))
	if large > small && large-small > 20<<20 {
		t.Errorf("heap grew by %.1f MB from 5,000 to 50,000 contacts; want under 20 MB", mb(large-small))
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }
