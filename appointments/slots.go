package appointments

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/internal/wire"
	"github.com/ghlkit/ghl/option"
)

// maxSlotRange is the spec's limit: "Date range cannot be more than 31 days".
const maxSlotRange = 31 * 24 * time.Hour

// FreeSlotsParams is the window to look for free slots in.
type FreeSlotsParams struct {
	// Start and End bound the window; End may be at most 31 days after Start.
	Start, End time.Time
	// TimeZone is the zone HighLevel counts the days of the answer in, and the zone the returned times are in.
	// nil leaves it to HighLevel, which uses the calendar's own zone; the times then keep the offset HighLevel
	// wrote. It must be a named zone (time.LoadLocation), not time.Local.
	TimeZone *time.Location
	// UserID or UserIDs restrict the slots to those users' availability.
	UserID  string
	UserIDs []string
}

func (p *FreeSlotsParams) query() (url.Values, error) {
	switch {
	case p.Start.IsZero():
		return nil, transport.InvalidArgument("Start", "is required")
	case p.End.IsZero():
		return nil, transport.InvalidArgument("End", "is required")
	case p.End.Before(p.Start):
		return nil, transport.InvalidArgument("End", "must not be before Start")
	case p.End.Sub(p.Start) > maxSlotRange:
		return nil, transport.InvalidArgument("End", "must be at most 31 days after Start (HighLevel's limit)")
	case p.TimeZone == time.Local:
		return nil, transport.InvalidArgument("TimeZone", "must be a named zone such as America/New_York, not time.Local")
	}
	q := url.Values{
		"startDate": {strconv.FormatInt(p.Start.UnixMilli(), 10)},
		"endDate":   {strconv.FormatInt(p.End.UnixMilli(), 10)},
	}
	if p.TimeZone != nil {
		q.Set("timezone", p.TimeZone.String())
	}
	if p.UserID != "" {
		q.Set("userId", p.UserID)
	}
	for _, id := range p.UserIDs {
		q.Add("userIds", id)
	}
	return q, nil
}

// FreeSlots returns the start times a calendar can still be booked at between p.Start and p.End, earliest
// first. HighLevel keys its answer by day in the zone asked for; FreeSlots flattens it, as each time carries
// its own offset. Scope: calendars.readonly.
//
// https://marketplace.gohighlevel.com/docs/ghl/calendars/get-slots
//
//ghl:operation GET /calendars/{calendarId}/free-slots
func (s *Service) FreeSlots(ctx context.Context, calendarID string, p FreeSlotsParams, opts ...option.RequestOption) ([]time.Time, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("calendarID", calendarID); err != nil {
		return nil, err
	}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	var days map[string]json.RawMessage
	req := &transport.Request{Method: http.MethodGet, Path: transport.Path("calendars", calendarID, "free-slots"), Query: q, Kind: transport.Read, Version: calendarsVersion}
	if _, err := s.t.Do(ctx, req, &days); err != nil {
		return nil, err
	}
	out := []time.Time{}
	for key, raw := range days {
		// Besides its days, HighLevel's answer can carry other keys (a traceId): only a date is a day.
		if _, err := time.Parse(time.DateOnly, key); err != nil {
			continue
		}
		var day struct {
			Slots wire.Strings `json:"slots"`
		}
		if wire.Decode(raw, &day) != nil {
			continue
		}
		for _, text := range day.Slots {
			t, zoneless, ok := wire.ParseTime(text)
			if !ok || zoneless {
				continue // a slot without an offset names no instant
			}
			if p.TimeZone != nil {
				t = t.In(p.TimeZone)
			}
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, time.Time.Equal), nil
}
