//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package auth

import (
	"context"
	"errors"
	"os"
)

var errNoFileLock = errors.New("auth: FileStore's lock needs flock(2), which this platform lacks; use another Store")

func lockFile(context.Context, string) (*os.File, error) { return nil, errNoFileLock }

func unlockFile(f *os.File) error { return f.Close() }

// syncDir does nothing: directories cannot be opened for fsync on every platform.
func syncDir(string) error { return nil }

// permissiveOK accepts any directory mode: Unix permission bits mean little on these platforms.
func permissiveOK() bool { return true }
