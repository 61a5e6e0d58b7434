package tasks

import (
	"context"

	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/subresource"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Service calls HighLevel's endpoints for the tasks of a contact. Get one from ghl.Client.
type Service struct{ s *subresource.Service[Task] }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service {
	return &Service{s: subresource.New(t, "tasks", "task", "taskID", func(r *Task) string { return r.ID })}
}

func init() { registry.Register(newService) }

// List returns every task of a contact. HighLevel does not page this list: one call returns all of them. A
// contact that does not exist is an error matching ghl.ErrNotFound, not an empty list.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-all-tasks
//
//ghl:operation GET /contacts/{contactId}/tasks
func (s *Service) List(ctx context.Context, contactID string, opts ...option.RequestOption) ([]Task, error) {
	return s.s.List(transport.WithOptions(ctx, opts), contactID)
}

// Get returns one task of a contact. A missing contact or task is an error matching ghl.ErrNotFound.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-task
//
//ghl:operation GET /contacts/{contactId}/tasks/{taskId}
func (s *Service) Get(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) (*Task, error) {
	return s.s.Get(transport.WithOptions(ctx, opts), contactID, taskID)
}

// Create adds a task to a contact. Title and DueDate are checked before anything is sent. A create is never
// resent once it may have reached HighLevel. When it fails in a way that leaves open whether HighLevel made the
// task (a 5xx, a connection lost in flight, a success answer whose body was cut short), Create lists the
// contact's tasks and returns the one made since the create started with the same title and due date. When it
// cannot tell, the error matches ghl.ErrOutcomeUnknown: the task may exist, and sending the create again may
// duplicate it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/create-task
//
//ghl:operation POST /contacts/{contactId}/tasks
func (s *Service) Create(ctx context.Context, contactID string, p CreateParams, opts ...option.RequestOption) (*Task, error) {
	return s.s.Create(transport.WithOptions(ctx, opts), contactID, p.validate, p, s.recoverCreate(contactID, &p))
}

// Update changes the fields of a task that p sets and returns the task as HighLevel stored it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/update-task
//
//ghl:operation PUT /contacts/{contactId}/tasks/{taskId}
func (s *Service) Update(ctx context.Context, contactID, taskID string, p UpdateParams, opts ...option.RequestOption) (*Task, error) {
	return s.s.Update(transport.WithOptions(ctx, opts), contactID, taskID, p.validate, p)
}

// Complete marks a task done and returns it. Reopen marks it not done.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/update-task-completed
//
//ghl:operation PUT /contacts/{contactId}/tasks/{taskId}/completed
func (s *Service) Complete(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) (*Task, error) {
	return s.setCompleted(transport.WithOptions(ctx, opts), contactID, taskID, true)
}

// Reopen marks a done task not done and returns it; it sends the same request as Complete with completed
// false.
func (s *Service) Reopen(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) (*Task, error) {
	return s.setCompleted(transport.WithOptions(ctx, opts), contactID, taskID, false)
}

func (s *Service) setCompleted(ctx context.Context, contactID, taskID string, completed bool) (*Task, error) {
	noCheck := func() error { return nil }
	return s.s.Update(ctx, contactID, taskID, noCheck, completedBody{Completed: completed}, "completed")
}

// Delete removes a task. A missing contact or task is an error matching ghl.ErrNotFound, except on a resent
// request: when an attempt failed on the way back and the next one finds the task gone, Delete reports success.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-task
//
//ghl:operation DELETE /contacts/{contactId}/tasks/{taskId}
func (s *Service) Delete(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) error {
	return s.s.Delete(transport.WithOptions(ctx, opts), contactID, taskID)
}
