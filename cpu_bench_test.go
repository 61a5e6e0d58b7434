//go:build unix

package ghl_test

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU adds cpu-ns/op, the process's CPU time (user and system, client and loopback server together) per
// operation. On a shared machine ns/op also counts the time spent waiting for a core; CPU time does not, so
// the two sides of a benchmark compare more steadily by it.
func reportCPU(b *testing.B, run func()) {
	before := cpuTime()
	run()
	b.ReportMetric(float64((cpuTime()-before).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
