package ghltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTaskLifecycle(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	base := "/contacts/" + cid + "/tasks"

	r := f.do(t, "GET", base, nil)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.JSONEq(t, `{"tasks":[]}`, string(r.body), "an empty list is an empty array, not null")

	r = f.do(t, "POST", base, `{"title":"Call Ada","body":"about engines","dueDate":"2026-03-05T11:00:00+01:00","completed":false,"assignedTo":"u1"}`)
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	task := r.json(t)["task"].(map[string]any)
	id := task["id"].(string)
	assert.Regexp(t, `^[A-Za-z0-9]{20}$`, id)
	assert.Equal(t, map[string]any{
		"id": id, "contactId": cid, "title": "Call Ada", "body": "about engines", "assignedTo": "u1",
		"dueDate": "2026-03-05T10:00:00.000Z", "completed": false,
	}, task, "dueDate is answered in UTC with milliseconds")

	r = f.do(t, "GET", base+"/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, task, r.json(t)["task"])

	r = f.do(t, "PUT", base+"/"+id, `{"title":"Call Ada again","dueDate":"2026-03-06T09:00:00.000Z","body":""}`)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	got := r.json(t)["task"].(map[string]any)
	assert.Equal(t, "Call Ada again", got["title"])
	assert.Equal(t, "2026-03-06T09:00:00.000Z", got["dueDate"])
	assert.Nil(t, got["body"], "an empty body clears it")
	assert.Equal(t, "u1", got["assignedTo"], "absent properties are kept")

	r = f.do(t, "PUT", base+"/"+id+"/completed", `{"completed":true}`)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.Equal(t, true, r.json(t)["task"].(map[string]any)["completed"])
	stored := f.srv.Tasks(cid)
	require.Len(t, stored, 1)
	assert.True(t, stored[0].Completed)

	r = f.do(t, "PUT", base+"/"+id+"/completed", `{"completed":false}`)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, false, r.json(t)["task"].(map[string]any)["completed"])

	second := f.do(t, "POST", base, map[string]any{"title": "Second", "dueDate": "2026-03-07", "completed": true})
	require.Equal(t, http.StatusCreated, second.status, "body: %s", second.body)
	r = f.do(t, "GET", base, nil)
	require.Equal(t, http.StatusOK, r.status)
	list := r.json(t)["tasks"].([]any)
	require.Len(t, list, 2)
	assert.Equal(t, id, list[0].(map[string]any)["id"], "tasks are listed in the order they were made")
	assert.Equal(t, "2026-03-07T00:00:00.000Z", list[1].(map[string]any)["dueDate"])

	r = f.do(t, "DELETE", base+"/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"succeded":true}`, string(r.body))
	r = f.do(t, "GET", base+"/"+id, nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Equal(t, "Task not found", r.json(t)["message"])
	assert.Len(t, f.srv.Tasks(cid), 1)
}

func TestTaskRefusals(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	other := f.create(t, map[string]any{"firstName": "Bob"})
	task := f.srv.AddTask(Task{ContactID: cid, Title: "Seeded", DueDate: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)})
	valid := `{"title":"t","dueDate":"2026-03-05T10:00:00Z","completed":false}`
	tests := []struct {
		name, method, path string
		body               any
		status             int
		message            any
	}{
		{"list of unknown contact", "GET", "/contacts/nobody/tasks", nil, 400, "Contact not found"},
		{"create for unknown contact", "POST", "/contacts/nobody/tasks", valid, 400, "Contact not found"},
		{"get of unknown contact", "GET", "/contacts/nobody/tasks/" + task.ID, nil, 400, "Contact not found"},
		{"unknown task", "GET", "/contacts/" + cid + "/tasks/nothing", nil, 400, "Task not found"},
		{"task of another contact", "GET", "/contacts/" + other + "/tasks/" + task.ID, nil, 400, "Task not found"},
		{"update of unknown task", "PUT", "/contacts/" + cid + "/tasks/nothing", `{"title":"x"}`, 400, "Task not found"},
		{"complete unknown task", "PUT", "/contacts/" + cid + "/tasks/nothing/completed", `{"completed":true}`, 400, "Task not found"},
		{"delete unknown task", "DELETE", "/contacts/" + cid + "/tasks/nothing", nil, 400, "Task not found"},
		{"create without anything", "POST", "/contacts/" + cid + "/tasks", `{}`, 422, []any{
			"title should not be empty", "dueDate should not be empty", "dueDate must be a valid ISO 8601 date string",
			"completed must be a boolean value",
		}},
		{"create with blank title", "POST", "/contacts/" + cid + "/tasks", `{"title":" ","dueDate":"2026-03-05T10:00:00Z","completed":true}`, 422, []any{"title should not be empty"}},
		{"create with a date that is not ISO 8601", "POST", "/contacts/" + cid + "/tasks", `{"title":"t","dueDate":"05/03/2026","completed":true}`, 422, []any{"dueDate must be a valid ISO 8601 date string"}},
		{"create with completed as text", "POST", "/contacts/" + cid + "/tasks", `{"title":"t","dueDate":"2026-03-05","completed":"yes"}`, 422, []any{"completed must be a boolean value"}},
		{"create with an unknown property", "POST", "/contacts/" + cid + "/tasks", `{"title":"t","dueDate":"2026-03-05","completed":true,"status":"open"}`, 422, []any{"property status should not exist"}},
		{"body is validated before the contact is looked up", "POST", "/contacts/nobody/tasks", `{}`, 422, nil},
		{"update with blank title", "PUT", "/contacts/" + cid + "/tasks/" + task.ID, `{"title":""}`, 422, []any{"title should not be empty"}},
		{"update with bad date", "PUT", "/contacts/" + cid + "/tasks/" + task.ID, `{"dueDate":"tomorrow"}`, 422, []any{"dueDate must be a valid ISO 8601 date string"}},
		{"complete without completed", "PUT", "/contacts/" + cid + "/tasks/" + task.ID + "/completed", `{}`, 422, []any{"completed must be a boolean value"}},
		{"complete with another property", "PUT", "/contacts/" + cid + "/tasks/" + task.ID + "/completed", `{"completed":true,"title":"x"}`, 422, []any{"property title should not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(t, tt.method, tt.path, tt.body)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
			if tt.message != nil {
				assert.Equal(t, tt.message, r.json(t)["message"])
			}
		})
	}
	stored := f.srv.Tasks(cid)
	require.Len(t, stored, 1, "no refused request changed anything")
	assert.Equal(t, task, stored[0])
}

func TestTaskRoutesCheckScopeAndLocation(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	readOnly := f.srv.IssueToken(f.loc, ScopeContactsRead)
	elsewhere := f.srv.IssueToken("loc2")
	body := `{"title":"t","dueDate":"2026-03-05","completed":false}`

	r := f.send(t, "POST", "/contacts/"+cid+"/tasks", readOnly, body)
	assert.Equal(t, http.StatusUnauthorized, r.status, "creating needs contacts.write")
	r = f.send(t, "GET", "/contacts/"+cid+"/tasks", readOnly, nil)
	assert.Equal(t, http.StatusOK, r.status, "listing needs contacts.readonly only")
	r = f.send(t, "GET", "/contacts/"+cid+"/tasks", elsewhere, nil)
	assert.Equal(t, http.StatusForbidden, r.status, "a token of another location")
	assert.Empty(t, f.srv.Tasks(cid))
}

func TestDeletingAContactDropsItsRecords(t *testing.T) {
	f := newFixture(t)
	cid := f.create(t, map[string]any{"firstName": "Ada"})
	keep := f.create(t, map[string]any{"firstName": "Bob"})
	for _, id := range []string{cid, keep} {
		f.srv.AddTask(Task{ContactID: id, Title: "t"})
		f.srv.AddNote(Note{ContactID: id, Body: "n"})
		f.srv.AddAppointment(Appointment{ContactID: id})
	}
	r := f.do(t, "PUT", "/contacts/"+cid, `{"firstName":"Augusta"}`)
	require.Equal(t, http.StatusOK, r.status)
	assert.Len(t, f.srv.Tasks(cid), 1, "updating a contact keeps its records")

	r = f.do(t, "DELETE", "/contacts/"+cid, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, f.srv.Tasks(cid))
	assert.Empty(t, f.srv.Notes(cid))
	assert.Empty(t, f.srv.Appointments(cid))
	assert.Len(t, f.srv.Tasks(keep), 1, "other contacts keep theirs")
	assert.Len(t, f.srv.Notes(keep), 1)
	assert.Len(t, f.srv.Appointments(keep), 1)

	// A contact made again under the same ID starts empty.
	f.srv.AddContact(Contact{ID: cid, FirstName: "Ada"})
	r = f.do(t, "GET", "/contacts/"+cid+"/tasks", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, `{"tasks":[]}`, string(r.body))
}

func TestAddRecordPanicsForUnknownContact(t *testing.T) {
	f := newFixture(t)
	assert.PanicsWithValue(t, "ghltest: AddTask: no contact nobody (add it first with AddContact)", func() {
		f.srv.AddTask(Task{ContactID: "nobody"})
	})
	assert.Panics(t, func() { f.srv.AddNote(Note{ContactID: "nobody"}) })
	assert.Panics(t, func() { f.srv.AddAppointment(Appointment{}) })
}
