package contacts

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/ghlkit/ghl/internal/wire"
)

// Time is a timestamp HighLevel sent. HighLevel writes dates in several shapes ("2021-08-31T09:59:41.937Z",
// other ISO 8601 forms, a bare date, Unix milliseconds as a number); every shape the SDK knows fills the
// embedded time.Time. A value none of them fits leaves it zero and keeps the text in Raw, so that one odd date
// never fails a whole page.
type Time struct {
	time.Time
	// Raw is the value as sent when it could not be read as a time; "" otherwise.
	Raw string
}

// UnmarshalJSON reads any of HighLevel's date shapes. It never fails: a value it cannot read is kept in Raw.
func (t *Time) UnmarshalJSON(data []byte) error {
	*t = Time{}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" || string(data) == `""` {
		return nil
	}
	if len(data) > 2 && data[0] == '"' && data[len(data)-1] == '"' {
		if v, _, ok := wire.ParseCommon(data[1 : len(data)-1]); ok {
			t.Time = v
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
	if v, _, ok := wire.ParseTime(s); ok {
		t.Time = v
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
