package webhook

import (
	"encoding/json"

	"github.com/ghlkit/ghl/appointments"
)

// The Appointment* payloads hold the appointments package's Appointment, which models every field HighLevel
// documents for them (calendarId, groupId, title, address, appointmentStatus, assignedUserId, users, notes,
// source and the four times), so that code written for the API's answers handles the events too.

// AppointmentCreate is the payload of TypeAppointmentCreate.
type AppointmentCreate struct {
	LocationID string `json:"locationId"`
	// Appointment is the body's "appointment". Its LocationID is the payload's when the appointment object
	// leaves it out, as the documented payloads do.
	Appointment appointments.Appointment `json:"appointment"`
}

// AppointmentUpdate is the payload of TypeAppointmentUpdate: the appointment after the change.
type AppointmentUpdate struct {
	LocationID string `json:"locationId"`
	// Appointment is the body's "appointment", with LocationID filled in as in AppointmentCreate.
	Appointment appointments.Appointment `json:"appointment"`
}

// AppointmentDelete is the payload of TypeAppointmentDelete: the appointment as it was.
type AppointmentDelete struct {
	LocationID string `json:"locationId"`
	// Appointment is the body's "appointment", with LocationID filled in as in AppointmentCreate.
	Appointment appointments.Appointment `json:"appointment"`
}

// appointmentPayload has the three payloads' fields and no methods, so decoding it does not recurse.
type appointmentPayload struct {
	LocationID  string                   `json:"locationId"`
	Appointment appointments.Appointment `json:"appointment"`
}

// decode reads an Appointment* payload tolerantly: a field of the wrong type is left zero.
func (p *appointmentPayload) decode(b []byte) error {
	err := json.Unmarshal(b, p)
	if err != nil && !isTypeMismatch(err) {
		return err
	}
	if p.Appointment.LocationID == "" {
		p.Appointment.LocationID = p.LocationID
	}
	return nil
}

// UnmarshalJSON reads the payload tolerantly and gives the appointment the payload's location.
func (a *AppointmentCreate) UnmarshalJSON(b []byte) error {
	return (*appointmentPayload)(a).decode(b)
}

// UnmarshalJSON reads the payload tolerantly and gives the appointment the payload's location.
func (a *AppointmentUpdate) UnmarshalJSON(b []byte) error {
	return (*appointmentPayload)(a).decode(b)
}

// UnmarshalJSON reads the payload tolerantly and gives the appointment the payload's location.
func (a *AppointmentDelete) UnmarshalJSON(b []byte) error {
	return (*appointmentPayload)(a).decode(b)
}

// EventType returns TypeAppointmentCreate.
func (*AppointmentCreate) EventType() string { return TypeAppointmentCreate }

// EventType returns TypeAppointmentUpdate.
func (*AppointmentUpdate) EventType() string { return TypeAppointmentUpdate }

// EventType returns TypeAppointmentDelete.
func (*AppointmentDelete) EventType() string { return TypeAppointmentDelete }
