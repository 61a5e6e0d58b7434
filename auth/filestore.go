package auth

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// FileStore keeps one JSON file per key in a directory: mode 0600 files in a 0700 directory, each written
// atomically (a temporary file, fsync, rename, fsync of the directory). Its lock is an advisory lock on a
// companion ".lock" file, so processes on one machine that share the directory refresh one at a time; the
// kernel releases the lock of a process that dies. The lock needs flock(2) (Linux, macOS, the BSDs); elsewhere
// Lock returns an error.
//
// A file that cannot be decoded is reported as a *CorruptError naming it, and left as it is.
type FileStore struct {
	dir string

	mu    sync.Mutex
	inner map[Key]chan struct{} // one locker per key inside this process; the file lock is between processes
}

// NewFileStore opens (or creates, mode 0700) the directory dir. A directory that others may read or enter is
// refused: tokens are secrets.
func NewFileStore(dir string) (*FileStore, error) {
	if dir == "" {
		return nil, invalid("dir", "is empty: name the directory to keep tokens in")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("auth: file store directory: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("auth: file store directory: %w", err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("auth: file store directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("auth: file store path %s is not a directory", abs)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && !permissiveOK() {
		return nil, fmt.Errorf("auth: file store directory %s has mode %#o; tokens need a private directory (chmod 700)", abs, perm)
	}
	return &FileStore{dir: abs, inner: map[Key]chan struct{}{}}, nil
}

// Dir is the store's directory.
func (s *FileStore) Dir() string { return s.dir }

// Path is the file that holds key's token.
func (s *FileStore) Path(key Key) string { return filepath.Join(s.dir, key.fileName()+".json") }

// String names the store's directory.
func (s *FileStore) String() string { return "auth.FileStore(" + s.dir + ")" }

// Load reads key's token. Files are replaced by rename, so a reader never sees half a file.
func (s *FileStore) Load(_ context.Context, key Key) (*Token, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	return readTokenFile(s.Path(key))
}

// Delete removes key's token file.
func (s *FileStore) Delete(_ context.Context, key Key) error {
	if err := key.Validate(); err != nil {
		return err
	}
	if err := os.Remove(s.Path(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("auth: deleting stored token: %w", err)
	}
	return nil
}

// Lock takes key's lock: first among this process's callers, then the file lock between processes.
func (s *FileStore) Lock(ctx context.Context, key Key) (Locked, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	ch, ok := s.inner[key]
	if !ok {
		ch = make(chan struct{}, 1)
		s.inner[key] = ch
	}
	s.mu.Unlock()
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	f, err := lockFile(ctx, filepath.Join(s.dir, key.fileName()+".lock"))
	if err != nil {
		<-ch
		return nil, err
	}
	return &fileLocked{s: s, key: key, f: f, ch: ch}, nil
}

type fileLocked struct {
	s    *FileStore
	key  Key
	f    *os.File
	ch   chan struct{}
	once sync.Once
	done atomic.Bool
	err  error
}

func (l *fileLocked) Load(context.Context) (*Token, error) { return readTokenFile(l.s.Path(l.key)) }

func (l *fileLocked) Save(_ context.Context, tok *Token) error {
	if l.done.Load() {
		return errUnlocked
	}
	if tok == nil || tok.AccessToken == "" {
		return errEmptyToken
	}
	b, err := MarshalToken(tok)
	if err != nil {
		return fmt.Errorf("auth: encoding token: %w", err)
	}
	return writeFileAtomic(l.s.Path(l.key), append(b, '\n'))
}

func (l *fileLocked) Unlock() error {
	l.once.Do(func() {
		l.done.Store(true)
		l.err = unlockFile(l.f)
		<-l.ch
	})
	return l.err
}

func readTokenFile(path string) (*Token, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotStored
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading stored token: %w", err)
	}
	t, err := UnmarshalToken(b)
	if err != nil {
		return nil, &CorruptError{Path: path, Problem: err.Error()}
	}
	return t, nil
}

// writeFileAtomic replaces path with data: readers see the old file or the new one, and after a crash one of
// them is on disk.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("auth: saving token: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("auth: saving token: %w", err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("auth: saving token: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("auth: saving token: fsync: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("auth: saving token: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("auth: saving token: %w", err)
	}
	return syncDir(dir)
}
