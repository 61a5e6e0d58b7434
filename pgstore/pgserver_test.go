package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// pgServer is a real PostgreSQL on a free loopback port with its data directory in a temporary directory. The
// tests start their own; nothing else may listen there. PG_BIN names the directory of initdb and postgres if
// they are neither under /usr/lib/postgresql (Debian's package) nor on PATH. As root, the server runs as the
// package's unprivileged "postgres" user, which PostgreSQL insists on.
type pgServer struct {
	fatalf func(format string, args ...any)
	dir    string // owns the data directory
	port   int
	URL    string // of the "postgres" database

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	log    *syncBuffer
}

// pgBin is the directory of PostgreSQL's programs and cred the user they run as (nil: this process's).
var (
	pgBin    string
	cred     *syscall.Credential
	template string // a data directory initdb made, copied for every server
)

// setupPostgres finds PostgreSQL's programs and runs initdb once into base.
func setupPostgres(base string) error {
	if pgBin = os.Getenv("PG_BIN"); pgBin == "" {
		found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
		sort.Strings(found) // the newest major version last (they are two digits from 10 on)
		if len(found) > 0 {
			pgBin = filepath.Dir(found[len(found)-1])
		} else if p, err := exec.LookPath("initdb"); err == nil {
			pgBin = filepath.Dir(p)
		} else {
			return errors.New("initdb not found: these tests run against a real PostgreSQL; install it " +
				"(Debian: apt-get install -y postgresql) or set PG_BIN to the directory of initdb and postgres")
		}
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root, the tests start PostgreSQL as the user postgres: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(base, uid, gid); err != nil {
			return err
		}
	}
	template = filepath.Join(base, "template")
	cmd := pgCommand("initdb", "-D", template, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
		"--no-sync", "--no-instructions")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	return nil
}

func pgCommand(name string, args ...string) *exec.Cmd {
	return asPostgres(exec.Command(filepath.Join(pgBin, name), args...))
}

// asPostgres runs cmd as the server's user.
func asPostgres(cmd *exec.Cmd) *exec.Cmd {
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	dieWithParent(cmd)
	return cmd
}

var servers atomic.Int64

// newPGServer copies the template into a new data directory under base, on a free port; Start runs it.
func newPGServer(base string, fatalf func(string, ...any)) *pgServer {
	dir := filepath.Join(base, "pg"+strconv.FormatInt(servers.Add(1), 10))
	if out, err := asPostgres(exec.Command("cp", "-a", template, dir)).CombinedOutput(); err != nil {
		fatalf("copying the data directory: %v\n%s", err, out)
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatalf("finding a free port: %v", err)
		return nil
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	return &pgServer{fatalf: fatalf, dir: dir, port: port,
		URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
}

// startPostgres runs a server of the test's own, stopped at its end.
func startPostgres(t *testing.T) *pgServer {
	t.Helper()
	s := newPGServer(tempBase, t.Fatalf)
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// Start runs the server (again, on the same port and directory) and returns once it accepts connections.
func (s *pgServer) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		s.fatalf("postgres is already running")
		return
	}
	// Settings for a small test server; fsync and synchronous_commit keep their defaults (on), which the
	// restart test relies on.
	cmd := pgCommand("postgres", "-D", s.dir, "-p", strconv.Itoa(s.port), "-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=16MB")
	w := &readyWriter{ready: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		s.fatalf("starting postgres: %v", err)
		return
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.cmd, s.log, s.exited = cmd, &w.log, exited
	select {
	case <-w.ready:
	case <-exited:
	case <-time.After(60 * time.Second):
	}
	if !strings.Contains(s.log.String(), readyLine) {
		s.fatalf("postgres did not start; its log:\n%s", s.log.String())
	}
}

const readyLine = "database system is ready to accept connections"

// Crash stops the server as a crash would for its clients and its data: an immediate shutdown (SIGQUIT) ends
// every backend at once, writes no checkpoint, and the next start runs crash recovery from the WAL.
func (s *pgServer) Crash() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
}

// Stop ends the server at the end of a test (as Crash: nothing of it is kept).
func (s *pgServer) Stop() { s.Crash() }

// database creates a database of its own and returns its URL.
func (s *pgServer) database(name string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, s.URL)
	if err != nil {
		return "", err
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	return strings.Replace(s.URL, "/postgres?", "/"+name+"?", 1), nil
}

// readyWriter keeps the server's log and closes ready at the line that says it accepts connections.
type readyWriter struct {
	log   syncBuffer
	ready chan struct{}
	once  sync.Once
}

func (w *readyWriter) Write(p []byte) (int, error) {
	n, err := w.log.Write(p)
	if strings.Contains(w.log.String(), readyLine) {
		w.once.Do(func() { close(w.ready) })
	}
	return n, err
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
