package redisstore_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// childEnv selects a child role when the test binary re-executes itself as a replica.
const childEnv = "GHL_REDISSTORE_CHILD"

func TestMain(m *testing.M) {
	// go-redis logs every failed dial of its pool to stderr; the tests that stop Redis check what the SDK
	// says instead.
	redis.SetLogger(quietLogger{})
	switch role := os.Getenv(childEnv); role {
	case "":
		os.Exit(m.Run())
	case "fleet-worker":
		fleetWorker()
	case "hold-lock":
		holdLock()
	default:
		fmt.Fprintln(os.Stderr, "unknown child role", role)
		os.Exit(2)
	}
}

type quietLogger struct{}

func (quietLogger) Printf(context.Context, string, ...any) {}
