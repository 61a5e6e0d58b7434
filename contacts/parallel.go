package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// DefaultChains is how many cursor chains SearchAllParallel runs when ParallelOptions.Chains is zero: enough
// to keep HighLevel's 100 requests per 10 s busy with round trips of up to about 700 ms.
const DefaultChains = 8

// ParallelOptions tunes SearchAllParallel.
type ParallelOptions struct {
	// Chains is how many cursor chains run at once; 0 means DefaultChains. They share the client's limiter,
	// so more chains hide more latency but never spend more than the location's budget.
	Chains int
	// Resume, when set, continues a search from a ParallelState saved from an earlier run with the same
	// params. A state with no ranges is a finished search.
	Resume *ParallelState
}

// ParallelState is where a parallel search stands: the ranges of dateAdded still to read, each with the cursor
// of the last contact yielded from it. It marshals to JSON, to be saved and passed back as
// ParallelOptions.Resume.
type ParallelState struct {
	Ranges []SearchRange `json:"ranges"`
}

// SearchRange is one chain of a parallel search: the contacts whose dateAdded, in Unix milliseconds, is in
// [From, To), oldest first, after the contact whose cursor After is.
type SearchRange struct {
	// From is the range's start (inclusive); 0 means from the oldest contact.
	From int64 `json:"from"`
	// To is the range's end (exclusive); 0 means no end.
	To int64 `json:"to,omitempty"`
	// After is the searchAfter cursor of the last contact read from the range; nil before the first.
	After json.RawMessage `json:"after,omitempty"`
}

// ParallelSearch is a search read by several cursor chains at once; see SearchAllParallel.
type ParallelSearch struct {
	svc    *Service
	ctx    context.Context
	body   *searchBody
	chains int
	err    error // a bad param, yielded by All

	mu     sync.Mutex
	ranges map[int]*SearchRange // as the caller has seen them: only what All has yielded counts as read
	nextID int
	used   bool
}

// SearchAllParallel reads every contact that matches params, like SearchAll, with several cursor chains at
// once over disjoint ranges of dateAdded: with HighLevel's round trips of 100 ms or more, one chain cannot
// spend the location's budget, several can. Every chain goes through the client's limiter, so together they
// stay within the budget a single SearchAll has.
//
// The first chain starts from the oldest contact; when a chain learns (from its pages) that others are idle,
// it hands them the later part of its range, split by dateAdded, so that dense ranges are shared out as the
// export runs. Each contact that exists throughout the search is yielded exactly once; one added or deleted
// meanwhile may or may not be. The order across chains is not promised (within a chain it is oldest first).
// params may not set Page or Sort: chains sort by dateAdded.
//
// Iterate with All, once. State may be called at any time, also from the loop's body: it covers every contact
// yielded so far, so that a search resumed from it (ParallelOptions.Resume) yields each of the others once.
func (s *Service) SearchAllParallel(ctx context.Context, params SearchParams, par ParallelOptions, opts ...option.RequestOption) *ParallelSearch {
	ctx = transport.WithOptions(ctx, opts)
	ps := &ParallelSearch{svc: s, ctx: ctx, chains: par.Chains, ranges: map[int]*SearchRange{}}
	if ps.chains <= 0 {
		ps.chains = DefaultChains
	}
	p := params
	p.Filters = append([]Filter(nil), params.Filters...)
	switch {
	case p.Page != 0:
		ps.err = transport.InvalidArgument("Page", "SearchAllParallel pages with searchAfter cursors")
	case len(p.Sort) > 0:
		ps.err = transport.InvalidArgument("Sort", "SearchAllParallel sorts by dateAdded; leave Sort empty")
	case len(p.SearchAfter) > 0:
		ps.err = transport.InvalidArgument("SearchAfter", "SearchAllParallel resumes from ParallelOptions.Resume")
	}
	if ps.err != nil {
		return ps
	}
	p.Sort = []Sort{{Field: "dateAdded", Direction: Asc}}
	if ps.body, ps.err = p.body(s.t, MaxPageLimit); ps.err != nil {
		return ps
	}
	if par.Resume == nil {
		ps.add(SearchRange{})
	} else {
		for _, r := range par.Resume.Ranges {
			ps.add(SearchRange{From: r.From, To: r.To, After: append(json.RawMessage(nil), r.After...)})
		}
	}
	return ps
}

func (ps *ParallelSearch) add(r SearchRange) int {
	id := ps.nextID
	ps.nextID++
	ps.ranges[id] = &r
	return id
}

