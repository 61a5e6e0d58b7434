package wire

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// FuzzTime feeds arbitrary JSON values to Time: it must never fail or panic, must keep what it could not read,
// and must read back every timestamp the SDK writes.
func FuzzTime(f *testing.F) {
	for _, s := range []string{
		`"2021-07-08T02:30:00.000Z"`, `"2023-09-25T16:00:00+05:30"`, `"2021-07-16 11:00:00"`, `1625711400000`,
		`null`, `""`, `"x"`, `{"a":1}`, `[1]`, `true`, `"1e400"`, `-1`,
	} {
		f.Add([]byte(s), int64(1625711400123))
	}
	f.Fuzz(func(t *testing.T, data []byte, ms int64) {
		var v Time
		if err := v.UnmarshalJSON(data); err != nil {
			t.Fatalf("UnmarshalJSON(%q) failed: %v", data, err)
		}
		trimmed := string(bytes.TrimSpace(data))
		if json.Valid(data) && trimmed != "null" && trimmed != `""` && v.Raw == "" {
			t.Fatalf("UnmarshalJSON(%q) kept no raw text", data)
		}
		at := time.UnixMilli(ms % 253402300799999) // within years 1970..9999
		if !SendableTime(at) {
			return
		}
		back, _, ok := ParseTime(FormatTime(at))
		if !ok || !back.Equal(at) {
			t.Fatalf("FormatTime(%v) = %q reads back as %v, %t", at, FormatTime(at), back, ok)
		}
	})
}
