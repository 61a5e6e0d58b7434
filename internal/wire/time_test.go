package wire

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTime(t *testing.T) {
	ist := time.FixedZone("", 5*3600+1800)
	tests := []struct {
		in       string
		want     time.Time
		zoneless bool
		ok       bool
	}{
		{"2021-07-08T02:30:00.000Z", time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), false, true},
		{"2020-10-25T11:00:00Z", time.Date(2020, 10, 25, 11, 0, 0, 0, time.UTC), false, true},
		{"2023-09-25T16:00:00+05:30", time.Date(2023, 9, 25, 16, 0, 0, 0, ist), false, true},
		{"2021-07-08T02:30:00.123+0000", time.Date(2021, 7, 8, 2, 30, 0, 123e6, time.UTC), false, true},
		{"2021-07-16 11:00:00+05:30", time.Date(2021, 7, 16, 11, 0, 0, 0, ist), false, true},
		{"2021-07-16 11:00:00 +0000", time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), false, true},
		{"2021-07-16 11:00:00", time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), true, true},
		{"2021-07-16T11:00:00", time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), true, true},
		{"2021-07-16", time.Date(2021, 7, 16, 0, 0, 0, 0, time.UTC), true, true},
		{"  2021-07-16T11:00:00Z ", time.Date(2021, 7, 16, 11, 0, 0, 0, time.UTC), false, true},
		{"1625711400000", time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), false, true},
		{"1625711400", time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), false, true},
		{"Thu Jul 08 2021 08:00:00 GMT+0530 (India Standard Time)", time.Date(2021, 7, 8, 8, 0, 0, 0, ist), false, true},
		{"Thu, 08 Jul 2021 02:30:00 GMT", time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), false, true},
		{"", time.Time{}, false, false},
		{"0", time.Time{}, false, false},
		{"soon", time.Time{}, false, false},
		{"2021-13-45T99:00:00Z", time.Time{}, false, false},
		{"1e12", time.Time{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, zoneless, ok := ParseTime(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.zoneless, zoneless)
			assert.True(t, tt.want.Equal(got), "got %v, want %v", got, tt.want)
		})
	}
}

func TestFormatTime(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), "2021-07-08T02:30:00.000Z"},
		{time.Date(2021, 7, 8, 8, 0, 0, 987654321, ist), "2021-07-08T02:30:00.987Z"},
	}
	for _, tt := range tests {
		got := FormatTime(tt.in)
		assert.Equal(t, tt.want, got)
		back, _, ok := ParseTime(got)
		assert.True(t, ok)
		assert.True(t, tt.in.Truncate(time.Millisecond).Equal(back))
	}
}

func TestSendableTime(t *testing.T) {
	assert.False(t, SendableTime(time.Time{}))
	assert.False(t, SendableTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)))
	assert.False(t, SendableTime(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)))
	assert.True(t, SendableTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
}

func TestDecodeToleratesWrongTypes(t *testing.T) {
	var rec struct {
		A string  `json:"a"`
		B int     `json:"b"`
		C Strings `json:"c"`
	}
	require.NoError(t, Decode([]byte(`{"a":5,"b":7,"c":["x",3,"y"]}`), &rec))
	assert.Equal(t, "", rec.A)
	assert.Equal(t, 7, rec.B)
	assert.Equal(t, []string{"x", "y"}, []string(rec.C))
	assert.Error(t, Decode([]byte(`{"a":`), &rec), "malformed JSON is still an error")

	var s Strings
	require.NoError(t, json.Unmarshal([]byte(`null`), &s))
	assert.Nil(t, s)
	require.NoError(t, json.Unmarshal([]byte(`"x"`), &s))
	assert.Nil(t, s)
}
