package cli

import (
	"bytes"
	"testing"
	"time"

	"github.com/ghlkit/ghl/clock"
	"github.com/stretchr/testify/assert"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		name         string
		startCount   int
		total, count int
		elapsed      time.Duration
		want         string
	}{
		{"total unknown", 0, 0, 1500, 3 * time.Second, "exported 1,500 contacts, 500/s"},
		{"with total and ETA", 0, 100000, 12500, 10 * time.Second, "exported 12,500 of 100,000 contacts (12.5%), 1,250/s, ETA 1m10s"},
		{"resumed: the rate counts this run only", 10000, 20000, 11000, 2 * time.Second, "exported 11,000 of 20,000 contacts (55.0%), 500/s, ETA 18s"},
		{"nothing yet", 0, 10, 0, 0, "exported 0 of 10 contacts (0.0%)"},
		{"done", 0, 10, 10, time.Second, "exported 10 of 10 contacts (100.0%), 10/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			p := newProgress(&bytes.Buffer{}, clk, "exported", "contacts", false)
			p.begin(tt.startCount)
			p.setTotal(tt.total)
			assert.Equal(t, tt.want, p.line(tt.count, clk.Now().Add(tt.elapsed)))
		})
	}
}

func TestProgressPrintsEveryIntervalOffATerminal(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var out bytes.Buffer
	p := newProgress(&out, clk, "imported", "rows", false)
	p.update(1)
	assert.Empty(t, out.String(), "nothing before the first interval")
	clk.Advance(logEvery)
	p.update(100)
	clk.Advance(logEvery / 2)
	p.update(150)
	clk.Advance(logEvery / 2)
	p.update(200)
	assert.Equal(t, "imported 100 rows, 10/s\nimported 200 rows, 10/s\n", out.String())

	var quiet bytes.Buffer
	q := newProgress(&quiet, clk, "imported", "rows", true)
	clk.Advance(time.Hour)
	q.update(5)
	assert.Empty(t, quiet.String())
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		assert.Equal(t, want, thousands(n))
	}
}
