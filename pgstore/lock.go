package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/jackc/pgx/v5"
)

// ErrLockLost is returned by a Save whose lock ended before it (PostgreSQL ended the transaction: its
// connection was lost, the server restarted, the holder stayed idle past IdleTimeout, or an administrator
// terminated it), so another process may hold the lock now: the token is not written.
var ErrLockLost = errors.New("pgstore: the token's lock ended before the save")

var (
	errUnlocked   = errors.New("pgstore: save after unlock")
	errSaved      = errors.New("pgstore: save after save: the first one committed the lock's transaction and ended the lock")
	errEmptyToken = errors.New("pgstore: cannot store a token without an access token")
)

// unlockTimeout bounds Unlock, which has no context. A transaction it fails to end ends with its connection.
const unlockTimeout = 5 * time.Second

type pgLocked struct {
	s   *TokenStore
	key auth.Key
	ch  chan struct{}

	mu    sync.Mutex
	tx    pgx.Tx // nil once the lock ended
	ended error  // why Save is refused once tx is nil
	once  sync.Once
	err   error
}

func (l *pgLocked) Load(ctx context.Context) (*auth.Token, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx == nil {
		return l.s.load(ctx, l.s.pool, l.key)
	}
	return l.s.load(ctx, l.tx, l.key)
}

// Save writes tok in the lock's transaction and commits it: the token is durable when Save returns, and the
// lock ends with the commit (Unlock then does nothing). A transaction that PostgreSQL already ended cannot
// write, so a holder that lost its lock never overwrites a newer token.
func (l *pgLocked) Save(ctx context.Context, tok *auth.Token) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx == nil {
		return l.ended
	}
	if tok == nil || tok.AccessToken == "" {
		return errEmptyToken
	}
	b, err := auth.MarshalToken(tok)
	if err != nil {
		return fmt.Errorf("pgstore: encoding token: %w", err)
	}
	tx := l.tx
	_, err = tx.Exec(ctx, "INSERT INTO "+l.s.table.quoted+" (client_id, user_type, id, token, updated_at) VALUES ($1, $2, $3, $4, now()) "+
		"ON CONFLICT (client_id, user_type, id) DO UPDATE SET token = EXCLUDED.token, updated_at = EXCLUDED.updated_at",
		l.key.ClientID, string(l.key.UserType), l.key.ID, string(b))
	if err != nil {
		lost := tx.Conn().IsClosed()
		l.end(errSaved, false)
		if lost {
			return fmt.Errorf("%w (%s; the token was not written): %w", ErrLockLost, l.key, err)
		}
		return fmt.Errorf("pgstore: saving the token of %s (not written): %w", l.key, describe(err, l.s.table))
	}
	if err := tx.Commit(ctx); err != nil {
		l.end(errSaved, false)
		return fmt.Errorf("pgstore: committing the token of %s (it may not be saved): %w", l.key, err)
	}
	l.end(errSaved, true)
	return nil
}

// Unlock rolls the lock's transaction back, unless a Save committed it.
func (l *pgLocked) Unlock() error {
	l.once.Do(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.tx == nil {
			l.ended = errUnlocked
			return
		}
		if err := l.end(errUnlocked, false); err != nil {
			l.err = fmt.Errorf("pgstore: unlocking the token of %s (the lock ends with its connection): %w", l.key, err)
		}
	})
	return l.err
}

// end finishes the transaction (rolled back unless committed already) and lets the next waiter of this process
// in; why says what a later Save is told. It must be called with l.mu held, once.
func (l *pgLocked) end(why error, committed bool) error {
	var err error
	if !committed {
		err = rollback(l.tx)
	}
	l.tx, l.ended = nil, why
	<-l.ch
	return err
}

// rollback ends tx; on a connection that died, pgx closes it and PostgreSQL has ended the transaction already.
func rollback(tx pgx.Tx) error {
	ctx, cancel := context.WithTimeout(context.Background(), unlockTimeout)
	defer cancel()
	err := tx.Rollback(ctx)
	if errors.Is(err, pgx.ErrTxClosed) {
		return nil
	}
	return err
}
