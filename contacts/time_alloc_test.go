package contacts_test

import (
	"testing"
	"time"

	"github.com/ghlkit/ghl/contacts"
	"github.com/stretchr/testify/assert"
)

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
			var v contacts.Time
			in := []byte(tt.json)
			allocs := testing.AllocsPerRun(100, func() { _ = v.UnmarshalJSON(in) })
			assert.Zero(t, allocs)
			assert.True(t, tt.want.Equal(v.Time), "got %v", v.Time)
			assert.Empty(t, v.Raw)
		})
	}
}