// State returns where the search stands, ranges in order of dateAdded.
func (ps *ParallelSearch) State() ParallelState {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := ParallelState{Ranges: make([]SearchRange, 0, len(ps.ranges))}
	for _, r := range ps.ranges {
		out.Ranges = append(out.Ranges, SearchRange{From: r.From, To: r.To, After: append(json.RawMessage(nil), r.After...)})
	}
	slices.SortFunc(out.Ranges, func(a, b SearchRange) int { return compareInt(a.From, b.From) })
	return out
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// chainPage is what a chain hands the iterator: a page's contacts in its range, where the chain stands after
// them, the ranges it split off before them, and whether it is finished.
type chainPage struct {
	id       int
	contacts []Contact
	to       int64   // the chain's end after this page (it shrinks when the chain splits)
	spawned  []spawn // ranges split off the chain's end
	done     bool
	err      error
}

type spawn struct {
	id int
	r  SearchRange
}

// All yields the contacts. It stops at the first error, which it yields; when the loop breaks; and when ctx
// is done. When it returns, every chain has stopped.
func (ps *ParallelSearch) All() iter.Seq2[Contact, error] {
	return func(yield func(Contact, error) bool) {
		if ps.err != nil {
			yield(Contact{}, ps.err)
			return
		}
		ps.mu.Lock()
		if ps.used {
			ps.mu.Unlock()
			yield(Contact{}, fmt.Errorf("ghl: a ParallelSearch is iterated once; start another from its State"))
			return
		}
		ps.used = true
		sch := &scheduler{chains: ps.chains, wake: make(chan struct{})}
		for id, r := range ps.ranges {
			sch.queue = append(sch.queue, task{id: id, r: *r})
		}
		ps.mu.Unlock()
		if len(sch.queue) == 0 {
			return
		}
		slices.SortFunc(sch.queue, func(a, b task) int { return compareInt(a.r.From, b.r.From) })

		ctx, cancel := context.WithCancel(ps.ctx)
		pages := make(chan chainPage, ps.chains)
		var wg sync.WaitGroup
		defer func() {
			cancel()
			wg.Wait()
		}()
		wg.Add(ps.chains)
		for range ps.chains {
			go func() {
				defer wg.Done()
				ps.work(ctx, sch, pages)
			}()
		}
		finished := make(chan struct{})
		go func() { wg.Wait(); close(finished) }()
		for {
			var pg chainPage
			select {
			case pg = <-pages:
			case <-finished:
				select { // a page sent just before the last chain stopped
				case pg = <-pages:
				default:
					if err := ps.ctx.Err(); err != nil {
						yield(Contact{}, err)
					}
					return
				}
			case <-ps.ctx.Done():
				yield(Contact{}, ps.ctx.Err())
				return
			}
			if pg.err != nil {
				yield(Contact{}, pg.err)
				return
			}
			if !ps.deliver(pg, yield) {
				return
			}
		}
	}
}

// deliver yields a page's contacts, moving the chain's recorded place with each.
func (ps *ParallelSearch) deliver(pg chainPage, yield func(Contact, error) bool) bool {
	ps.mu.Lock()
	r := ps.ranges[pg.id]
	if r == nil { // cannot happen: a range is recorded before its first page is sent
		r = &SearchRange{}
		ps.ranges[pg.id] = r
	}
	r.To = pg.to
	for _, sp := range pg.spawned {
		ps.ranges[sp.id] = &SearchRange{From: sp.r.From, To: sp.r.To}
	}
	ps.mu.Unlock()
	for i := range pg.contacts {
		ps.mu.Lock()
		r.After = pg.contacts[i].SearchAfter
		ps.mu.Unlock()
		if !yield(pg.contacts[i], nil) {
			return false
		}
	}
	if pg.done {
		ps.mu.Lock()
		delete(ps.ranges, pg.id)
		ps.mu.Unlock()
	}
	return true
}

// task is a range for a chain to read.
type task struct {
	id int
	r  SearchRange
}

// scheduler hands ranges to chains and knows how many chains are idle.
type scheduler struct {
	mu     sync.Mutex
	chains int
	busy   int
	queue  []task
	wake   chan struct{} // closed and replaced when the queue grows or the search ends
	over   bool
}

// take returns the next range, waiting while other chains may still split theirs; ok is false when the
// search is over.
func (s *scheduler) take(ctx context.Context) (task, bool) {
	for {
		s.mu.Lock()
		if len(s.queue) > 0 {
			t := s.queue[0]
			s.queue = s.queue[1:]
			s.busy++
			s.mu.Unlock()
			return t, true
		}
		if s.busy == 0 {
			s.endLocked()
		}
		if s.over {
			s.mu.Unlock()
			return task{}, false
		}
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return task{}, false
		}
	}
}

func (s *scheduler) endLocked() {
	if !s.over {
		s.over = true
		close(s.wake)
	}
}

// idle is how many chains would take a range now.
func (s *scheduler) idle() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chains - s.busy - len(s.queue)
}

