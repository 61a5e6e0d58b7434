package tasks

import (
	"encoding/json"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/wire"
)

// Task is a to-do attached to a contact (the spec's TaskSchema).
type Task struct {
	ID        string `json:"id"`
	ContactID string `json:"contactId"`
	Title     string `json:"title"`
	Body      string `json:"body,omitempty"`
	// AssignedTo is the ID of the user the task is assigned to.
	AssignedTo string `json:"assignedTo,omitempty"`
	// DueDate is not Valid when HighLevel sent none or a format this package cannot read (its Raw keeps that text).
	DueDate   api.Time `json:"dueDate"`
	Completed bool     `json:"completed"`
	// DateAdded is when the task was created, on the answers that carry it (the spec does not list it, the
	// webhook payloads do); zero otherwise.
	DateAdded api.Time `json:"dateAdded,omitzero"`

	// Raw is the task's JSON exactly as HighLevel sent it, with the fields this type does not model and any
	// timestamp it could not read.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON reads a task tolerantly: a field of an unexpected type is left zero instead of failing the
// task (and the list that holds it).
func (t *Task) UnmarshalJSON(b []byte) error {
	type plain Task // Task without this method
	return wire.Plain(b, (*plain)(t), &t.ID, &t.Raw)
}
