package appointments

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
)

// Statuses are the appointment statuses a create or an update may set.
var Statuses = []string{"new", "confirmed", "cancelled", "showed", "noshow", "invalid"}

// CreateParams describes a new appointment (the spec's AppointmentCreateSchema). CalendarID, ContactID and
// StartTime are required; LocationID defaults to the client's location.
//
// Times are sent as ISO 8601 with the offset of their own zone, to the second, as the spec's examples are
// ("2021-06-23T03:30:00+05:30"): the instant is exact whatever the zone, and a time built in the calendar's
// zone (t.In(zone)) reads in HighLevel as the same wall clock.
type CreateParams struct {
	CalendarID string
	LocationID string
	ContactID  string
	StartTime  time.Time
	// EndTime, when zero, is left to HighLevel: the calendar's slot duration after StartTime.
	EndTime time.Time
	Title   string
	// Description is free text; HighLevel shows it on the appointment and keeps it on the event.
	Description string
	// Address is where the appointment takes place: a street address or a meeting link.
	Address string
	// AppointmentStatus is one of Statuses; HighLevel's default is "confirmed".
	AppointmentStatus string
	AssignedUserID    string
	// MeetingLocationType is "custom", "zoom", "gmeet", "phone", "address", "ms_teams" or "google".
	MeetingLocationType string
	// MeetingLocationID picks one of the calendar's configured meeting locations.
	MeetingLocationID      string
	OverrideLocationConfig *bool
	// IgnoreDateRange skips the calendar's minimum notice and booking window.
	IgnoreDateRange *bool
	// IgnoreFreeSlotValidation books even a slot that is not free, as a sync of another calendar needs.
	IgnoreFreeSlotValidation *bool
	// ToNotify set to false keeps HighLevel's automations (reminders, workflows) from running.
	ToNotify *bool
	// RRule makes the appointment recurring (RFC 5545).
	RRule string
}

type createBody struct {
	Title                    string `json:"title,omitempty"`
	MeetingLocationType      string `json:"meetingLocationType,omitempty"`
	MeetingLocationID        string `json:"meetingLocationId,omitempty"`
	OverrideLocationConfig   *bool  `json:"overrideLocationConfig,omitempty"`
	AppointmentStatus        string `json:"appointmentStatus,omitempty"`
	AssignedUserID           string `json:"assignedUserId,omitempty"`
	Description              string `json:"description,omitempty"`
	Address                  string `json:"address,omitempty"`
	IgnoreDateRange          *bool  `json:"ignoreDateRange,omitempty"`
	ToNotify                 *bool  `json:"toNotify,omitempty"`
	IgnoreFreeSlotValidation *bool  `json:"ignoreFreeSlotValidation,omitempty"`
	RRule                    string `json:"rrule,omitempty"`
	CalendarID               string `json:"calendarId"`
	LocationID               string `json:"locationId"`
	ContactID                string `json:"contactId"`
	StartTime                string `json:"startTime"`
	EndTime                  string `json:"endTime,omitempty"`
}

// formatTime writes t as the spec's examples are: ISO 8601 to the second with t's own offset.
func formatTime(t time.Time) string { return t.Format(time.RFC3339) }

func (p *CreateParams) body(loc string) createBody {
	b := createBody{
		Title: p.Title, MeetingLocationType: p.MeetingLocationType, MeetingLocationID: p.MeetingLocationID,
		OverrideLocationConfig: p.OverrideLocationConfig, AppointmentStatus: p.AppointmentStatus,
		AssignedUserID: p.AssignedUserID, Description: p.Description, Address: p.Address,
		IgnoreDateRange: p.IgnoreDateRange, ToNotify: p.ToNotify, IgnoreFreeSlotValidation: p.IgnoreFreeSlotValidation,
		RRule: p.RRule, CalendarID: p.CalendarID, LocationID: loc, ContactID: p.ContactID,
		StartTime: formatTime(p.StartTime),
	}
	if !p.EndTime.IsZero() {
		b.EndTime = formatTime(p.EndTime)
	}
	return b
}

func (p *CreateParams) check() error {
	switch {
	case strings.TrimSpace(p.CalendarID) == "":
		return transport.InvalidArgument("CalendarID", "is required")
	case strings.TrimSpace(p.ContactID) == "":
		return transport.InvalidArgument("ContactID", "is required")
	case p.StartTime.IsZero():
		return transport.InvalidArgument("StartTime", "is required")
	}
	if err := checkTime("StartTime", p.StartTime); err != nil {
		return err
	}
	if !p.EndTime.IsZero() {
		if err := checkTime("EndTime", p.EndTime); err != nil {
			return err
		}
		if !p.EndTime.After(p.StartTime) {
			return transport.InvalidArgument("EndTime", "must be after StartTime")
		}
	}
	return checkStatus("AppointmentStatus", p.AppointmentStatus)
}

