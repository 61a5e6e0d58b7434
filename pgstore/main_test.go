package pgstore_test

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// childEnv selects a child role when the test binary re-executes itself as a replica.
const childEnv = "GHL_PGSTORE_CHILD"

func TestMain(m *testing.M) {
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

// shared is the server most tests use, each in a database of its own; tests that stop the server start their
// own. tempBase holds every data directory.
var (
	shared   *pgServer
	tempBase string
)

// runTests runs initdb once, starts the shared server, points DATABASE_URL at a database of it for the example
// (as a service would be told where its database is), then runs the tests.
func runTests(m *testing.M) int {
	var err error
	tempBase, err = os.MkdirTemp("", "pgstore-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tempBase)
	if err := setupPostgres(tempBase); err != nil {
		fmt.Fprintln(os.Stderr, "pgstore tests:", err)
		return 1
	}
	failed := false
	fatalf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "pgstore tests: "+format+"\n", args...)
		failed = true
	}
	shared = newPGServer(tempBase, fatalf)
	if failed {
		return 1
	}
	shared.Start()
	defer shared.Stop()
	if failed {
		return 1
	}
	url, err := shared.database("example")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgstore tests:", err)
		return 1
	}
	os.Setenv("DATABASE_URL", url)
	return m.Run()
}

var databases atomic.Int64

// newDB returns a pool on a fresh database of the shared server, closed at the end of the test.
func newDB(t *testing.T) (*pgxpool.Pool, string) {
	t.Helper()
	url, err := shared.database("t" + strconv.FormatInt(databases.Add(1), 10))
	if err != nil {
		t.Fatalf("creating a database: %v", err)
	}
	return openPool(t, url), url
}

func openPool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(ctxT(t), url)
	if err != nil {
		t.Fatalf("connecting to %s: %v", url, err)
	}
	t.Cleanup(pool.Close)
	return pool
}