func (s *scheduler) push(ts []task) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, ts...)
	close(s.wake)
	s.wake = make(chan struct{})
}

func (s *scheduler) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy--
	if s.busy == 0 && len(s.queue) == 0 {
		s.endLocked()
	}
}

// work runs chains until the search is over.
func (ps *ParallelSearch) work(ctx context.Context, sch *scheduler, pages chan<- chainPage) {
	for {
		t, ok := sch.take(ctx)
		if !ok {
			return
		}
		err := ps.chain(ctx, sch, t, pages)
		sch.finish()
		if err != nil {
			select {
			case pages <- chainPage{err: err}:
			case <-ctx.Done():
			}
			return
		}
	}
}

// chain reads one range to its end. Its first page asks for the range with a dateAdded filter (and gives its
// count); later pages follow the real cursor of the last contact without the filter, and the chain stops at
// the first contact past the range's end, so that HighLevel filters the range once, not on every page.
func (ps *ParallelSearch) chain(ctx context.Context, sch *scheduler, t task, pages chan<- chainPage) error {
	r := t.r
	seen := map[string]bool{}
	read, count := 0, -1 // contacts read from the range, and how many it holds (-1: not known)
	for {
		b := *ps.body
		first := r.After == nil
		if first && (r.From > 0 || r.To > 0) {
			var rg Range
			if r.From > 0 {
				rg.GTE = time.UnixMilli(r.From).UTC()
			}
			if r.To > 0 {
				rg.LT = time.UnixMilli(r.To).UTC()
			}
			b.Filters = append(slices.Clip(b.Filters), InRange("dateAdded", rg))
		}
		b.SearchAfter = r.After
		sp, err := ps.svc.search(ctx, &b)
		if err != nil {
			return err
		}
		if first {
			count = sp.Total // the first page asked for the range alone
		}
		kept := sp.Contacts
		done := sp.Next == nil
		if r.To > 0 {
			for i := range kept {
				if ms, ok := position(&kept[i]); ok && ms >= r.To {
					kept, done = kept[:i], true
					break
				}
			}
		}
		read += len(kept)
		pg := chainPage{id: t.id, contacts: kept, done: done}
		if !done && len(kept) > 0 {
			last, _ := position(&kept[len(kept)-1])
			if parts := sch.idle(); parts > 0 && (count < 0 || count-read > 2*b.PageLimit) {
				if pg.spawned = ps.split(&r, last, parts); len(pg.spawned) > 0 {
					count = -1 // what is left of the range is not counted
				}
			}
		}
		pg.to = r.To
		if !done {
			r.After = kept[len(kept)-1].SearchAfter
			k := string(r.After)
			if seen[k] {
				return fmt.Errorf("%w (cursor %s)", ErrRepeatedCursor, k)
			}
			seen[k] = true
		}
		select {
		case pages <- pg:
		case <-ctx.Done():
			return nil
		}
		if len(pg.spawned) > 0 {
			ts := make([]task, len(pg.spawned))
			for i, s := range pg.spawned {
				ts[i] = task(s)
			}
			sch.push(ts) // after the page, so that the iterator knows a range before its first contacts
		}
		if done {
			return nil
		}
	}
}

// split cuts the part of r after last (Unix ms) into parts+1 ranges of equal time, keeps the first in r and
// returns the others. A range with no end is cut up to now by the client's clock; the last part keeps r's end.
func (ps *ParallelSearch) split(r *SearchRange, last int64, parts int) []spawn {
	end := r.To
	if end == 0 {
		end = ps.svc.t.Now().UnixMilli() + 1
	}
	span := end - (last + 1)
	if span < int64(parts+1) {
		return nil
	}
	var out []spawn
	prev := r.To
	for i := parts; i >= 1; i-- {
		at := last + 1 + span*int64(i)/int64(parts+1)
		out = append(out, spawn{r: SearchRange{From: at, To: prev}})
		prev = at
	}
	r.To = prev
	ps.mu.Lock()
	for i := range out {
		out[i].id = ps.nextID
		ps.nextID++
	}
	ps.mu.Unlock()
	slices.Reverse(out)
	return out
}

// position is a contact's place in dateAdded order, in Unix ms: its cursor's first value, or its dateAdded.
func position(c *Contact) (int64, bool) {
	if sa := bytes.TrimSpace(c.SearchAfter); len(sa) > 2 && sa[0] == '[' {
		end := bytes.IndexAny(sa, ",]")
		if n, err := strconv.ParseInt(string(bytes.TrimSpace(sa[1:end])), 10, 64); err == nil {
			return n, true
		}
	}
	if c.DateAdded.Valid() {
		return c.DateAdded.UnixMilli(), true
	}
	return 0, false
}
