package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Seeded contacts carry the fields of a real contact, some null and some absent, across a page of them.
func TestSeededContactsLookReal(t *testing.T) {
	f := newFixture(t)
	f.srv.SeedContacts(f.loc, 60, SeedOptions{Prefix: "shape"})
	r := f.do(t, http.MethodGet, "/contacts/?locationId="+f.loc+"&limit=60", nil)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	list := r.json(t)["contacts"].([]any)
	require.Len(t, list, 60)
	type tally struct{ set, null, absent int }
	got := map[string]*tally{}
	fields := []string{"type", "timezone", "followers", "additionalEmails", "additionalPhones", "attributionSource",
		"lastAttributionSource", "createdBy", "dateUpdated", "firstNameLowerCase", "lastNameLowerCase",
		"fullNameLowerCase", "emailLowerCase", "companyName", "dndSettings"}
	for _, k := range fields {
		got[k] = &tally{}
	}
	for _, item := range list {
		c := item.(map[string]any)
		assert.NotContains(t, c, "name")
		assert.NotContains(t, c, "contactName")
		for _, k := range fields {
			switch v, ok := c[k]; {
			case !ok:
				got[k].absent++
			case v == nil:
				got[k].null++
			default:
				got[k].set++
			}
		}
		if a, ok := c["attributionSource"].(map[string]any); ok {
			assert.Contains(t, a, "sessionSource")
			assert.Contains(t, a, "medium")
			assert.Contains(t, a, "url")
		}
		if b, ok := c["createdBy"].(map[string]any); ok {
			for _, k := range []string{"source", "channel", "sourceId", "timestamp"} {
				assert.NotEmpty(t, b[k], k)
			}
		}
		if d, ok := c["dndSettings"].(map[string]any); ok {
			assert.Equal(t, map[string]any{"status": "inactive", "message": "", "code": ""}, d["RCS"])
		}
	}
	for _, k := range []string{"type", "followers", "additionalEmails", "additionalPhones", "dateUpdated",
		"firstNameLowerCase", "lastNameLowerCase", "fullNameLowerCase", "emailLowerCase"} {
		assert.Equal(t, 60, got[k].set, "%s on every contact", k)
	}
	for _, k := range []string{"timezone", "attributionSource", "createdBy", "companyName", "dndSettings"} {
		assert.Positive(t, got[k].set, k)
		assert.Positive(t, got[k].absent, "%s absent on some", k)
		assert.Zero(t, got[k].null, k)
	}
	assert.Positive(t, got["lastAttributionSource"].set)
	assert.Positive(t, got["lastAttributionSource"].null, "lastAttributionSource null on some")
	assert.Zero(t, got["lastAttributionSource"].absent)
}

// Only search answers carry contactName; GET, create and update answers carry neither it nor name.
func TestContactNameOnlyInSearch(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, http.MethodPost, "/contacts/", map[string]any{"locationId": f.loc, "name": "Grace Hopper"})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	created := r.json(t)["contact"].(map[string]any)
	id := created["id"].(string)
	get := f.do(t, http.MethodGet, "/contacts/"+id, nil).json(t)["contact"].(map[string]any)
	update := f.do(t, http.MethodPut, "/contacts/"+id, map[string]any{"city": "Arlington"}).json(t)["contact"].(map[string]any)
	for what, c := range map[string]map[string]any{"create": created, "get": get, "update": update} {
		assert.NotContains(t, c, "name", what)
		assert.NotContains(t, c, "contactName", what)
		assert.Equal(t, "Grace", c["firstName"], "%s: a name sent alone is split", what)
		assert.Equal(t, "Hopper", c["lastName"], what)
		assert.Equal(t, "grace hopper", c["fullNameLowerCase"], what)
	}
	r = f.do(t, http.MethodPost, "/contacts/search", map[string]any{"locationId": f.loc, "pageLimit": 10})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	hit := r.json(t)["contacts"].([]any)[0].(map[string]any)
	assert.Equal(t, "grace hopper", hit["contactName"])
	assert.NotContains(t, hit, "name")
}

// traceId values are UUIDs, as HighLevel's are.
func TestTraceIDIsUUID(t *testing.T) {
	f := newFixture(t)
	r := f.do(t, http.MethodPost, "/contacts/upsert", map[string]any{"locationId": f.loc, "email": "ada@example.com"})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.Regexp(t, uuidV4, r.json(t)["traceId"])
}
