package api

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/ghlkit/ghl/internal/wire"
)

// Time is a timestamp HighLevel sent, in an API answer or a webhook delivery: every record field that holds
// a date has this type. HighLevel writes dates in several shapes ("2021-08-31T09:59:41.937Z", other ISO 8601
// forms, a bare date, a wall clock without a zone, Unix milliseconds as a number); every shape the SDK knows
// fills the embedded time.Time. A value none of them fits leaves it zero and keeps the text in Raw, so that
// one odd date never fails a whole page or a whole event.
type Time struct {
	time.Time
	// Raw is the value as sent when it could not be read as a time (a string's text, or the JSON of any
	// other value); "" otherwise.
	Raw string
	// Zoneless is set when the text had no zone or offset ("2021-07-16 11:00:00", "2021-07-16"); Time then
	// holds the wall clock read as UTC, to be reinterpreted in the zone the caller knows it was meant in.
	Zoneless bool
}

// UnmarshalJSON reads any of HighLevel's date shapes. It never fails: a value it cannot read is kept in Raw.
func (t *Time) UnmarshalJSON(data []byte) error {
	*t = Time{}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" || string(data) == `""` {
		return nil
	}
	// The fast path reads the quoted shapes nearly every date comes in without allocating.
	if len(data) > 2 && data[0] == '"' && data[len(data)-1] == '"' {
		if v, zoneless, ok := wire.ParseCommon(data[1 : len(data)-1]); ok {
			t.Time, t.Zoneless = v, zoneless
			return nil
		}
	}
	var s string
	if data[0] == '"' {
		if json.Unmarshal(data, &s) != nil {
			t.Raw = string(data)
			return nil
		}
	} else {
		s = string(data)
	}
	if v, zoneless, ok := wire.ParseTime(s); ok {
		t.Time, t.Zoneless = v, zoneless
		return nil
	}
	t.Raw = s
	return nil
}

// MarshalJSON writes the time as HighLevel does (UTC, milliseconds), the raw text when the time was unreadable,
// or null when there is none.
func (t Time) MarshalJSON() ([]byte, error) {
	switch {
	case !t.Time.IsZero():
		return []byte(`"` + wire.FormatTime(t.Time) + `"`), nil
	case t.Raw != "":
		return json.Marshal(t.Raw)
	default:
		return []byte("null"), nil
	}
}

// IsZero reports whether HighLevel sent no time at all (neither a readable one nor a raw value).
func (t Time) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// Valid reports whether a time was sent and could be read.
func (t Time) Valid() bool { return !t.Time.IsZero() }
