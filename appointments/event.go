package appointments

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/settle"
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

// Create books an appointment and returns it as HighLevel answered (the spec's AppointmentSchemaResponse,
// which leaves out the description: Get reads it). Scope: calendars/events.write.
//
// Create never sends the request twice once it may have reached HighLevel, which can fail on the way back and
// still have booked. When that happens, or HighLevel answers a success whose body holds no appointment,
// Create looks for the appointment among the contact's (same calendar, same start, added since shortly before
// the create) and returns it. When it cannot tell, it returns an *UnknownOutcomeError, which matches
// ghl.ErrOutcomeUnknown: the appointment may exist, and sending the create again may book it twice.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/create-appointment
//
//ghl:operation POST /calendars/events/appointments
func (s *Service) Create(ctx context.Context, p CreateParams, opts ...option.RequestOption) (*Appointment, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := location.Checked(s.t, p.LocationID, p.check)
	if err != nil {
		return nil, err
	}
	path := transport.Path("calendars", "events", "appointments")
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: p.body(loc), Kind: transport.Create, Version: calendarsVersion}
	return settle.Create(ctx, s.t, req, "appointment", created, s.recoverCreate(&p))
}

// created reads the appointment a create's answer holds, or nil.
func created(raw json.RawMessage) *Appointment {
	var a Appointment
	if json.Unmarshal(raw, &a) != nil || a.ID == "" {
		return nil
	}
	return &a
}
