package auth_test

import (
	"fmt"
	"os"
	"testing"
)

// childEnv selects a child role when the test binary re-executes itself.
const childEnv = "GHL_AUTH_TEST_CHILD"

func TestMain(m *testing.M) {
	switch role := os.Getenv(childEnv); role {
	case "":
		os.Exit(m.Run())
	case "hold-lock":
		holdLock()
	case "cross-process-worker":
		crossProcessWorker()
	default:
		fmt.Fprintln(os.Stderr, "unknown child role", role)
		os.Exit(2)
	}
}
