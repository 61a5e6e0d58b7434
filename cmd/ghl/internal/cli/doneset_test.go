package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDoneSetWatermark(t *testing.T) {
	tests := []struct {
		name    string
		add     []int
		through int
		above   []int
	}{
		{"nothing", nil, 0, nil},
		{"in order", []int{1, 2, 3}, 3, nil},
		{"a gap", []int{1, 3, 4}, 1, []int{3, 4}},
		{"the gap filled", []int{1, 3, 4, 2}, 4, nil},
		{"out of order", []int{5, 2, 4, 1}, 2, []int{4, 5}},
		{"repeats", []int{2, 2, 1, 1}, 2, nil},
		{"far ahead", []int{100}, 0, []int{100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doneSet
			for _, n := range tt.add {
				d.add(n)
			}
			assert.Equal(t, tt.through, d.Through)
			assert.Equal(t, tt.above, d.Above)
			seen := map[int]bool{}
			for _, n := range tt.add {
				seen[n] = true
				assert.True(t, d.has(n), "row %d", n)
			}
			assert.Equal(t, len(seen), d.count())
			assert.False(t, d.has(101))
		})
	}
}

func TestDoneSetCloneIsIndependent(t *testing.T) {
	var d doneSet
	d.add(1)
	d.add(3)
	c := d.clone()
	d.add(2)
	d.add(5)
	assert.Equal(t, doneSet{Through: 1, Above: []int{3}}, c)
	assert.Equal(t, doneSet{Through: 3, Above: []int{5}}, d)
}
