package auth

import (
	"context"
	"sync"
	"sync/atomic"
)

// MemoryStore keeps tokens in memory: for tests and for a single process that can afford to authorize again
// after a restart. The zero value is ready to use.
type MemoryStore struct {
	mu     sync.Mutex
	tokens map[Key]*Token
	locks  map[Key]chan struct{}
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Load returns a copy of key's token.
func (m *MemoryStore) Load(_ context.Context, key Key) (*Token, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tokens[key]
	if !ok {
		return nil, ErrNotStored
	}
	return t.clone(), nil
}

// Delete forgets key's token.
func (m *MemoryStore) Delete(_ context.Context, key Key) error {
	if err := key.Validate(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.tokens, key)
	return nil
}

// Lock takes key's lock, waiting for it until ctx is done.
func (m *MemoryStore) Lock(ctx context.Context, key Key) (Locked, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.locks == nil {
		m.locks = map[Key]chan struct{}{}
	}
	ch, ok := m.locks[key]
	if !ok {
		ch = make(chan struct{}, 1)
		m.locks[key] = ch
	}
	m.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return &memLocked{m: m, key: key, ch: ch}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type memLocked struct {
	m    *MemoryStore
	key  Key
	ch   chan struct{}
	once sync.Once
	done atomic.Bool
}

func (l *memLocked) Load(ctx context.Context) (*Token, error) { return l.m.Load(ctx, l.key) }

func (l *memLocked) Save(_ context.Context, tok *Token) error {
	if l.done.Load() {
		return errUnlocked
	}
	if tok == nil || tok.AccessToken == "" {
		return errEmptyToken
	}
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	if l.m.tokens == nil {
		l.m.tokens = map[Key]*Token{}
	}
	l.m.tokens[l.key] = tok.clone()
	return nil
}

func (l *memLocked) Unlock() error {
	l.once.Do(func() {
		l.done.Store(true)
		<-l.ch
	})
	return nil
}
