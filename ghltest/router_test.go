package ghltest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRouterMatch(t *testing.T) {
	r := &router{}
	for _, tpl := range []string{
		"GET /contacts/",
		"GET /contacts/{contactId}",
		"GET /contacts/business/{businessId}",
		"GET /contacts/{contactId}/tasks",
		"GET /contacts/{contactId}/tasks/{taskId}",
		"DELETE /contacts/{contactId}/campaigns/removeAll",
		"DELETE /contacts/{contactId}/campaigns/{campaignId}",
		"POST /contacts/search",
	} {
		method, path, _ := strings.Cut(tpl, " ")
		r.add(method, path, ScopeContactsRead, nil, func(*call) {})
	}
	tests := []struct {
		method, path string
		template     string // "" for no match
		params       map[string]string
	}{
		{"GET", "/contacts/", "/contacts/", map[string]string{}},
		{"GET", "/contacts", "/contacts/", map[string]string{}},
		{"GET", "/contacts/abc", "/contacts/{contactId}", map[string]string{"contactId": "abc"}},
		{"GET", "/contacts/abc/", "/contacts/{contactId}", map[string]string{"contactId": "abc"}},
		{"GET", "/contacts/business/b1", "/contacts/business/{businessId}", map[string]string{"businessId": "b1"}},
		{"GET", "/contacts/business/tasks", "/contacts/business/{businessId}", map[string]string{"businessId": "tasks"}},
		{"GET", "/contacts/c1/tasks", "/contacts/{contactId}/tasks", map[string]string{"contactId": "c1"}},
		{"GET", "/contacts/c%2F1/tasks/t%201", "/contacts/{contactId}/tasks/{taskId}", map[string]string{"contactId": "c/1", "taskId": "t 1"}},
		{"DELETE", "/contacts/c1/campaigns/removeAll", "/contacts/{contactId}/campaigns/removeAll", map[string]string{"contactId": "c1"}},
		{"DELETE", "/contacts/c1/campaigns/k1", "/contacts/{contactId}/campaigns/{campaignId}", map[string]string{"contactId": "c1", "campaignId": "k1"}},
		{"POST", "/contacts/search", "/contacts/search", map[string]string{}},
		{"GET", "/contacts/search", "/contacts/{contactId}", map[string]string{"contactId": "search"}},
		{"PUT", "/contacts/abc", "", nil},
		{"GET", "/contacts/a/b/c/d", "", nil},
		{"GET", "/contacts/%zz", "", nil},
		{"GET", "/", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rt, params, ok := r.match(tt.method, tt.path)
			if tt.template == "" {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.template, rt.template)
			assert.Equal(t, tt.params, params)
		})
	}
}

func TestUnknownRoute(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, "PATCH", "/contacts/abc", nil)
	require.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, map[string]any{"statusCode": float64(404), "message": "Cannot PATCH /contacts/abc", "error": "Not Found"}, r.json(t))
	assert.Equal(t, 0, f.srv.Stats(f.loc).Requests, "an unknown route spends no budget")
}
