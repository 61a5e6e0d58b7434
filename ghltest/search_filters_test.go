package ghltest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchFilterOperatorsAndGroups(t *testing.T) {
	f := newFixture(t)
	day := func(d int) time.Time { return time.Date(2024, 1, d, 12, 0, 0, 0, time.UTC) }
	f.srv.AddContact(Contact{ID: "c1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Phone: "+15550100001",
		Tags: []string{"VIP"}, DateAdded: day(1), CustomFields: []CustomField{{ID: "score", Value: 90.0}, {ID: "plan", Value: "Gold"}}})
	f.srv.AddContact(Contact{ID: "c2", FirstName: "Grace", LastName: "Hopper", Email: "grace@navy.mil", DND: true,
		Tags: []string{"navy"}, DateAdded: day(10), CustomFields: []CustomField{{ID: "score", Value: 40.0}, {ID: "langs", Value: []any{"COBOL", "Fortran"}}}})
	f.srv.AddContact(Contact{ID: "c3", FirstName: "Alan", LastName: "Turing", Phone: "+15550100003", DateAdded: day(20),
		CustomFields: []CustomField{{ID: "score", Value: "75"}}})

	leaf := func(field, op string, value any) map[string]any {
		m := map[string]any{"field": field, "operator": op}
		if value != nil {
			m["value"] = value
		}
		return m
	}
	group := func(g string, fs ...any) map[string]any { return map[string]any{"group": g, "filters": fs} }
	tests := []struct {
		name    string
		filters []any
		want    []string // newest first
	}{
		{"not_eq", []any{leaf("email", "not_eq", "ADA@example.com")}, []string{"c3", "c2"}},
		{"not_contains", []any{leaf("firstNameLowerCase", "not_contains", "a")}, nil},
		{"not_contains misses", []any{leaf("lastName", "not_contains", "ing")}, []string{"c2", "c1"}},
		{"exists", []any{leaf("phone", "exists", nil)}, []string{"c3", "c1"}},
		{"not_exists", []any{leaf("email", "not_exists", nil)}, []string{"c3"}},
		{"tags ignore case", []any{leaf("tags", "eq", "vip")}, []string{"c1"}},
		{"dnd eq true", []any{leaf("dnd", "eq", true)}, []string{"c2"}},
		{"dateAdded range of dates", []any{leaf("dateAdded", "range", map[string]any{"gte": "2024-01-05", "lt": "2024-01-20"})}, []string{"c2"}},
		{"dateAdded range open end", []any{leaf("dateAdded", "range", map[string]any{"gt": "2024-01-01T12:00:00Z"})}, []string{"c3", "c2"}},
		{"custom field eq text", []any{leaf("customFields.plan", "eq", "gold")}, []string{"c1"}},
		{"custom field range numbers", []any{leaf("customFields.score", "range", map[string]any{"gte": 50, "lte": 90})}, []string{"c3", "c1"}},
		{"custom field list contains", []any{leaf("customFields.langs", "contains", "cob")}, []string{"c2"}},
		{"custom field exists", []any{leaf("customFields.langs", "exists", nil)}, []string{"c2"}},
		{"OR group", []any{group("OR", leaf("tags", "eq", "navy"), leaf("lastName", "eq", "turing"))}, []string{"c3", "c2"}},
		{"AND inside OR", []any{group("OR", group("AND", leaf("phone", "exists", nil), leaf("tags", "eq", "vip")), leaf("dnd", "eq", true))}, []string{"c2", "c1"}},
		{"group and leaf", []any{leaf("email", "exists", nil), group("OR", leaf("firstName", "eq", "Ada"), leaf("firstName", "eq", "Alan"))}, []string{"c1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, total, _ := f.searchIDs(t, map[string]any{"pageLimit": 10, "filters": tt.filters})
			assert.Equal(t, tt.want, ids)
			assert.Equal(t, len(tt.want), total)
		})
	}
}

func TestSearchFilterValidation(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		filter any
		want   string
	}{
		{"exists with a value", map[string]any{"field": "email", "operator": "exists", "value": "x"}, "value should not exist"},
		{"empty range", map[string]any{"field": "dateAdded", "operator": "range", "value": map[string]any{}}, "at least one of gt"},
		{"range not an object", map[string]any{"field": "dateAdded", "operator": "range", "value": "2024"}, "must be an object"},
		{"range unknown bound", map[string]any{"field": "dateAdded", "operator": "range", "value": map[string]any{"from": 1}}, "must be an object"},
		{"unknown operator", map[string]any{"field": "email", "operator": "like", "value": "x"}, "operator like is not supported"},
		{"unknown field", map[string]any{"field": "shoeSize", "operator": "eq", "value": "x"}, "field shoeSize is not supported"},
		{"value too long", map[string]any{"field": "email", "operator": "eq", "value": strings.Repeat("a", 76)}, "75 characters"},
		{"empty group", map[string]any{"group": "OR", "filters": []any{}}, "needs at least one filter"},
		{"bad group", map[string]any{"group": "XOR", "filters": []any{map[string]any{"field": "email", "operator": "exists"}}}, "AND, OR"},
		{"group with a field", map[string]any{"group": "AND", "field": "email", "filters": []any{map[string]any{"field": "email", "operator": "exists"}}}, "a group has filters"},
		{"unknown property", map[string]any{"field": "email", "operator": "exists", "negate": true}, "property filters.0.negate should not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(t, http.MethodPost, "/contacts/search", map[string]any{"locationId": f.loc, "pageLimit": 10, "filters": []any{tt.filter}})
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "body: %s", r.body)
			assert.Contains(t, string(r.body), tt.want)
		})
	}
}
