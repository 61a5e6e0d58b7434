package redisstore_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisServer is a real redis-server on a free loopback port with its files in a temporary directory. The
// tests start their own; nothing else may listen there. REDIS_SERVER names the binary if it is not on PATH.
type redisServer struct {
	t      *testing.T // nil for the server TestMain starts for the examples
	fatalf func(format string, args ...any)
	bin    string
	dir    string
	port   int
	args   []string
	Addr   string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	log    *syncBuffer
}

// durable are the persistence settings the token store needs: every write in the append-only file, fsynced
// before Redis answers; no snapshots, so the file alone is what a restart reads.
var durable = []string{"--appendonly", "yes", "--appendfsync", "always", "--save", ""}

// volatile keeps nothing on disk.
var volatile = []string{"--appendonly", "no", "--save", ""}

func startRedis(t *testing.T, persistence ...string) *redisServer {
	t.Helper()
	r := newRedisServer(t.TempDir(), t.Fatalf, persistence...)
	r.t = t
	r.Start()
	t.Cleanup(func() { r.Kill() })
	return r
}

// newRedisServer prepares a server in dir; a missing binary or a failure to start goes to fatalf.
func newRedisServer(dir string, fatalf func(string, ...any), persistence ...string) *redisServer {
	bin := os.Getenv("REDIS_SERVER")
	if bin == "" {
		bin = "redis-server"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		fatalf("redis-server not found (%v): these tests run against a real Redis; install it "+
			"(Debian: apt-get install -y redis-server) or set REDIS_SERVER to its path", err)
		return nil
	}
	if len(persistence) == 0 {
		persistence = durable
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatalf("finding a free port: %v", err)
		return nil
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return &redisServer{fatalf: fatalf, bin: path, dir: dir, port: port, args: persistence,
		Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
}

// Start runs the server (again, on the same port and directory) and returns once it accepts connections.
func (r *redisServer) Start() {
	if r.t != nil {
		r.t.Helper()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd != nil {
		r.fatalf("redis-server is already running")
		return
	}
	args := append([]string{"--port", strconv.Itoa(r.port), "--bind", "127.0.0.1", "--dir", r.dir,
		"--daemonize", "no", "--logfile", "", "--protected-mode", "yes"}, r.args...)
	cmd := exec.Command(r.bin, args...)
	dieWithParent(cmd)
	// The server says when it is ready; read its log instead of polling the port.
	w := &readyWriter{ready: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		r.fatalf("starting redis-server: %v", err)
		return
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	r.cmd, r.log, r.exited = cmd, &w.log, exited
	select {
	case <-w.ready:
	case <-exited:
	case <-time.After(20 * time.Second):
	}
	if !strings.Contains(r.log.String(), "Ready to accept connections") {
		r.fatalf("redis-server did not start; its log:\n%s", r.log.String())
	}
}

// Kill ends the server as a crash would (SIGKILL: no shutdown work at all).
func (r *redisServer) Kill() { r.signal(syscall.SIGKILL) }

func (r *redisServer) signal(sig syscall.Signal) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil {
		return
	}
	_ = r.cmd.Process.Signal(sig)
	<-r.exited
	r.cmd = nil
}

// Client returns a client of the server, closed at the end of the test.
func (r *redisServer) Client() *redis.Client {
	c := redis.NewClient(clientOptions(r.Addr))
	r.t.Cleanup(func() { _ = c.Close() })
	return c
}

// readyWriter keeps the server's log and closes ready at the line that says it accepts connections.
type readyWriter struct {
	log   syncBuffer
	ready chan struct{}
	once  sync.Once
}

func (w *readyWriter) Write(p []byte) (int, error) {
	n, err := w.log.Write(p)
	if strings.Contains(w.log.String(), "Ready to accept connections") {
		w.once.Do(func() { close(w.ready) })
	}
	return n, err
}

// clientOptions are go-redis' defaults but for two settings that make an outage's edges sharp in a test:
// a refused connection is dialled once per attempt, not five times, so an outage is reported in a few hundred
// milliseconds instead of two seconds; and the pool is large, because go-redis stops dialling for a second
// once it has seen as many failed dials as its pool size, and the tests check recovery the moment Redis is
// back. (In production that second is go-redis' own back-off; requests in it behave as during the outage.)
func clientOptions(addr string) *redis.Options {
	return &redis.Options{Addr: addr, DialerRetries: 1, MaxRetryBackoff: 100 * time.Millisecond, PoolSize: 256}
}

// syncBuffer is a strings.Builder for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
