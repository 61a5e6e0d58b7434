package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// commonShapes are inputs around the shapes ParseCommon reads; for each, it must either decline or agree with
// the layouts.
var commonShapes = []string{
	"2021-07-08T02:30:00.000Z", "2021-07-08T02:30:00Z", "2021-07-08T02:30:00.1Z", "2021-07-08T02:30:00.123456789Z",
	"2021-07-08T02:30:00.1234567891Z", "2023-09-25T16:00:00+05:30", "2023-09-25T16:00:00.250-07:00",
	"2023-09-25T16:00:00+00:00", "2023-09-25T16:00:00-00:00", "2023-09-25T16:00:00+24:00", "2023-09-25T16:00:00+05:60",
	"1990-09-25", "2024-02-29", "2023-02-29", "2023-04-31", "2023-12-31", "0000-01-01", "2021-00-10", "2021-13-01",
	"2021-07-08T24:00:00Z", "2021-07-08T23:60:00Z", "2021-07-08T23:59:60Z", "2021-07-08T02:30:00.Z",
	"2021-07-08T02:30:00,5Z", "2021-07-08 02:30:00Z", "2021-07-08T02:30Z", "2021-07-08T02:30:00", "2021-7-08",
	"2021-07-08T02:30:00+0530", "2021-07-08T02:30:00z", "20x1-07-08", "2021-07-08T02:30:00.000ZZ", "2021-07-08x",
}

func TestParseCommonAgreesWithLayouts(t *testing.T) {
	for _, in := range commonShapes {
		t.Run(in, func(t *testing.T) {
			got, zoneless, ok := ParseCommon(in)
			if !ok {
				return // declined: ParseTime goes on to the layouts, as it always did
			}
			want, wantZoneless, wantOK := parseLayouts(in)
			assert.True(t, wantOK, "the layouts reject what the fast path read as %v", got)
			assert.True(t, want.Equal(got), "fast path %v, layouts %v", got, want)
			_, off := got.Zone()
			_, wantOff := want.Zone()
			assert.Equal(t, wantOff, off)
			assert.Equal(t, wantZoneless, zoneless)
		})
	}
}

func TestParseCommonReadsHighLevelShapes(t *testing.T) {
	for _, in := range []string{"2021-07-08T02:30:00.000Z", "1990-09-25", "2023-09-25T16:00:00+05:30", "2021-07-08T02:30:00Z"} {
		_, _, ok := ParseCommon(in)
		assert.True(t, ok, in)
		_, _, ok = ParseCommon([]byte(in))
		assert.True(t, ok, in)
		allocs := testing.AllocsPerRun(100, func() { ParseTime(in) })
		assert.Zero(t, allocs, "ParseTime(%q) allocates", in)
	}
}

func FuzzParseCommon(f *testing.F) {
	for _, s := range commonShapes {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, zoneless, ok := ParseCommon(in)
		if !ok {
			return
		}
		want, wantZoneless, wantOK := parseLayouts(in)
		if !wantOK || !want.Equal(got) || zoneless != wantZoneless {
			t.Fatalf("ParseCommon(%q) = %v, %t; layouts give %v, %t, %t", in, got, zoneless, want, wantZoneless, wantOK)
		}
	})
}
