package webhook

// Task is the task record that every Task* event carries.
type Task struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId"`
	ContactID  string `json:"contactId"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	AssignedTo string `json:"assignedTo"`
	DateAdded  Time   `json:"dateAdded"`
	DueDate    Time   `json:"dueDate"`
}

// TaskCreate is the payload of TypeTaskCreate.
type TaskCreate struct{ Task }

// TaskComplete is the payload of TypeTaskComplete.
type TaskComplete struct{ Task }

// TaskDelete is the payload of TypeTaskDelete.
type TaskDelete struct{ Task }

// EventType returns TypeTaskCreate.
func (*TaskCreate) EventType() string { return TypeTaskCreate }

// EventType returns TypeTaskComplete.
func (*TaskComplete) EventType() string { return TypeTaskComplete }

// EventType returns TypeTaskDelete.
func (*TaskDelete) EventType() string { return TypeTaskDelete }
