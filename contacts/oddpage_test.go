package contacts_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// However many odd records a page holds and wherever they stand, the page decodes each record as
// Contact.UnmarshalJSON decodes it alone, in order, nulls dropped.
func TestSearchPageWithOddRecordsMatchesUnmarshal(t *testing.T) {
	good := func(id string) string { return `{"id":"` + id + `","email":"` + id + `@x.co","tags":["a"]}` }
	odd := []string{
		`{"id":"o1","phone":5550100}`,
		`{"id":"o2","tags":"vip","dnd":"true"}`,
		`{"id":"o3","dateAdded":{"$date":1},"email":"o3@x.co"}`,
		`{"id":"o4","customFields":{"id":"x"}}`,
		`{"id":"o5","phone":true,"firstName":"Ada"}`,
		`{"id":"o6","followers":"u1"}`,
		`{"id":"o7","dnd":1}`,
	}
	tests := []struct {
		name    string
		records []string
	}{
		{"no odd record", []string{good("a"), good("b")}},
		{"the first", []string{odd[0], good("a"), good("b")}},
		{"the last", []string{good("a"), good("b"), odd[1]}},
		{"two, nulls between", []string{good("a"), odd[0], "null", good("b"), odd[2], "null", good("c")}},
		{"more than a few", append(append([]string{good("a")}, odd...), good("z"), "null")},
		{"only odd ones", odd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"contacts":[` + strings.Join(tt.records, ",") + `],"total":99}`
			svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(body))
			})
			p, err := svc.Search(context.Background(), contacts.SearchParams{PageLimit: 100})
			require.NoError(t, err)
			var want []contacts.Contact
			for _, rec := range tt.records {
				if rec == "null" {
					continue
				}
				var c contacts.Contact
				require.NoError(t, json.Unmarshal([]byte(rec), &c))
				want = append(want, c)
			}
			require.Len(t, p.Contacts, len(want))
			for i := range want {
				assert.Equal(t, want[i], p.Contacts[i], "record %d", i)
			}
			assert.Equal(t, 99, p.Total)
		})
	}
}
