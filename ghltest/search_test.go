package ghltest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// searchIDs runs a search and returns the IDs found and the total.
func (f *fixture) searchIDs(t *testing.T, body map[string]any) ([]string, int, []any) {
	t.Helper()
	body["locationId"] = f.loc
	r := f.do(t, "POST", "/contacts/search", body)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	m := r.json(t)
	var ids []string
	var last []any
	for _, c := range m["contacts"].([]any) {
		cm := c.(map[string]any)
		ids = append(ids, cm["id"].(string))
		last = cm["searchAfter"].([]any)
	}
	return ids, int(m["total"].(float64)), last
}

func TestSearchFilters(t *testing.T) {
	f := newFixture(t)
	add := func(id, first, last, email, phone string, tags ...string) {
		f.srv.AddContact(Contact{ID: id, FirstName: first, LastName: last, Email: email, Phone: phone, Tags: tags})
		f.clock.Advance(time.Second)
	}
	add("c1", "Ada", "Lovelace", "ada@example.com", "+15550100001", "vip")
	add("c2", "Grace", "Hopper", "grace@navy.mil", "+15550100002", "vip", "navy")
	add("c3", "Alan", "Turing", "alan@example.org", "")
	f.srv.AddContact(Contact{ID: "other", LocationID: "loc2", FirstName: "Ada"})

	eq := func(field string, value any) map[string]any {
		return map[string]any{"field": field, "operator": "eq", "value": value}
	}
	tests := []struct {
		name    string
		filters []any
		query   string
		want    []string // newest first
	}{
		{"no filter", nil, "", []string{"c3", "c2", "c1"}},
		{"email eq ignores case", []any{eq("email", "ADA@example.com")}, "", []string{"c1"}},
		{"firstName eq", []any{eq("firstName", "grace")}, "", []string{"c2"}},
		{"lastName eq", []any{eq("lastName", "Turing")}, "", []string{"c3"}},
		{"phone eq normalised", []any{eq("phone", "(555) 010-0002")}, "", []string{"c2"}},
		{"tags eq", []any{eq("tags", "vip")}, "", []string{"c2", "c1"}},
		{"tags eq any of a list", []any{eq("tags", []string{"navy", "nope"})}, "", []string{"c2"}},
		{"filters all apply", []any{eq("tags", "vip"), eq("firstName", "Ada")}, "", []string{"c1"}},
		{"email contains", []any{map[string]any{"field": "email", "operator": "contains", "value": "example"}}, "", []string{"c3", "c1"}},
		{"phone contains digits", []any{map[string]any{"field": "phone", "operator": "contains", "value": "0100001"}}, "", []string{"c1"}},
		{"query name", nil, "hopper", []string{"c2"}},
		{"query full name", nil, "ada love", []string{"c1"}},
		{"query email", nil, "example.org", []string{"c3"}},
		{"query phone", nil, "555-010-0001", []string{"c1"}},
		{"no match", []any{eq("email", "nobody@example.com")}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := map[string]any{"pageLimit": 10, "query": tt.query}
			if tt.filters != nil {
				body["filters"] = tt.filters
			}
			ids, total, _ := f.searchIDs(t, body)
			assert.Equal(t, tt.want, ids)
			assert.Equal(t, len(tt.want), total)
		})
	}
}

func TestSearchValidation(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name    string
		body    map[string]any
		message string
	}{
		{"no pageLimit", map[string]any{"locationId": "loc1"}, "pageLimit must not be less than 1"},
		{"pageLimit above 500", map[string]any{"locationId": "loc1", "pageLimit": 501}, "pageLimit must not be greater than 500"},
		{"no locationId", map[string]any{"pageLimit": 1}, "locationId should not be empty"},
		{"page 0", map[string]any{"locationId": "loc1", "pageLimit": 1, "page": 0}, "page must not be less than 1"},
		{"page beyond 10,000 records", map[string]any{"locationId": "loc1", "pageLimit": 500, "page": 21}, msgPageWindow},
		{"page beyond 10,000 records, small pages", map[string]any{"locationId": "loc1", "pageLimit": 1, "page": 10_001}, msgPageWindow},
		{"page with searchAfter", map[string]any{"locationId": "loc1", "pageLimit": 1, "page": 1, "searchAfter": []any{1, "x"}}, "page and searchAfter cannot be used together"},
		{"query too long", map[string]any{"locationId": "loc1", "pageLimit": 1, "query": strings.Repeat("a", 76)}, "query must be shorter than or equal to 75 characters"},
		{"unknown operator", map[string]any{"locationId": "loc1", "pageLimit": 1, "filters": []any{map[string]any{"field": "email", "operator": "like", "value": "a"}}}, "filters: operator like is not supported"},
		{"unknown filter field", map[string]any{"locationId": "loc1", "pageLimit": 1, "filters": []any{map[string]any{"field": "shoeSize", "operator": "eq", "value": "a"}}}, "filters: field shoeSize is not supported"},
		{"unknown filter property", map[string]any{"locationId": "loc1", "pageLimit": 1, "filters": []any{map[string]any{"field": "email", "operator": "eq", "value": "a", "negate": true}}}, "property filters.0.negate should not exist"},
		{"cursor of another sort", map[string]any{"locationId": "loc1", "pageLimit": 1, "searchAfter": []any{"x"}}, "searchAfter must be the searchAfter of a contact of a previous page with the same sort"},
		{"unknown sort field", map[string]any{"locationId": "loc1", "pageLimit": 1, "sort": []any{map[string]any{"field": "shoeSize", "direction": "asc"}}}, "sort: field shoeSize is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(t, "POST", "/contacts/search", tt.body)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "body: %s", r.body)
			assert.Contains(t, r.json(t)["message"], tt.message)
		})
	}
	ids, _, _ := f.searchIDs(t, map[string]any{"pageLimit": 500, "page": 20})
	assert.Empty(t, ids, "page 20 of 500 ends exactly at 10,000 records and is allowed")
}

