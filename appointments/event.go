package appointments

import (
	"context"
	"fmt"
	"net/http"

	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Get returns one appointment of the calendars API by its event ID. A missing appointment is an error
// matching ghl.ErrNotFound. Scope: calendars/events.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/get-appointment
//
//ghl:operation GET /calendars/events/appointments/{eventId}
func (s *Service) Get(ctx context.Context, eventID string, opts ...option.RequestOption) (*Appointment, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("eventID", eventID); err != nil {
		return nil, err
	}
	path := transport.Path("calendars", "events", "appointments", eventID)
	req := &transport.Request{Method: http.MethodGet, Path: path, Kind: transport.Read, Version: calendarsVersion}
	return envelope.One(ctx, s.t, req, "event", "appointment", func(a *Appointment) string { return a.ID })
}

// Update changes the fields of an appointment that p sets and returns it as HighLevel answered (the spec's
// AppointmentSchemaResponse, which leaves out the description: Get reads it). Scope: calendars/events.write.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/edit-appointment
//
//ghl:operation PUT /calendars/events/appointments/{eventId}
func (s *Service) Update(ctx context.Context, eventID string, p UpdateParams, opts ...option.RequestOption) (*Appointment, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("eventID", eventID); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	var out Appointment
	path := transport.Path("calendars", "events", "appointments", eventID)
	req := &transport.Request{Method: http.MethodPut, Path: path, Body: p, Kind: transport.Idempotent, Version: calendarsVersion}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, fmt.Errorf("ghl: PUT %s: the answer holds no appointment", path)
	}
	return &out, nil
}

// Delete removes a calendar event: an appointment or a blocked slot. A missing event is an error matching
// ghl.ErrNotFound. To keep the appointment on record, Update its AppointmentStatus to "cancelled" instead.
// Scope: calendars/events.write.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/delete-event
//
//ghl:operation DELETE /calendars/events/{eventId}
func (s *Service) Delete(ctx context.Context, eventID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("eventID", eventID); err != nil {
		return err
	}
	path := transport.Path("calendars", "events", eventID)
	// The spec requires a body (DeleteAppointmentSchema, which has no properties).
	req := &transport.Request{Method: http.MethodDelete, Path: path, Body: struct{}{}, Kind: transport.Idempotent, Version: calendarsVersion}
	return envelope.Delete(ctx, s.t, req, "succeeded")
}
