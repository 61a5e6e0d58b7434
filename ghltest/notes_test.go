package ghltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNoteLifecycle(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	base := "/contacts/" + cid + "/notes"

	r := f.do(t, "GET", base, nil)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.JSONEq(t, `{"notes":[]}`, string(r.body))

	first := f.clock.Now()
	r = f.do(t, "POST", base, `{"body":"Met at the fair","title":"Fair","color":"#FFAA00","pinned":true,"userId":"u1"}`)
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	note := r.json(t)["note"].(map[string]any)
	id := note["id"].(string)
	assert.Equal(t, map[string]any{
		"id": id, "contactId": cid, "body": "Met at the fair", "title": "Fair", "color": "#FFAA00", "pinned": true,
		"userId": "u1", "dateAdded": first.Format(timeLayout),
	}, note)

	f.clock.Advance(time.Minute)
	r = f.do(t, "POST", base, map[string]any{"body": "Second"})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	second := r.json(t)["note"].(map[string]any)
	assert.Equal(t, false, second["pinned"])

	r = f.do(t, "GET", base, nil)
	require.Equal(t, http.StatusOK, r.status)
	list := r.json(t)["notes"].([]any)
	require.Len(t, list, 2)
	assert.Equal(t, second["id"], list[0].(map[string]any)["id"], "newest first")

	r = f.do(t, "PUT", base+"/"+id, `{"pinned":false,"title":""}`)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	got := r.json(t)["note"].(map[string]any)
	assert.Equal(t, false, got["pinned"])
	assert.Nil(t, got["title"], "an empty title clears it")
	assert.Equal(t, "Met at the fair", got["body"], "absent properties are kept")

	r = f.do(t, "GET", base+"/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, got, r.json(t)["note"])

	r = f.do(t, "DELETE", base+"/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"succeded":true}`, string(r.body))
	notes := f.srv.Notes(cid)
	require.Len(t, notes, 1)
	assert.Equal(t, "Second", notes[0].Body)
}

func TestNoteRefusals(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	other := f.create(t, map[string]any{"firstName": "Bob"})
	note := f.srv.AddNote(Note{ContactID: cid, Body: "Seeded"})
	tests := []struct {
		name, method, path string
		body               any
		status             int
		message            any
	}{
		{"list of unknown contact", "GET", "/contacts/nobody/notes", nil, 400, "Contact not found"},
		{"create for unknown contact", "POST", "/contacts/nobody/notes", `{"body":"x"}`, 400, "Contact not found"},
		{"unknown note", "GET", "/contacts/" + cid + "/notes/nothing", nil, 400, "Note not found"},
		{"note of another contact", "GET", "/contacts/" + other + "/notes/" + note.ID, nil, 400, "Note not found"},
		{"update of unknown note", "PUT", "/contacts/" + cid + "/notes/nothing", `{"body":"x"}`, 400, "Note not found"},
		{"delete unknown note", "DELETE", "/contacts/" + cid + "/notes/nothing", nil, 400, "Note not found"},
		{"create without body", "POST", "/contacts/" + cid + "/notes", `{"title":"x"}`, 422, []any{"body should not be empty"}},
		{"create with blank body", "POST", "/contacts/" + cid + "/notes", `{"body":"  "}`, 422, []any{"body should not be empty"}},
		{"create with pinned as text", "POST", "/contacts/" + cid + "/notes", `{"body":"x","pinned":"yes"}`, 422, []any{"pinned must be a boolean value"}},
		{"create with an unknown property", "POST", "/contacts/" + cid + "/notes", `{"body":"x","contactId":"y"}`, 422, []any{"property contactId should not exist"}},
		{"update emptying the body", "PUT", "/contacts/" + cid + "/notes/" + note.ID, `{"body":""}`, 422, []any{"body should not be empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(t, tt.method, tt.path, tt.body)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
			assert.Equal(t, tt.message, r.json(t)["message"])
		})
	}
	assert.Equal(t, []Note{note}, f.srv.Notes(cid), "no refused request changed anything")
}
