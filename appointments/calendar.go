package appointments

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
	"github.com/ghlkit/ghl/option"
)

// calendarsVersion is the Version header every operation of HighLevel's calendars spec names.
const calendarsVersion = "2021-04-15"

// Calendar is a calendar of a location (the parts of the spec's CalendarDTO that booking needs; the rest is in
// Raw).
type Calendar struct {
	ID         string
	LocationID string
	GroupID    string
	Name       string
	// Description is the calendar's description.
	Description string
	// CalendarType is "round_robin", "event", "class_booking", "collective", "service_booking" or "personal".
	CalendarType string
	// IsActive is false for a draft calendar.
	IsActive bool
	// SlotDuration is the length of a booking, zero when HighLevel did not say.
	SlotDuration time.Duration
	// Raw is the calendar's JSON as HighLevel sent it.
	Raw json.RawMessage
}

type calendarWire struct {
	ID               string   `json:"id"`
	LocationID       string   `json:"locationId"`
	GroupID          string   `json:"groupId"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	CalendarType     string   `json:"calendarType"`
	IsActive         *bool    `json:"isActive"`
	SlotDuration     *float64 `json:"slotDuration"`
	SlotDurationUnit string   `json:"slotDurationUnit"`
}

// UnmarshalJSON reads a calendar tolerantly: a field of an unexpected type is left zero.
func (c *Calendar) UnmarshalJSON(b []byte) error {
	return wire.Record(b, c, func(w *calendarWire, raw json.RawMessage) Calendar {
		return Calendar{
			ID: w.ID, LocationID: w.LocationID, GroupID: w.GroupID, Name: w.Name, Description: w.Description,
			CalendarType: w.CalendarType, IsActive: w.IsActive == nil || *w.IsActive, SlotDuration: w.slotDuration(),
			Raw: raw,
		}
	})
}

// slotDuration is the length of a booking in the unit HighLevel names, minutes unless it says hours; zero
// when it did not say.
func (w *calendarWire) slotDuration() time.Duration {
	if w.SlotDuration == nil || *w.SlotDuration <= 0 {
		return 0
	}
	unit := time.Minute
	if w.SlotDurationUnit == "hours" {
		unit = time.Hour
	}
	return time.Duration(*w.SlotDuration * float64(unit))
}

// CalendarsParams selects the calendars ListCalendars returns.
type CalendarsParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// GroupID, when set, keeps only the calendars of that group.
	GroupID string
	// HideDrafts leaves out draft (inactive) calendars; HighLevel includes them by default.
	HideDrafts bool
}

// ListCalendars returns the calendars of a location. HighLevel does not page this list. Scope:
// calendars.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/get-calendars
//
//ghl:operation GET /calendars/
func (s *Service) ListCalendars(ctx context.Context, p CalendarsParams, opts ...option.RequestOption) ([]Calendar, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := location.Or(s.t, p.LocationID)
	if err != nil {
		return nil, err
	}
	q := url.Values{"locationId": {loc}}
	if p.GroupID != "" {
		q.Set("groupId", p.GroupID)
	}
	if p.HideDrafts {
		q.Set("showDrafted", strconv.FormatBool(false))
	}
	var out struct {
		Calendars []*Calendar `json:"calendars"`
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("calendars", ""), Query: q, Kind: transport.Read, Version: calendarsVersion}
	if _, err := s.t.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return wire.Present(out.Calendars), nil
}
