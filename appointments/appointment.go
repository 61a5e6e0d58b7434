package appointments

import (
	"cmp"
	"encoding/json"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/wire"
)

// Appointment is a calendar event booked for a contact (the spec's GetEventSchema).
type Appointment struct {
	ID         string `json:"id"`
	CalendarID string `json:"calendarId"`
	LocationID string `json:"locationId"`
	ContactID  string `json:"contactId"`
	// GroupID is the calendar group of the calendar, if any.
	GroupID string `json:"groupId,omitempty"`
	Title   string `json:"title"`
	// Status is the event's status, such as "booked".
	Status string `json:"status,omitempty"`
	// AppointmentStatus is the appointment's status: "new", "confirmed", "cancelled", "showed", "noshow" or
	// "invalid".
	AppointmentStatus string `json:"appointmentStatus,omitempty"`
	AssignedUserID    string `json:"assignedUserId,omitempty"`
	// Users are the IDs of the users taking part.
	Users []string `json:"users,omitempty"`
	// AssignedResources are the IDs of the rooms or equipment booked.
	AssignedResources []string `json:"assignedResources,omitempty"`
	Notes             string   `json:"notes,omitempty"`
	// Description is the appointment's description, which the calendars API's create and update write.
	Description string `json:"description,omitempty"`
	// Address is where the appointment takes place: a street address or a meeting link.
	Address string `json:"address,omitempty"`
	// IsRecurring is true for an instance of a recurring event; MasterEventID is then the series' ID and RRule
	// its rule (RFC 5545).
	IsRecurring   bool   `json:"isRecurring,omitempty"`
	MasterEventID string `json:"masterEventId,omitempty"`
	RRule         string `json:"rrule,omitempty"`
	// Source is how the appointment was booked, such as "booking_widget", when HighLevel says (its webhook
	// payloads do; the spec's schema does not list it).
	Source string `json:"source,omitempty"`
	// StartTime and EndTime are not Valid when HighLevel sent none or a format this package cannot read (their Raw
	// keeps that text); Zoneless marks a wall clock sent without a zone ("2021-07-16 11:00:00"), read as UTC.
	StartTime   api.Time `json:"startTime"`
	EndTime     api.Time `json:"endTime"`
	DateAdded   api.Time `json:"dateAdded,omitzero"`
	DateUpdated api.Time `json:"dateUpdated,omitzero"`

	// Raw is the appointment's JSON exactly as HighLevel sent it, with the fields this type does not model and
	// any time it could not read or that had no zone.
	Raw json.RawMessage `json:"-"`
}

// appointmentWire is an appointment as HighLevel sends it.
type appointmentWire struct {
	ID                string `json:"id"`
	LegacyID          string `json:"_id"`
	CalendarID        string `json:"calendarId"`
	LocationID        string `json:"locationId"`
	ContactID         string `json:"contactId"`
	GroupID           string `json:"groupId"`
	Title             string `json:"title"`
	Status            string `json:"status"`
	AppointmentStatus string `json:"appointmentStatus"`
	// HighLevel's calendar events spell it without the "t" in places.
	AppoinmentStatus  string       `json:"appoinmentStatus"`
	AssignedUserID    string       `json:"assignedUserId"`
	Users             wire.Strings `json:"users"`
	AssignedResources wire.Strings `json:"assignedResources"`
	Notes             string       `json:"notes"`
	Description       string       `json:"description"`
	Address           string       `json:"address"`
	Source            string       `json:"source"`
	IsRecurring       *bool        `json:"isRecurring"`
	MasterEventID     string       `json:"masterEventId"`
	RRule             string       `json:"rrule"`
	StartTime         api.Time     `json:"startTime"`
	EndTime           api.Time     `json:"endTime"`
	DateAdded         api.Time     `json:"dateAdded"`
	DateUpdated       api.Time     `json:"dateUpdated"`
}

// UnmarshalJSON reads an appointment tolerantly: a field of an unexpected type is left zero instead of failing
// the appointment (and the list that holds it).
func (a *Appointment) UnmarshalJSON(b []byte) error {
	return wire.Record(b, a, func(w *appointmentWire, raw json.RawMessage) Appointment {
		return Appointment{
			ID:                cmp.Or(w.ID, w.LegacyID),
			CalendarID:        w.CalendarID,
			LocationID:        w.LocationID,
			ContactID:         w.ContactID,
			GroupID:           w.GroupID,
			Title:             w.Title,
			Status:            w.Status,
			AppointmentStatus: cmp.Or(w.AppointmentStatus, w.AppoinmentStatus),
			AssignedUserID:    w.AssignedUserID,
			Users:             w.Users,
			AssignedResources: w.AssignedResources,
			Notes:             w.Notes,
			Description:       w.Description,
			Address:           w.Address,
			Source:            w.Source,
			IsRecurring:       w.IsRecurring != nil && *w.IsRecurring,
			MasterEventID:     w.MasterEventID,
			RRule:             w.RRule,
			StartTime:         w.StartTime,
			EndTime:           w.EndTime,
			DateAdded:         w.DateAdded,
			DateUpdated:       w.DateUpdated,
			Raw:               raw,
		}
	})
}
