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
		os.Exit(runTests(m))
	case "fleet-worker":
		fleetWorker()
	case "hold-lock":
		holdLock()
	default:
		fmt.Fprintln(os.Stderr, "unknown child role", role)
		os.Exit(2)
	}
}

// runTests starts the Redis the examples connect to (REDIS_ADDR, as a service would be told where its Redis
// is), then runs the tests, which start their own.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "redisstore-example-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	failed := false
	srv := newRedisServer(dir, func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "redisstore tests: "+format+"\n", args...)
		failed = true
	})
	if failed {
		return 1
	}
	srv.Start()
	defer srv.Kill()
	if failed {
		return 1
	}
	os.Setenv("REDIS_ADDR", srv.Addr)
	return m.Run()
}

type quietLogger struct{}

func (quietLogger) Printf(context.Context, string, ...any) {}
