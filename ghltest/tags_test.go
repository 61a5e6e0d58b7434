package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactTags(t *testing.T) {
	f := newFixture(t)
	id := f.create(t, map[string]any{"email": "ada@example.com", "tags": []string{"Lead"}})
	r := f.do(t, http.MethodPost, "/contacts/"+id+"/tags", map[string]any{"tags": []string{"vip", "LEAD", "vip"}})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	assert.JSONEq(t, `{"tags":["Lead","vip"]}`, string(r.body), "tags compare ignoring case")

	r = f.do(t, http.MethodDelete, "/contacts/"+id+"/tags", map[string]any{"tags": []string{"lead", "absent"}})
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"tags":["vip"]}`, string(r.body))

	r = f.do(t, http.MethodDelete, "/contacts/"+id+"/tags", map[string]any{"tags": []string{"vip"}})
	assert.JSONEq(t, `{"tags":[]}`, string(r.body))

	tests := []struct {
		name   string
		path   string
		body   any
		status int
	}{
		{"no tags", "/contacts/" + id + "/tags", map[string]any{"tags": []string{}}, http.StatusUnprocessableEntity},
		{"empty tag", "/contacts/" + id + "/tags", map[string]any{"tags": []string{""}}, http.StatusUnprocessableEntity},
		{"unknown contact", "/contacts/nope/tags", map[string]any{"tags": []string{"a"}}, http.StatusBadRequest},
		{"unknown property", "/contacts/" + id + "/tags", map[string]any{"tags": []string{"a"}, "tag": "b"}, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.status, f.do(t, http.MethodPost, tt.path, tt.body).status)
		})
	}
}

func TestBulkTags(t *testing.T) {
	f := newFixture(t, WithLocation("loc2"))
	a := f.create(t, map[string]any{"email": "a@example.com", "tags": []string{"old"}})
	b := f.create(t, map[string]any{"email": "b@example.com"})
	other := f.srv.AddContact(Contact{LocationID: "loc2", Email: "o@example.com"}).ID

	r := f.do(t, http.MethodPost, "/contacts/bulk/tags/update/add", map[string]any{
		"locationId": f.loc, "contacts": []string{a, b, "missing", other}, "tags": []string{"vip", "OLD"}})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	m := r.json(t)
	assert.Equal(t, true, m["succeded"])
	assert.Equal(t, 2.0, m["errorCount"])
	resp := m["responses"].([]any)
	require.Len(t, resp, 4)
	assert.Equal(t, map[string]any{"contactId": a, "message": "Tags updated", "type": "success",
		"oldTags": []any{"old"}, "tagsAdded": []any{"vip"}, "tagsRemoved": []any{}}, resp[0])
	assert.Equal(t, "contact not found", resp[2].(map[string]any)["message"])
	assert.Equal(t, "contact does not belong to location", resp[3].(map[string]any)["message"])
	got, _ := f.srv.Contact(f.loc, b)
	assert.Equal(t, []string{"vip", "OLD"}, got.Tags)

	r = f.do(t, http.MethodPost, "/contacts/bulk/tags/update/remove", map[string]any{
		"locationId": f.loc, "contacts": []string{a}, "tags": []string{"old"}})
	require.Equal(t, http.StatusCreated, r.status)
	got, _ = f.srv.Contact(f.loc, a)
	assert.Equal(t, []string{"vip"}, got.Tags)

	r = f.do(t, http.MethodPost, "/contacts/bulk/tags/update/remove", map[string]any{
		"locationId": f.loc, "contacts": []string{a, b}, "tags": []string{}, "removeAllTags": true})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	got, _ = f.srv.Contact(f.loc, b)
	assert.Empty(t, got.Tags)

	for name, tc := range map[string]struct {
		kind string
		body map[string]any
	}{
		"unknown type":        {"toggle", map[string]any{"locationId": f.loc, "contacts": []string{a}, "tags": []string{"x"}}},
		"remove all with add": {"add", map[string]any{"locationId": f.loc, "contacts": []string{a}, "tags": []string{"x"}, "removeAllTags": true}},
		"no contacts":         {"add", map[string]any{"locationId": f.loc, "contacts": []string{}, "tags": []string{"x"}}},
		"no tags":             {"add", map[string]any{"locationId": f.loc, "contacts": []string{a}, "tags": []string{}}},
	} {
		t.Run(name, func(t *testing.T) {
			r := f.do(t, http.MethodPost, "/contacts/bulk/tags/update/"+tc.kind, tc.body)
			assert.Equal(t, http.StatusUnprocessableEntity, r.status, "body: %s", r.body)
		})
	}
}
