package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFollowers(t *testing.T) {
	f := newFixture(t)
	id := f.create(t, map[string]any{"email": "ada@example.com"})
	r := f.do(t, http.MethodPost, "/contacts/"+id+"/followers", map[string]any{"followers": []string{"u1", "u2", "u1"}})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	assert.JSONEq(t, `{"followers":["u1","u2"],"followersAdded":["u1","u2"]}`, string(r.body))
	r = f.do(t, http.MethodPost, "/contacts/"+id+"/followers", map[string]any{"followers": []string{"u2", "u3"}})
	assert.JSONEq(t, `{"followers":["u1","u2","u3"],"followersAdded":["u3"]}`, string(r.body))
	r = f.do(t, http.MethodDelete, "/contacts/"+id+"/followers", map[string]any{"followers": []string{"u1", "u9"}})
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"followers":["u2","u3"],"followersRemoved":["u1"]}`, string(r.body))
	got, _ := f.srv.Contact(f.loc, id)
	assert.Equal(t, []string{"u2", "u3"}, got.Followers)

	assert.Equal(t, http.StatusUnprocessableEntity, f.do(t, http.MethodPost, "/contacts/"+id+"/followers", map[string]any{"followers": []string{}}).status)
	assert.Equal(t, http.StatusBadRequest, f.do(t, http.MethodPost, "/contacts/nope/followers", map[string]any{"followers": []string{"u"}}).status)
}

func TestCampaignsAndWorkflows(t *testing.T) {
	f := newFixture(t)
	id := f.create(t, map[string]any{"email": "ada@example.com"})
	for _, k := range []string{"k1", "k2", "k3"} {
		r := f.do(t, http.MethodPost, "/contacts/"+id+"/campaigns/"+k, map[string]any{})
		require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
		assert.JSONEq(t, `{"succeded":true}`, string(r.body))
	}
	assert.Equal(t, []string{"k1", "k2", "k3"}, f.srv.Campaigns(id))
	require.Equal(t, http.StatusOK, f.do(t, http.MethodDelete, "/contacts/"+id+"/campaigns/k2", nil).status)
	assert.Equal(t, []string{"k1", "k3"}, f.srv.Campaigns(id))
	require.Equal(t, http.StatusOK, f.do(t, http.MethodDelete, "/contacts/"+id+"/campaigns/removeAll", nil).status)
	assert.Empty(t, f.srv.Campaigns(id))
	assert.Equal(t, http.StatusUnprocessableEntity, f.do(t, http.MethodPost, "/contacts/"+id+"/campaigns/k1", map[string]any{"x": 1}).status)

	r := f.do(t, http.MethodPost, "/contacts/"+id+"/workflow/w1", map[string]any{"eventStartTime": "2021-06-23T03:30:00+01:00"})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	require.Equal(t, http.StatusOK, f.do(t, http.MethodPost, "/contacts/"+id+"/workflow/w2", map[string]any{}).status)
	wf := f.srv.Workflows(id)
	require.Len(t, wf, 2)
	assert.Equal(t, "2021-06-23T03:30:00+01:00", wf[0].EventStartTime)
	assert.Equal(t, f.clock.Now(), wf[1].Added)
	assert.Equal(t, http.StatusUnprocessableEntity, f.do(t, http.MethodPost, "/contacts/"+id+"/workflow/w3", map[string]any{"eventStartTime": "soon"}).status)
	require.Equal(t, http.StatusOK, f.do(t, http.MethodDelete, "/contacts/"+id+"/workflow/w1", map[string]any{}).status)
	assert.Len(t, f.srv.Workflows(id), 1)

	for _, path := range []string{"/contacts/nope/campaigns/k1", "/contacts/nope/workflow/w1"} {
		assert.Equal(t, http.StatusBadRequest, f.do(t, http.MethodPost, path, map[string]any{}).status, path)
	}

	// Deleting the contact forgets where it was enrolled.
	require.Equal(t, http.StatusCreated, f.do(t, http.MethodPost, "/contacts/"+id+"/campaigns/k9", map[string]any{}).status)
	require.Equal(t, http.StatusOK, f.do(t, http.MethodDelete, "/contacts/"+id, nil).status)
	assert.Empty(t, f.srv.Campaigns(id))
	assert.Empty(t, f.srv.Workflows(id))
}
