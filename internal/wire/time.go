package wire

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Layout is how HighLevel writes timestamps and how the SDK sends them: UTC with milliseconds and a "Z", as
// JavaScript's Date.prototype.toISOString does ("2021-07-08T02:30:00.000Z").
const Layout = "2006-01-02T15:04:05.000Z"

// FormatTime writes t in Layout.
func FormatTime(t time.Time) string { return t.UTC().Format(Layout) }

// SendableTime reports whether FormatTime writes t as a timestamp HighLevel can read: Layout has a four-digit
// year, so years outside 1..9999 would not round-trip, and the zero time is almost always a forgotten field.
func SendableTime(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}

// zoned are the layouts with a zone or offset: the ones in HighLevel's docs and payloads, and the other
// shapes a JavaScript backend commonly writes. Go accepts a fractional second after the seconds field when
// parsing even where the layout has none.
var zoned = []string{
	time.RFC3339,                // 2021-07-08T02:30:00.000Z, 2023-09-25T16:00:00+05:30
	"2006-01-02T15:04:05Z0700",  // 2021-07-08T02:30:00.000+0000
	"2006-01-02T15:04:05Z07",    // 2021-07-08T02:30:00+05
	"2006-01-02T15:04Z07:00",    // 2021-07-16T11:00Z
	"2006-01-02 15:04:05Z07:00", // 2021-07-16 11:00:00+05:30
	"2006-01-02 15:04:05Z0700",  // 2021-07-16 11:00:00+0000
	"2006-01-02 15:04:05 -0700", // 2021-07-16 11:00:00 +0000
	time.RFC1123Z,
	time.RFC1123,
	"Mon Jan 02 2006 15:04:05 GMT-0700", // Date.prototype.toString, its "(zone name)" cut off
}

// local are the layouts without a zone. The spec's appointment examples are written this way
// ("2021-07-16 11:00:00"); they are read as UTC, and the caller keeps the text to reinterpret it.
var local = []string{
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// ParseTime reads a timestamp in any format HighLevel has been seen to answer with: ISO 8601 with or without
// milliseconds and with "Z" or an offset, a space instead of the "T", no zone at all (read as UTC), a bare
// date, or Unix time in milliseconds or seconds as digits. ok is false for anything else, and for "".
func ParseTime(s string) (t time.Time, zoneless bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	if t, zoneless, ok := ParseCommon(s); ok {
		return t, zoneless, true
	}
	return parseLayouts(s)
}

// parseLayouts is ParseTime without its fast path: Unix time, then every layout in turn.
func parseLayouts(s string) (t time.Time, zoneless bool, ok bool) {
	if t, ok := parseEpoch(s); ok {
		return t, false, true
	}
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i] // "… GMT+0530 (India Standard Time)"
	}
	for _, layout := range zoned {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	for _, layout := range local {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true, true
		}
	}
	return time.Time{}, false, false
}

// parseEpoch reads Unix time written as digits: milliseconds (what JavaScript's Date.now gives) when the value
// is past 1e11, seconds below that. 1e11 seconds is the year 5138, 1e11 milliseconds is 1973. Values under 1e9
// (2001 in seconds) are not taken for timestamps: a 0 or a small count is a placeholder, not a date.
func parseEpoch(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 1e9 || f > 1e15 {
		return time.Time{}, false
	}
	if strings.ContainsAny(s, "eE") {
		return time.Time{}, false
	}
	if f >= 1e11 {
		return time.UnixMilli(int64(f)).UTC(), true
	}
	return time.Unix(int64(f), int64((f-math.Trunc(f))*1e9)).UTC(), true
}
