package contacts_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
)

// answerWith is an HTTP transport that answers every request with 200 and body, without a network.
type answerWith struct{ body []byte }

func (a *answerWith) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/json"}},
		Body:    io.NopCloser(bytes.NewReader(a.body)),
		Request: r,
	}, nil
}

// FuzzSearchPage feeds an answer to POST /contacts/search through Service.Search, the path SearchAll and
// 'ghl export' read every page by: whatever the bytes, it returns a page or an error, never panics, and a
// page it returns is consistent.
func FuzzSearchPage(f *testing.F) {
	seeds := []string{
		`{"contacts":[{"id":"c1","firstName":"Ada","searchAfter":[1700000000000,"c1"]}],"total":1}`,
		`{"contacts":[{"id":"c1","searchAfter":[1,"c1"]},{"id":"c2","searchAfter":[2,"c2"]}],"total":9}`,
		`{"contacts":[{"id":"c1","dateAdded":"2024-01-02T03:04:05.000Z","tags":["a","b"],"customFields":[{"id":"f","value":3}]}],"count":1}`,
		`{"contacts":[{"id":7,"tags":"vip","dnd":"yes","dateAdded":12}],"total":"1"}`,
		`{"contacts":[null,{"id":"c2"}],"total":1}`,
		`{"contacts":{"id":"c1"},"total":1}`,
		`{"contacts":[],"total":0}`,
		`{"contacts":[{"id":"c1","searchAfter":[1,"c1"]}`,
		`[]`, `null`, `{}`, ``, `{"total":1,"contacts":[{"firstName":"\ud800"}]}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), 1)
		f.Add([]byte(s), 2)
	}
	f.Fuzz(func(t *testing.T, body []byte, limit int) {
		limit = 1 + int(uint(limit)%contacts.MaxPageLimit)
		tc, err := transport.New(transport.Config{
			BaseURL:    "http://ghl.invalid",
			HTTPClient: &http.Client{Transport: &answerWith{body: body}},
			Tokens:     auth.PrivateToken("pit-fuzz"),
			LocationID: "loc1",
			Clock:      clock.NewFake(time.Unix(1_700_000_000, 0)),
			Retry:      transport.RetryPolicy{MaxAttempts: 1},
			RateLimit:  transport.RateLimitPolicy{Disabled: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		page, err := registry.New[*contacts.Service](tc).Search(t.Context(), contacts.SearchParams{PageLimit: limit})
		if err != nil {
			if page != nil {
				t.Fatalf("a page beside an error: %v", err)
			}
			var de *transport.DecodeError
			var be *transport.BodyError
			var apiErr *transport.Error
			if !errors.As(err, &de) && !errors.As(err, &be) && !errors.As(err, &apiErr) {
				t.Fatalf("an error that is neither a decode, a cut-short body nor an API error: %T %v", err, err)
			}
			return
		}
		if page == nil {
			t.Fatal("no page and no error")
		}
		if len(page.Contacts) > len(body) {
			t.Fatalf("%d contacts from %d bytes", len(page.Contacts), len(body))
		}
		for i, c := range page.Contacts {
			if !json.Valid(c.Raw) {
				t.Fatalf("contact %d keeps raw bytes that are not JSON: %q", i, c.Raw)
			}
			if !bytes.Contains(body, c.Raw) {
				t.Fatalf("contact %d's raw bytes are not in the answer: %q", i, c.Raw)
			}
		}
		switch n := len(page.Contacts); {
		case n >= limit:
			if !bytes.Equal(page.Next, page.Contacts[n-1].SearchAfter) || len(page.Next) == 0 {
				t.Fatalf("a full page's cursor %q is not its last contact's %q", page.Next, page.Contacts[n-1].SearchAfter)
			}
		case page.Next != nil:
			t.Fatalf("a short page (%d of %d) has a next cursor %q", n, limit, page.Next)
		}
	})
}