func checkTime(field string, t time.Time) error {
	if y := t.Year(); y < 1 || y > 9999 {
		return transport.InvalidArgument(field, "must be a time between the years 1 and 9999")
	}
	return nil
}

func checkStatus(field, s string) error {
	if s != "" && !slices.Contains(Statuses, s) {
		return transport.InvalidArgument(field, "must be one of "+strings.Join(Statuses, ", "))
	}
	return nil
}

// UpdateParams changes an appointment (the spec's AppointmentEditSchema). A nil field is left as it is;
// ghl.Ptr builds the pointers. Moving StartTime without EndTime keeps the appointment's length.
type UpdateParams struct {
	Title       *string
	Description *string
	Address     *string
	// AppointmentStatus is one of Statuses; "cancelled" cancels the appointment and keeps it.
	AppointmentStatus        *string
	AssignedUserID           *string
	CalendarID               *string
	StartTime                *time.Time
	EndTime                  *time.Time
	MeetingLocationType      *string
	MeetingLocationID        *string
	OverrideLocationConfig   *bool
	IgnoreDateRange          *bool
	IgnoreFreeSlotValidation *bool
	ToNotify                 *bool
	RRule                    *string
}

type updateBody struct {
	Title                    *string `json:"title,omitempty"`
	MeetingLocationType      *string `json:"meetingLocationType,omitempty"`
	MeetingLocationID        *string `json:"meetingLocationId,omitempty"`
	OverrideLocationConfig   *bool   `json:"overrideLocationConfig,omitempty"`
	AppointmentStatus        *string `json:"appointmentStatus,omitempty"`
	AssignedUserID           *string `json:"assignedUserId,omitempty"`
	Description              *string `json:"description,omitempty"`
	Address                  *string `json:"address,omitempty"`
	IgnoreDateRange          *bool   `json:"ignoreDateRange,omitempty"`
	ToNotify                 *bool   `json:"toNotify,omitempty"`
	IgnoreFreeSlotValidation *bool   `json:"ignoreFreeSlotValidation,omitempty"`
	RRule                    *string `json:"rrule,omitempty"`
	CalendarID               *string `json:"calendarId,omitempty"`
	StartTime                *string `json:"startTime,omitempty"`
	EndTime                  *string `json:"endTime,omitempty"`
}

// MarshalJSON writes only the fields that are set, times as CreateParams writes them.
func (p UpdateParams) MarshalJSON() ([]byte, error) {
	b := updateBody{
		Title: p.Title, MeetingLocationType: p.MeetingLocationType, MeetingLocationID: p.MeetingLocationID,
		OverrideLocationConfig: p.OverrideLocationConfig, AppointmentStatus: p.AppointmentStatus,
		AssignedUserID: p.AssignedUserID, Description: p.Description, Address: p.Address,
		IgnoreDateRange: p.IgnoreDateRange, ToNotify: p.ToNotify, IgnoreFreeSlotValidation: p.IgnoreFreeSlotValidation,
		RRule: p.RRule, CalendarID: p.CalendarID,
	}
	if p.StartTime != nil {
		s := formatTime(*p.StartTime)
		b.StartTime = &s
	}
	if p.EndTime != nil {
		s := formatTime(*p.EndTime)
		b.EndTime = &s
	}
	return json.Marshal(b)
}

func (p *UpdateParams) check() error {
	if p.CalendarID != nil && strings.TrimSpace(*p.CalendarID) == "" {
		return transport.InvalidArgument("CalendarID", "must not be empty")
	}
	for _, f := range []struct {
		name string
		t    *time.Time
	}{{"StartTime", p.StartTime}, {"EndTime", p.EndTime}} {
		if f.t == nil {
			continue
		}
		if f.t.IsZero() {
			return transport.InvalidArgument(f.name, "must not be the zero time")
		}
		if err := checkTime(f.name, *f.t); err != nil {
			return err
		}
	}
	if p.StartTime != nil && p.EndTime != nil && !p.EndTime.After(*p.StartTime) {
		return transport.InvalidArgument("EndTime", "must be after StartTime")
	}
	if p.AppointmentStatus != nil {
		return checkStatus("AppointmentStatus", *p.AppointmentStatus)
	}
	return nil
}
