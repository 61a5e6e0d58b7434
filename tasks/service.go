package tasks

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Service calls HighLevel's endpoints for the tasks of a contact. Get one from ghl.Client.
type Service struct{ t *transport.Client }

// newService returns a Service that sends through t; ghl.NewClient builds it through the registry.
func newService(t *transport.Client) *Service { return &Service{t: t} }

func init() { registry.Register(newService) }

// List returns every task of a contact. HighLevel does not page this list: one call returns all of them. A
// contact that does not exist is an error matching ghl.ErrNotFound, not an empty list.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-all-tasks
//
//ghl:operation GET /contacts/{contactId}/tasks
func (s *Service) List(ctx context.Context, contactID string, opts ...option.RequestOption) ([]Task, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	var out struct {
		Tasks []*Task `json:"tasks"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("contacts", contactID, "tasks"), Kind: transport.Read}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	list := make([]Task, 0, len(out.Tasks))
	for _, t := range out.Tasks {
		if t != nil {
			list = append(list, *t)
		}
	}
	return list, nil
}

// Get returns one task of a contact. A missing contact or task is an error matching ghl.ErrNotFound.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/get-task
//
//ghl:operation GET /contacts/{contactId}/tasks/{taskId}
func (s *Service) Get(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) (*Task, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, taskID); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodGet, transport.Path("contacts", contactID, "tasks", taskID), transport.Read, nil)
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
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	start := s.t.Now()
	created, err := s.one(ctx, http.MethodPost, transport.Path("contacts", contactID, "tasks"), transport.Create, p)
	if err != nil && errors.Is(err, transport.ErrOutcomeUnknown) {
		return s.recoverCreate(ctx, contactID, &p, start, err)
	}
	return created, err
}

// Update changes the fields of a task that p sets and returns the task as HighLevel stored it.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/update-task
//
//ghl:operation PUT /contacts/{contactId}/tasks/{taskId}
func (s *Service) Update(ctx context.Context, contactID, taskID string, p UpdateParams, opts ...option.RequestOption) (*Task, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, taskID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPut, transport.Path("contacts", contactID, "tasks", taskID), transport.Idempotent, p)
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
	if err := requireIDs(contactID, taskID); err != nil {
		return nil, err
	}
	path := transport.Path("contacts", contactID, "tasks", taskID, "completed")
	return s.one(ctx, http.MethodPut, path, transport.Idempotent, completedBody{Completed: completed})
}

// Delete removes a task. A missing contact or task is an error matching ghl.ErrNotFound, except on a resent
// request: when an attempt failed on the way back and the next one finds the task gone, Delete reports success.
//
// https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-task
//
//ghl:operation DELETE /contacts/{contactId}/tasks/{taskId}
func (s *Service) Delete(ctx context.Context, contactID, taskID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := requireIDs(contactID, taskID); err != nil {
		return err
	}
	var out struct {
		Succeded *bool `json:"succeded"` // sic: HighLevel's spelling
	}
	req := &transport.Request{Method: http.MethodDelete, Path: transport.Path("contacts", contactID, "tasks", taskID), Kind: transport.Idempotent}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return goneOnRetry(err)
	}
	if out.Succeded != nil && !*out.Succeded {
		return fmt.Errorf("ghl: DELETE %s: HighLevel answered succeded: false", req.Path)
	}
	return nil
}

func requireIDs(contactID, taskID string) error {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	return transport.RequireID("taskID", taskID)
}

// one sends a request answered with {"task": …}.
func (s *Service) one(ctx context.Context, method, path string, kind transport.Kind, body any) (*Task, error) {
	var out struct {
		Task *Task `json:"task"`
	}
	if _, err := s.t.Do(ctx, &transport.Request{Method: method, Path: path, Body: body, Kind: kind}, &out); err != nil {
		return nil, err
	}
	if out.Task == nil || out.Task.ID == "" {
		return nil, noRecord(method, path, kind)
	}
	return out.Task, nil
}

// noRecord is the error for a success answer without the record it should hold. For a read that is a missing
// record; after a create the task was probably made, so the outcome is unknown rather than failed.
func noRecord(method, path string, kind transport.Kind) error {
	switch kind {
	case transport.Read:
		return fmt.Errorf("ghl: %s %s: the answer holds no task: %w", method, path, transport.ErrNotFound)
	case transport.Create:
		return fmt.Errorf("ghl: %s %s: the answer holds no task; it may have been created: %w", method, path, transport.ErrOutcomeUnknown)
	}
	return fmt.Errorf("ghl: %s %s: the answer holds no task", method, path)
}

// goneOnRetry turns "not found" on a resent deletion into success: the attempt before it failed on the way
// back (a gateway error, a dropped connection) after HighLevel had deleted the task, which is what the caller
// asked for.
func goneOnRetry(err error) error {
	var apiErr *transport.Error
	if errors.As(err, &apiErr) && apiErr.Attempts > 1 && apiErr.Is(transport.ErrNotFound) {
		return nil
	}
	return err
}
