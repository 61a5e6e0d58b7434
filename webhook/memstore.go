package webhook

import (
	"context"
	"sync"
	"time"
)

// DefaultMaxEntries bounds a MemoryStore made by NewMemoryStore with maxEntries <= 0: with the default tolerance,
// IDs stay 11 minutes, so this covers over 150 deliveries a second.
const DefaultMaxEntries = 100_000

// MemoryStore is a ReplayStore for one process: a map with expiring entries, bounded in size. When full, it
// drops its oldest entries first. A dropped ID could be replayed while its timestamp is still in the window,
// so size max for the deliveries you expect within twice the tolerance. Safe for concurrent use.
type MemoryStore struct {
	mu    sync.Mutex
	max   int
	now   func() time.Time
	ids   map[string]*memEntry
	queue []*memEntry // insertion order; an entry no longer in ids is stale and skipped
	head  int
}

type memEntry struct {
	id      string
	token   string // ClaimToken of the claim's context
	done    bool
	expires time.Time
}

// NewMemoryStore returns a store that holds at most maxEntries IDs (DefaultMaxEntries if maxEntries <= 0)
// and reads expiry against now (time.Now if nil). A Handler without WithReplayStore makes one on its own
// clock.
func NewMemoryStore(maxEntries int, now func() time.Time) *MemoryStore {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	if now == nil {
		now = time.Now
	}
	return &MemoryStore{max: maxEntries, now: now, ids: make(map[string]*memEntry)}
}

// Claim implements ReplayStore.
func (s *MemoryStore) Claim(ctx context.Context, id string, lease time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if e, ok := s.ids[id]; ok && now.Before(e.expires) {
		if e.done {
			return ErrReplay
		}
		return ErrInFlight
	}
	s.put(&memEntry{id: id, token: ClaimToken(ctx), expires: now.Add(lease)}, now)
	return nil
}

// Complete implements ReplayStore.
func (s *MemoryStore) Complete(_ context.Context, id string, keep time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.put(&memEntry{id: id, done: true, expires: now.Add(keep)}, now)
	return nil
}

// Release implements ReplayStore. Only the claim made with ctx's ClaimToken is given up: a completed ID stays,
// and so does a claim another caller made after this one's lease ran out.
func (s *MemoryStore) Release(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.ids[id]; ok && !e.done && e.token == ClaimToken(ctx) {
		delete(s.ids, id)
	}
	return nil
}

// Len returns how many IDs the store holds, expired ones not yet swept included.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

// put stores e (replacing any entry of its ID), first sweeping expired entries from the front of the queue
// and, if the store is still full, dropping the oldest live ones.
func (s *MemoryStore) put(e *memEntry, now time.Time) {
	delete(s.ids, e.id) // its queue slot, if any, turns stale
	for s.head < len(s.queue) {
		old := s.queue[s.head]
		live := s.ids[old.id] == old
		if live && now.Before(old.expires) && len(s.ids) < s.max {
			break
		}
		if live {
			delete(s.ids, old.id)
		}
		s.queue[s.head] = nil
		s.head++
	}
	s.ids[e.id] = e
	s.queue = append(s.queue, e)
	// Compact once the dead prefix or the stale entries outweigh the live ones, so the queue stays O(max).
	if s.head > len(s.queue)/2 || len(s.queue) > 2*s.max+16 {
		live := make([]*memEntry, 0, len(s.ids))
		for _, q := range s.queue[s.head:] {
			if q != nil && s.ids[q.id] == q {
				live = append(live, q)
			}
		}
		s.queue, s.head = live, 0
	}
}
