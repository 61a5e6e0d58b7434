package ghltest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// Task is a task as the server stores it (the spec's TaskSchema). Its JSON encoding is HighLevel's wire
// shape, with dueDate as "2006-01-02T15:04:05.000Z".
type Task struct {
	ID         string    `json:"id"`
	ContactID  string    `json:"contactId"`
	Title      string    `json:"title"`
	Body       string    `json:"body,omitempty"`
	AssignedTo string    `json:"assignedTo,omitempty"`
	DueDate    time.Time `json:"dueDate"`
	Completed  bool      `json:"completed"`
}

// MarshalJSON writes the task in HighLevel's wire shape.
func (t Task) MarshalJSON() ([]byte, error) {
	type plain Task
	return json.Marshal(struct {
		plain
		DueDate string `json:"dueDate"`
	}{plain(t), t.DueDate.UTC().Format(timeLayout)})
}

// Messages of the task routes. Chosen: HighLevel's text for a missing task is not documented; it reads like
// its "Contact not found" so that clients map both alike.
const msgTaskMissing = "Task not found"

// routeTasks registers the task routes of the spec.
func (s *Server) routeTasks(r *router) {
	const one = "/contacts/{contactId}/tasks/{taskId}"
	r.add(http.MethodGet, "/contacts/{contactId}/tasks", ScopeContactsRead, s.byContact, s.listTasks)
	r.add(http.MethodPost, "/contacts/{contactId}/tasks", ScopeContactsWrite, s.byContact, s.createTask)
	r.add(http.MethodGet, one, ScopeContactsRead, s.byContact, s.getTask)
	r.add(http.MethodPut, one, ScopeContactsWrite, s.byContact, s.updateTask)
	r.add(http.MethodDelete, one, ScopeContactsWrite, s.byContact, s.deleteTask)
	r.add(http.MethodPut, one+"/completed", ScopeContactsWrite, s.byContact, s.completeTask)
}

type taskAnswer struct {
	Task Task `json:"task"`
}

// taskBody lists exactly the properties of the spec's CreateTaskParams and UpdateTaskBody, which are the same.
type taskBody struct {
	Title      *string `json:"title"`
	Body       *string `json:"body"`
	DueDate    *string `json:"dueDate"`
	Completed  *bool   `json:"completed"`
	AssignedTo *string `json:"assignedTo"`
}

// validate returns class-validator-like messages; create says whether the required properties must be there.
func (b *taskBody) validate(create bool) (due time.Time, msgs []string) {
	if create && b.Title == nil || blank(b.Title) {
		msgs = append(msgs, "title should not be empty")
	}
	switch {
	case b.DueDate != nil:
		var ok bool
		if due, ok = parseISO(*b.DueDate); !ok {
			msgs = append(msgs, "dueDate must be a valid ISO 8601 date string")
		}
	case create:
		msgs = append(msgs, "dueDate should not be empty", "dueDate must be a valid ISO 8601 date string")
	}
	if create && b.Completed == nil {
		msgs = append(msgs, "completed must be a boolean value")
	}
	return due, msgs
}

func (s *Server) listTasks(c *call) {
	s.store.mu.RLock()
	if _, ok := c.contactOrMissing(c.param("contactId")); !ok {
		s.store.mu.RUnlock()
		return
	}
	out := make([]Task, 0)
	for _, t := range s.store.peekRecords(c.param("contactId")).tasks {
		out = append(out, *t)
	}
	s.store.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, struct {
		Tasks []Task `json:"tasks"`
	}{out})
}

func (s *Server) createTask(c *call) {
	var b taskBody
	if !c.decode(&b) {
		return
	}
	due, msgs := b.validate(true)
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	s.store.mu.Lock()
	ct, ok := c.contactOrMissing(c.param("contactId"))
	if !ok {
		s.store.mu.Unlock()
		return
	}
	t := &Task{ID: newID(), ContactID: ct.ID, Title: *b.Title, DueDate: due, Completed: *b.Completed}
	t.Body, t.AssignedTo = deref(b.Body), deref(b.AssignedTo)
	recs := s.store.recordsOf(ct.ID)
	recs.tasks = append(recs.tasks, t)
	out := *t
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, taskAnswer{out})
}

// findTask returns the task of the path, answering for a missing contact or task; the caller holds the lock.
func (c *call) findTask() (*contactRecords, int, bool) {
	ct, ok := c.contactOrMissing(c.param("contactId"))
	if !ok {
		return nil, 0, false
	}
	recs := c.s.store.peekRecords(ct.ID)
	i := slices.IndexFunc(recs.tasks, func(t *Task) bool { return t.ID == c.param("taskId") })
	if i < 0 {
		writeError(c.w, http.StatusBadRequest, msgTaskMissing)
		return nil, 0, false
	}
	return recs, i, true
}

func (s *Server) getTask(c *call) {
	s.store.mu.RLock()
	recs, i, ok := c.findTask()
	var out Task
	if ok {
		out = *recs.tasks[i]
	}
	s.store.mu.RUnlock()
	if ok {
		writeJSON(c.w, http.StatusOK, taskAnswer{out})
	}
}

func (s *Server) updateTask(c *call) {
	var b taskBody
	if !c.decode(&b) {
		return
	}
	due, msgs := b.validate(false)
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	s.changeTask(c, func(t *Task) {
		t.Title = cmp.Or(deref(b.Title), t.Title)
		if b.Body != nil {
			t.Body = *b.Body
		}
		if b.AssignedTo != nil {
			t.AssignedTo = *b.AssignedTo
		}
		if b.DueDate != nil {
			t.DueDate = due
		}
		if b.Completed != nil {
			t.Completed = *b.Completed
		}
	})
}

func (s *Server) completeTask(c *call) {
	var b struct {
		Completed *bool `json:"completed"`
	}
	if !c.decode(&b) {
		return
	}
	if b.Completed == nil {
		writeValidation(c.w, "completed must be a boolean value")
		return
	}
	s.changeTask(c, func(t *Task) { t.Completed = *b.Completed })
}

// changeTask applies change to the task of the path and answers it.
func (s *Server) changeTask(c *call, change func(*Task)) {
	s.store.mu.Lock()
	recs, i, ok := c.findTask()
	var out Task
	if ok {
		next := *recs.tasks[i]
		change(&next)
		recs.tasks[i] = &next
		out = next
	}
	s.store.mu.Unlock()
	if ok {
		writeJSON(c.w, http.StatusOK, taskAnswer{out})
	}
}

func (s *Server) deleteTask(c *call) {
	s.store.mu.Lock()
	recs, i, ok := c.findTask()
	if ok {
		recs.tasks = slices.Delete(recs.tasks, i, i+1)
	}
	s.store.mu.Unlock()
	if ok {
		writeJSON(c.w, http.StatusOK, struct {
			Succeded bool `json:"succeded"` // sic: HighLevel's spelling
		}{true})
	}
}

// AddTask stores t under its contact directly, without a request, and returns the stored copy. An empty ID
// gets a generated one. It panics when t.ContactID names no contact.
func (s *Server) AddTask(t Task) Task {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.mustContact("AddTask", t.ContactID)
	t.ID = cmp.Or(t.ID, newID())
	recs := s.store.recordsOf(t.ContactID)
	recs.tasks = append(recs.tasks, &t)
	return t
}

// Tasks returns copies of the tasks of a contact, in the order they were added.
func (s *Server) Tasks(contactID string) []Task {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	var out []Task
	for _, t := range s.store.peekRecords(contactID).tasks {
		out = append(out, *t)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
