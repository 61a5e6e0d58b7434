package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBusinesses(t *testing.T) {
	f := newFixture(t, WithLocation("loc2"))
	ids := f.srv.SeedContacts(f.loc, 30, SeedOptions{})
	other := f.srv.AddContact(Contact{LocationID: "loc2"}).ID

	r := f.do(t, http.MethodPost, "/contacts/bulk/business", map[string]any{
		"locationId": f.loc, "ids": append(append([]string{}, ids[:12]...), "missing", other), "businessId": "biz1"})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	m := r.json(t)
	assert.Equal(t, true, m["success"])
	assert.Len(t, m["ids"], 12, "unknown contacts and other locations' are skipped")

	page := func(q string) ([]string, int) {
		r := f.do(t, http.MethodGet, "/contacts/business/biz1?locationId="+f.loc+q, nil)
		require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
		m := r.json(t)
		var out []string
		for _, c := range m["contacts"].([]any) {
			out = append(out, c.(map[string]any)["id"].(string))
		}
		return out, int(m["count"].(float64))
	}
	got, count := page("")
	assert.Equal(t, ids[:12], got)
	assert.Equal(t, 12, count)
	got, _ = page("&limit=5&skip=10")
	assert.Equal(t, ids[10:12], got)
	got, _ = page("&skip=50")
	assert.Empty(t, got)

	r = f.do(t, http.MethodPost, "/contacts/bulk/business", map[string]any{"locationId": f.loc, "ids": ids[:2], "businessId": nil})
	require.Equal(t, http.StatusOK, r.status)
	_, count = page("")
	assert.Equal(t, 10, count)

	for name, body := range map[string]map[string]any{
		"no ids":          {"locationId": f.loc, "ids": []string{}, "businessId": "b"},
		"no business key": {"locationId": f.loc, "ids": ids[:1]},
		"long id":         {"locationId": f.loc, "ids": []string{string(make([]byte, 51))}, "businessId": "b"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, http.StatusUnprocessableEntity, f.do(t, http.MethodPost, "/contacts/bulk/business", body).status)
		})
	}
	for _, path := range []string{
		"/contacts/business/biz1",
		"/contacts/business/biz1?locationId=" + f.loc + "&limit=x",
		"/contacts/business/biz1?locationId=" + f.loc + "&skip=-1",
	} {
		assert.Equal(t, http.StatusUnprocessableEntity, f.do(t, http.MethodGet, path, nil).status, path)
	}
}
