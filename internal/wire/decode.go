package wire

import (
	"encoding/json"
	"errors"
)

// Decode is json.Unmarshal that tolerates a field of the wrong JSON type: encoding/json fills every other
// field and reports the first such mismatch, which Decode drops, so the field stays at its zero value. Only
// malformed JSON is an error. Records decode through it so that one odd field cannot fail a whole list.
func Decode(data []byte, v any) error {
	_, err := DecodeReporting(data, v)
	return err
}

// DecodeReporting is Decode that also returns the mismatch it tolerated (nil when there was none), for a
// caller that logs it.
func DecodeReporting(data []byte, v any) (mismatch, err error) {
	err = json.Unmarshal(data, v)
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return err, nil
	}
	return nil, err
}

// Strings reads a JSON array of strings, skipping elements that are not strings; null or another type
// gives nil.
type Strings []string

// UnmarshalJSON never fails for well-formed JSON.
func (s *Strings) UnmarshalJSON(b []byte) error {
	*s = nil
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil || raw == nil {
		return nil
	}
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		var v string
		if json.Unmarshal(r, &v) == nil {
			out = append(out, v)
		}
	}
	*s = out
	return nil
}
