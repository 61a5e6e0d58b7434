package tasks

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
)

// CreateParams describes a new task (the spec's CreateTaskParams). Title and DueDate are required; Completed
// is always sent, as HighLevel requires it.
type CreateParams struct {
	Title string
	Body  string
	// DueDate is sent in UTC with millisecond precision.
	DueDate   time.Time
	Completed bool
	// AssignedTo is the ID of a user of the location.
	AssignedTo string
}

type createBody struct {
	Title      string `json:"title"`
	Body       string `json:"body,omitempty"`
	DueDate    string `json:"dueDate"`
	Completed  bool   `json:"completed"`
	AssignedTo string `json:"assignedTo,omitempty"`
}

// MarshalJSON writes the body HighLevel expects, with DueDate as "2006-01-02T15:04:05.000Z".
func (p CreateParams) MarshalJSON() ([]byte, error) {
	return json.Marshal(createBody{
		Title: p.Title, Body: p.Body, DueDate: wire.FormatTime(p.DueDate), Completed: p.Completed,
		AssignedTo: p.AssignedTo,
	})
}

func (p *CreateParams) validate() error {
	if strings.TrimSpace(p.Title) == "" {
		return transport.InvalidArgument("Title", "is required")
	}
	if p.DueDate.IsZero() {
		return transport.InvalidArgument("DueDate", "is required")
	}
	return checkDueDate(p.DueDate)
}

// UpdateParams changes a task (the spec's UpdateTaskBody). A nil field is left as it is; ghl.Ptr builds the
// pointers.
type UpdateParams struct {
	Title *string
	// Body set to "" clears the description.
	Body      *string
	DueDate   *time.Time
	Completed *bool
	// AssignedTo is the ID of a user of the location.
	AssignedTo *string
}

type updateBody struct {
	Title      *string `json:"title,omitempty"`
	Body       *string `json:"body,omitempty"`
	DueDate    *string `json:"dueDate,omitempty"`
	Completed  *bool   `json:"completed,omitempty"`
	AssignedTo *string `json:"assignedTo,omitempty"`
}

// MarshalJSON writes only the fields that are set, with DueDate as "2006-01-02T15:04:05.000Z".
func (p UpdateParams) MarshalJSON() ([]byte, error) {
	b := updateBody{Title: p.Title, Body: p.Body, Completed: p.Completed, AssignedTo: p.AssignedTo}
	if p.DueDate != nil {
		s := wire.FormatTime(*p.DueDate)
		b.DueDate = &s
	}
	return json.Marshal(b)
}

func (p *UpdateParams) validate() error {
	if p.Title == nil && p.Body == nil && p.DueDate == nil && p.Completed == nil && p.AssignedTo == nil {
		return transport.InvalidArgument("UpdateParams", "changes nothing: set at least one field")
	}
	if p.Title != nil && strings.TrimSpace(*p.Title) == "" {
		return transport.InvalidArgument("Title", "must not be empty")
	}
	if p.DueDate != nil {
		return checkDueDate(*p.DueDate)
	}
	return nil
}

func checkDueDate(t time.Time) error {
	if !wire.SendableTime(t) {
		return transport.InvalidArgument("DueDate", "must be a time between the years 1 and 9999")
	}
	return nil
}

// completedBody is the spec's UpdateTaskStatusParams.
type completedBody struct {
	Completed bool `json:"completed"`
}
