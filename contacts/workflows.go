package contacts

import (
	"context"
	"net/http"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// WorkflowParams tunes adding a contact to a workflow.
type WorkflowParams struct {
	// EventStartTime is the time the workflow's wait steps count from; zero leaves it to HighLevel (now).
	EventStartTime time.Time
}

type workflowBody struct {
	EventStartTime string `json:"eventStartTime,omitempty"`
}

func checkWorkflow(contactID, workflowID string) error {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	return transport.RequireID("workflowID", workflowID)
}

// AddToWorkflow adds a contact to a workflow. It is not resent once it may have reached HighLevel, since a
// second enrolment could run the workflow twice.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/add-contact-to-workflow
//
//ghl:operation POST /contacts/{contactId}/workflow/{workflowId}
func (s *Service) AddToWorkflow(ctx context.Context, contactID, workflowID string, params WorkflowParams, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := checkWorkflow(contactID, workflowID); err != nil {
		return err
	}
	var body workflowBody
	if !params.EventStartTime.IsZero() {
		body.EventStartTime = params.EventStartTime.Format(time.RFC3339)
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: transport.Path("contacts", contactID, "workflow", workflowID),
		Body: body, Kind: transport.Create,
	}, nil)
	return err
}

// RemoveFromWorkflow removes a contact from a workflow.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/delete-contact-from-workflow
//
//ghl:operation DELETE /contacts/{contactId}/workflow/{workflowId}
func (s *Service) RemoveFromWorkflow(ctx context.Context, contactID, workflowID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := checkWorkflow(contactID, workflowID); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodDelete, Path: transport.Path("contacts", contactID, "workflow", workflowID),
		Body: workflowBody{}, Kind: transport.Idempotent,
	}, nil)
	return err
}