func TestSearchPages(t *testing.T) {
	f := newFixture(t)
	for i := range 7 {
		f.srv.AddContact(Contact{ID: fmt.Sprintf("c%d", i), FirstName: fmt.Sprint(i)})
		f.clock.Advance(time.Second)
	}
	tests := []struct {
		page int
		want []string
	}{
		{1, []string{"c6", "c5", "c4"}},
		{2, []string{"c3", "c2", "c1"}},
		{3, []string{"c0"}},
		{4, nil},
	}
	for _, tt := range tests {
		ids, total, _ := f.searchIDs(t, map[string]any{"pageLimit": 3, "page": tt.page})
		assert.Equal(t, tt.want, ids, "page %d", tt.page)
		assert.Equal(t, 7, total)
	}
}

func TestSearchAfterVisitsEveryContactOnce(t *testing.T) {
	tests := []struct {
		name string
		sort []any
	}{
		{"default sort", nil},
		{"firstName ascending", []any{map[string]any{"field": "firstName", "direction": "asc"}}},
		{"dateUpdated descending", []any{map[string]any{"field": "dateUpdated", "direction": "desc"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			const n = 53
			for i := range n {
				// Several contacts share each timestamp and first name: the ID must break ties.
				f.srv.AddContact(Contact{FirstName: fmt.Sprintf("n%d", i%4)})
				if i%5 == 0 {
					f.clock.Advance(time.Millisecond)
				}
			}
			seen := map[string]int{}
			body := map[string]any{"pageLimit": 10}
			if tt.sort != nil {
				body["sort"] = tt.sort
			}
			for pages := 0; ; pages++ {
				require.Less(t, pages, 10, "paging does not end")
				ids, total, last := f.searchIDs(t, body)
				assert.Equal(t, n, total)
				for _, id := range ids {
					seen[id]++
				}
				if len(ids) < 10 {
					break
				}
				body["searchAfter"] = last
			}
			assert.Len(t, seen, n)
			for id, times := range seen {
				assert.Equal(t, 1, times, id)
			}
		})
	}
}

func TestSearchAfterCursorShape(t *testing.T) {
	f := newFixture(t)
	c := f.srv.AddContact(Contact{FirstName: "Ada"})
	r := f.do(t, "POST", "/contacts/search", searchOne)
	require.Equal(t, http.StatusOK, r.status)
	got := r.json(t)["contacts"].([]any)[0].(map[string]any)["searchAfter"]
	assert.Equal(t, []any{float64(c.DateAdded.UnixMilli()), c.ID}, got)
}

func TestSearchAfterReachesBeyondTenThousand(t *testing.T) {
	f := newFixture(t)
	const n = maxPagedWindow + 50
	for range n {
		f.srv.AddContact(Contact{})
	}
	seen := map[string]bool{}
	body := map[string]any{"pageLimit": maxPageLimit}
	for {
		ids, total, last := f.searchIDs(t, body)
		require.Equal(t, n, total)
		for _, id := range ids {
			require.False(t, seen[id], "seen twice: %s", id)
			seen[id] = true
		}
		if len(ids) < maxPageLimit {
			break
		}
		body["searchAfter"] = last
	}
	assert.Len(t, seen, n)
}

func TestSearchSeesEveryWrite(t *testing.T) {
	f := newFixture(t)
	byName := map[string]any{"pageLimit": 10, "sort": []any{map[string]any{"field": "firstName", "direction": "asc"}}}
	a := f.create(t, map[string]any{"firstName": "b"})
	ids, _, _ := f.searchIDs(t, byName)
	assert.Equal(t, []string{a}, ids)

	b := f.create(t, map[string]any{"firstName": "c"})
	ids, _, _ = f.searchIDs(t, byName)
	assert.Equal(t, []string{a, b}, ids, "a create is seen")

	require.Equal(t, http.StatusOK, f.do(t, "PUT", "/contacts/"+b, map[string]any{"firstName": "a"}).status)
	ids, _, _ = f.searchIDs(t, byName)
	assert.Equal(t, []string{b, a}, ids, "an update is seen")

	require.Equal(t, http.StatusOK, f.do(t, "DELETE", "/contacts/"+a, nil).status)
	ids, _, _ = f.searchIDs(t, byName)
	assert.Equal(t, []string{b}, ids, "a delete is seen")
}
