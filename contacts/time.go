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
		if v, ok := parseUTC(data[1 : len(data)-1]); ok {
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

// parseUTC reads the shape HighLevel writes almost every date in, "2006-01-02T15:04:05.000Z" (any number of
// fraction digits, or none), without allocating: a 100,000-contact export reads 300,000 of them. Anything
// else is left to wire.ParseTime.
func parseUTC(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[len(b)-1] != 'Z' {
		return time.Time{}, false
	}
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	year, ok1 := num(b[0:4])
	month, ok2 := num(b[5:7])
	day, ok3 := num(b[8:10])
	hour, ok4 := num(b[11:13])
	minute, ok5 := num(b[14:16])
	sec, ok6 := num(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	nsec := 0
	if frac := b[19 : len(b)-1]; len(frac) > 0 {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		n, ok := num(frac[1:])
		if !ok {
			return time.Time{}, false
		}
		for range 10 - len(frac) {
			n *= 10
		}
		nsec = n
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // February 30th and the like
		return time.Time{}, false
	}
	return t, true
}
