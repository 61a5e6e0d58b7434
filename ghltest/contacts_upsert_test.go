package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUpsertFollowsTheDuplicateRule(t *testing.T) {
	f := newFixture(t)
	byEmail := f.create(t, map[string]any{"email": "ada@example.com", "firstName": "Ada"})
	byPhone := f.create(t, map[string]any{"phone": "+15550100002", "firstName": "Grace"})

	upsert := func(body map[string]any) (bool, map[string]any) {
		body["locationId"] = f.loc
		r := f.do(t, http.MethodPost, "/contacts/upsert", body)
		require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
		m := r.json(t)
		assert.NotEmpty(t, m["traceId"])
		return m["new"].(bool), m["contact"].(map[string]any)
	}
	isNew, c := upsert(map[string]any{"email": "ADA@example.com", "lastName": "Lovelace"})
	assert.False(t, isNew)
	assert.Equal(t, byEmail, c["id"])
	assert.Equal(t, "Ada", c["firstName"], "fields not sent are kept")
	assert.Equal(t, "Lovelace", c["lastName"])

	// The email matches one contact and the phone another: the email wins.
	isNew, c = upsert(map[string]any{"email": "ada@example.com", "phone": "+15550100002"})
	assert.False(t, isNew)
	assert.Equal(t, byEmail, c["id"])
	assert.Nil(t, c["phone"], "the phone of another contact is ignored, not copied")
	kept, _ := f.srv.Contact(f.loc, byPhone)
	assert.Equal(t, "+15550100002", kept.Phone)

	isNew, c = upsert(map[string]any{"phone": "(555) 010-0002", "email": "grace@navy.mil"})
	assert.False(t, isNew)
	assert.Equal(t, byPhone, c["id"], "no email match: the phone decides")

	isNew, c = upsert(map[string]any{"email": "alan@example.org"})
	assert.True(t, isNew)
	assert.NotEqual(t, byEmail, c["id"])
	assert.Equal(t, 3, f.srv.ContactCount(f.loc))

	f.srv.SetAllowDuplicates(f.loc, true)
	isNew, _ = upsert(map[string]any{"email": "alan@example.org", "createNewIfDuplicateAllowed": true})
	assert.True(t, isNew)
	assert.Equal(t, 4, f.srv.ContactCount(f.loc))
}

func TestUpsertValidation(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, http.MethodPost, "/contacts/upsert", map[string]any{"locationId": f.loc, "email": "not-an-email"})
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.JSONEq(t, `{"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}`, string(r.body))

	r = f.do(t, http.MethodPost, "/contacts/upsert", map[string]any{"locationId": f.loc, "firstName": "A"})
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "Pass at least one of number, email")

	r = f.do(t, http.MethodPost, "/contacts/upsert", map[string]any{"email": "a@b.co"})
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
}

func TestFindDuplicate(t *testing.T) {
	f := newFixture(t)
	first := f.create(t, map[string]any{"email": "ada@example.com"})
	second := f.create(t, map[string]any{"phone": "+15550100002"})
	tests := []struct {
		query string
		want  any
	}{
		{"email=ADA%40example.com", first},
		{"number=%2B15550100002", second},
		{"email=ada%40example.com&number=%2B15550100002", first},
		{"email=nobody%40example.com&number=%2B15550100002", second},
		{"email=nobody%40example.com", nil},
	}
	for _, tt := range tests {
		r := f.do(t, http.MethodGet, "/contacts/search/duplicate?locationId="+f.loc+"&"+tt.query, nil)
		require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
		c := r.json(t)["contact"]
		if tt.want == nil {
			assert.Nil(t, c, tt.query)
			continue
		}
		assert.Equal(t, tt.want, c.(map[string]any)["id"], tt.query)
	}
	r := f.do(t, http.MethodGet, "/contacts/search/duplicate?email=a%40b.co", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
}

func TestDeprecatedList(t *testing.T) {
	f := newFixture(t)
	ids := f.srv.SeedContacts(f.loc, 45, SeedOptions{})
	var got []string
	path := "/contacts/?locationId=" + f.loc + "&limit=20"
	next := path
	for range 5 {
		r := f.do(t, http.MethodGet, next, nil)
		require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
		m := r.json(t)
		for _, c := range m["contacts"].([]any) {
			got = append(got, c.(map[string]any)["id"].(string))
		}
		meta := m["meta"].(map[string]any)
		assert.Equal(t, 45.0, meta["total"])
		if meta["nextPageUrl"] == nil {
			break
		}
		next = path + "&startAfter=" + formatFloat(meta["startAfter"].(float64)) + "&startAfterId=" + meta["startAfterId"].(string)
	}
	assert.Equal(t, ids, got, "oldest first, each once")

	r := f.do(t, http.MethodGet, "/contacts/?locationId="+f.loc+"&limit=101", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.Contains(t, string(r.body), "limit must not be greater than 100")
	r = f.do(t, http.MethodGet, "/contacts/?limit=10", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
}
