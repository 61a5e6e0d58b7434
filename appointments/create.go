package appointments

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

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
