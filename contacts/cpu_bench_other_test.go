//go:build !unix

package contacts_test

import "testing"

// reportCPU runs the benchmark; CPU time per op is only measured where getrusage exists.
func reportCPU(_ *testing.B, run func()) { run() }
