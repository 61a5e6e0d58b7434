package api

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeUnmarshalNeverFails(t *testing.T) {
	tests := []struct {
		json  string
		want  time.Time
		raw   string
		valid bool
	}{
		{`"2021-07-08T02:30:00.000Z"`, time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), "", true},
		{`1625711400000`, time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), "", true},
		{`"1625711400000"`, time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC), "", true},
		{`null`, time.Time{}, "", false},
		{`""`, time.Time{}, "", false},
		{`"next tuesday"`, time.Time{}, "next tuesday", false},
		{`true`, time.Time{}, "true", false},
		{`{"$date":"2021-07-08"}`, time.Time{}, `{"$date":"2021-07-08"}`, false},
		{`-5`, time.Time{}, "-5", false},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			var rec struct {
				At   Time   `json:"at"`
				Name string `json:"name"`
			}
			err := json.Unmarshal([]byte(`{"at":`+tt.json+`,"name":"kept"}`), &rec)
			require.NoError(t, err)
			assert.Equal(t, "kept", rec.Name, "the fields after the timestamp are read")
			assert.True(t, tt.want.Equal(rec.At.Time), "got %v", rec.At.Time)
			assert.Equal(t, tt.raw, rec.At.Raw)
			assert.Equal(t, tt.valid, rec.At.Valid())
		})
	}
}

func TestTimeZoneless(t *testing.T) {
	var v Time
	require.NoError(t, json.Unmarshal([]byte(`"2021-07-16 11:00:00"`), &v))
	assert.True(t, v.Zoneless)
	require.NoError(t, json.Unmarshal([]byte(`"2021-07-16T11:00:00Z"`), &v))
	assert.False(t, v.Zoneless, "a reused value is reset")
}

// The shapes HighLevel writes nearly every date in are read without allocating; a 500-contact page holds
// over a thousand of them.
func TestTimeReadsCommonShapesWithoutAllocating(t *testing.T) {
	ist := time.FixedZone("", 5*3600+1800)
	tests := []struct {
		json     string
		want     time.Time
		zoneless bool
	}{
		{`"2021-08-31T09:59:41.937Z"`, time.Date(2021, 8, 31, 9, 59, 41, 937e6, time.UTC), false},
		{`"1990-09-25"`, time.Date(1990, 9, 25, 0, 0, 0, 0, time.UTC), true},
		{`"2023-09-25T16:00:00+05:30"`, time.Date(2023, 9, 25, 16, 0, 0, 0, ist), false},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			var v Time
			in := []byte(tt.json)
			allocs := testing.AllocsPerRun(100, func() { _ = v.UnmarshalJSON(in) })
			assert.Zero(t, allocs)
			assert.True(t, tt.want.Equal(v.Time), "got %v", v.Time)
			assert.Equal(t, tt.zoneless, v.Zoneless)
			assert.Empty(t, v.Raw)
		})
	}
}

func TestTimeMarshal(t *testing.T) {
	tests := []struct {
		in   Time
		want string
	}{
		{Time{Time: time.Date(2021, 7, 8, 8, 0, 0, 0, time.FixedZone("", 5*3600+1800))}, `"2021-07-08T02:30:00.000Z"`},
		{Time{Raw: "next tuesday"}, `"next tuesday"`},
		{Time{}, `null`},
	}
	for _, tt := range tests {
		out, err := json.Marshal(tt.in)
		require.NoError(t, err)
		assert.JSONEq(t, tt.want, string(out))
		assert.Equal(t, tt.want == "null", tt.in.IsZero())
	}
}
