package pgstore

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// attemptsFor is how many connections an operation tries when the ones it gets died with a restarted server:
// one more than the pool holds. A pool keeps its idle connections until it pings them (pgxpool does once one
// has been idle a second), so right after a restart every connection it hands out may be dead; each failed try
// removes one, and the last try dials a fresh one.
func attemptsFor(pool *pgxpool.Pool) int {
	if pool == nil {
		return 1
	}
	return int(pool.Config().MaxConns) + 1
}

// onLiveConn runs op until it succeeds, fails for another reason than a dead connection, or has run attempts
// times. Only operations that may run twice use it: reads, upserts, deletes, and the lock's transaction (a
// lock whose connection died is gone with it).
func onLiveConn(ctx context.Context, attempts int, op func() error) error {
	var err error
	for range max(attempts, 1) {
		if err = op(); err == nil || !deadConn(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// deadConn reports whether err says a connection that had been open died (the server went away while it sat
// in the pool), as opposed to a server that refuses connections or answers with an error.
func deadConn(err error) bool {
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "57P01" || pgErr.Code == "57P02" // admin_shutdown, crash_shutdown
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || pgconn.SafeToRetry(err)
}
