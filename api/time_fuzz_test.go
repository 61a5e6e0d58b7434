package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// FuzzTime feeds arbitrary JSON values to Time: it must never fail or panic, must keep what it could not read,
// and must read back every timestamp it writes.
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
		if json.Valid(data) && trimmed != "null" && trimmed != `""` && !v.Valid() && v.Raw == "" {
			t.Fatalf("UnmarshalJSON(%q) read no time and kept no raw text", data)
		}
		if v.Valid() && v.Raw != "" {
			t.Fatalf("UnmarshalJSON(%q) read %v and still kept raw text %q", data, v.Time, v.Raw)
		}
		at := Time{Time: time.UnixMilli(ms % 253402300799999)} // within years 1970..9999
		if at.Time.Before(time.Unix(1e9, 0)) {
			return
		}
		out, err := json.Marshal(at)
		if err != nil {
			t.Fatal(err)
		}
		var back Time
		if err := json.Unmarshal(out, &back); err != nil || !back.Time.Equal(at.Time) {
			t.Fatalf("%v written as %s reads back as %v (%v)", at.Time, out, back.Time, err)
		}
	})
}
