package webhook

import (
	"bytes"
	"encoding/json"

	"github.com/ghlkit/ghl/tasks"
)

// Task is the task that every Task* event carries: the tasks package's Task, so that code written for the
// API's answers handles the events too, plus the location the event names. Its Raw holds the whole event
// body, which is the task's JSON with "type", "webhookId" and "timestamp" beside it.
type Task struct {
	tasks.Task
	// LocationID is the sub-account of the task. HighLevel's task records leave it out; its events carry it.
	LocationID string `json:"locationId"`
}

// UnmarshalJSON reads the task with tasks.Task's tolerant decoder and then the location, which that decoder
// does not know. Without it the embedded type's UnmarshalJSON would be promoted and LocationID left empty.
func (t *Task) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil // as encoding/json does for a struct
	}
	if err := t.Task.UnmarshalJSON(b); err != nil {
		return err
	}
	t.LocationID = locationOf(b)
	return nil
}

// TaskCreate is the payload of TypeTaskCreate.
type TaskCreate struct{ Task }

// TaskComplete is the payload of TypeTaskComplete. Its Completed is true: the payload has no "completed",
// the event's type says it.
type TaskComplete struct{ Task }

// TaskDelete is the payload of TypeTaskDelete.
type TaskDelete struct{ Task }

// UnmarshalJSON reads the task as Task does and marks it completed.
func (t *TaskComplete) UnmarshalJSON(b []byte) error {
	if err := t.Task.UnmarshalJSON(b); err != nil {
		return err
	}
	t.Completed = true
	return nil
}

// EventType returns TypeTaskCreate.
func (*TaskCreate) EventType() string { return TypeTaskCreate }

// EventType returns TypeTaskComplete.
func (*TaskComplete) EventType() string { return TypeTaskComplete }

// EventType returns TypeTaskDelete.
func (*TaskDelete) EventType() string { return TypeTaskDelete }

// locationOf reads a body's top-level "locationId"; anything but a string gives "", as in the envelope.
func locationOf(b []byte) string {
	var w struct {
		LocationID string `json:"locationId"`
	}
	_ = json.Unmarshal(b, &w) // a mismatch leaves it "", and the record's decoder already refused bad JSON
	return w.LocationID
}

func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }
