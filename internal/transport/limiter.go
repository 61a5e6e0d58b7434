package transport

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/ghlkit/ghl/clock"
)

// limiter paces one location with a sliding log of its sends: no window of Interval ever holds more than
// Requests-1 of them (one request of slack for clock skew), which is exactly HighLevel's rule.
//
// A token bucket (golang.org/x/time/rate, used here before) cannot keep that promise on a loaded machine: it
// counts a request when its slot is reserved, but HighLevel counts it when it arrives, and a send that leaves
// late lands in the next window on top of that window's own sends. The log instead holds each send as
// "pending" from its reservation until it is written (the attempt loop reports the write through
// net/http/httptrace, so it works with any http.Client) and records the write time; a pending entry always
// counts against the window. However late sends leave, the window at the server never holds more than the log
// allowed. A slot comes back when its recorded send is one Interval old, so throughput stays at the limit.
//
// A hold set from the server's headers slows the location further when other clients share its budget.
type limiter struct {
	clock    clock.Clock
	capacity int // sends per interval; 0 when the client-side limit is off
	interval time.Duration

	ext      Limiter // waited on after the log and the hold; nil without Config.Limiter
	location string

	mu        sync.Mutex
	log       []entry // this location's recent sends, pending ones included, in the order they were reserved
	nextID    uint64
	written   chan struct{} // closed (and replaced) when a pending entry is written or given back
	watched   bool          // someone waits on written
	holdUntil time.Time
	last429   time.Time // when slotFree was last asked about a 429
	last      RateLimit
}

// entry is one send in the log: its reservation time while pending, then the time it was written.
type entry struct {
	id      uint64
	at      time.Time
	pending bool
}

func (sh *shared) limiterFor(locationID string) *limiter {
	if l, ok := sh.limiters.Load(locationID); ok {
		return l.(*limiter)
	}
	nl := newLimiter(sh.rate, sh.clock)
	nl.ext, nl.location = sh.ext, locationID
	l, _ := sh.limiters.LoadOrStore(locationID, nl)
	return l.(*limiter)
}

func newLimiter(p RateLimitPolicy, clk clock.Clock) *limiter {
	l := &limiter{clock: clk, interval: p.Interval}
	if !p.Disabled {
		l.capacity = max(1, p.Requests-1)
		l.written = make(chan struct{})
	}
	return l
}

// limiterDeadlineError is returned when the wait for budget would outlast the context.
type limiterDeadlineError struct{ wait time.Duration }

func (e *limiterDeadlineError) Error() string {
	return fmt.Sprintf("ghl: rate limit: the next request may be sent in %s, after the context deadline; nothing was sent",
		e.wait.Round(time.Millisecond))
}

// Is matches ErrWaitPastDeadline and context.DeadlineExceeded: the caller's deadline was too short for the
// budget, which is not HighLevel refusing anything (ErrRateLimited).
func (e *limiterDeadlineError) Is(target error) bool {
	return target == ErrWaitPastDeadline || target == context.DeadlineExceeded
}

// reserve blocks until this location may send one more request, and not before notBefore (a retry's wait), then
// takes a slot in the log. It returns the slot's ID (0 when the limit is off) for sent and release, and how long
// it waited for the budget beyond notBefore.
func (l *limiter) reserve(ctx context.Context, notBefore time.Time) (id uint64, waited time.Duration, err error) {
	start := l.clock.Now()
	for {
		now := l.clock.Now()
		l.mu.Lock()
		wake, written := l.nextSlotLocked(now)
		if written == nil && !wake.After(now) && !notBefore.After(now) {
			if l.capacity > 0 {
				l.nextID++
				id = l.nextID
				l.log = append(l.log, entry{id: id, at: now, pending: true})
			}
			l.mu.Unlock()
			return id, max(0, now.Sub(later(start, notBefore))), nil
		}
		l.mu.Unlock()
		if written != nil {
			// Every slot is taken by a send not written yet: only its write can say when a slot frees.
			select {
			case <-written:
				continue
			case <-ctx.Done():
				return 0, l.clock.Now().Sub(start), ctx.Err()
			}
		}
		wake = later(wake, notBefore)
		if deadline, ok := ctx.Deadline(); ok && wake.After(deadline) {
			return 0, now.Sub(start), &limiterDeadlineError{wait: wake.Sub(now)}
		}
		if err := l.clock.SleepUntil(ctx, wake); err != nil {
			return 0, l.clock.Now().Sub(start), err
		}
	}
}

// nextSlotLocked drops the sends the window has moved past and returns when the next one may go: now, the end
// of a hold, or when the oldest written send of a full log leaves the window. A send written later frees its
// slot later than every send written before, so the oldest written one frees first; when every slot is pending,
// it returns the channel that says one was written.
func (l *limiter) nextSlotLocked(now time.Time) (time.Time, <-chan struct{}) {
	wake := l.holdUntil
	if l.capacity == 0 {
		return wake, nil
	}
	// Drop from the front, which keeps each call's work constant; only a log that looks full is swept whole,
	// since sends written out of order (or behind a pending one) may have left the window too.
	n := 0
	for n < len(l.log) && !l.log[n].pending && !l.log[n].at.Add(l.interval).After(now) {
		n++
	}
	l.log = l.log[n:]
	if len(l.log) >= l.capacity {
		l.log = slices.DeleteFunc(l.log, func(e entry) bool { return !e.pending && !e.at.Add(l.interval).After(now) })
	}
	if len(l.log) < l.capacity {
		return wake, nil
	}
	oldest, ok := l.oldestWrittenLocked()
	if !ok {
		l.watched = true
		return wake, l.written
	}
	return later(wake, oldest.Add(l.interval)), nil
}

func (l *limiter) oldestWrittenLocked() (time.Time, bool) {
	var oldest time.Time
	ok := false
	for _, e := range l.log {
		if !e.pending && (!ok || e.at.Before(oldest)) {
			oldest, ok = e.at, true
		}
	}
	return oldest, ok
}

func (l *limiter) signalLocked() {
	if l.watched {
		close(l.written)
		l.written, l.watched = make(chan struct{}), false
	}
}

// sent records that the request of slot id was written at t. Later calls for the same slot change nothing.
func (l *limiter) sent(id uint64, t time.Time) {
	if id == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if i, ok := l.findLocked(id); ok && l.log[i].pending {
		l.log[i].at, l.log[i].pending = later(l.log[i].at, t), false
		l.signalLocked()
	}
}

// findLocked finds slot id in the log, whose IDs grow from front to back.
func (l *limiter) findLocked(id uint64) (int, bool) {
	return slices.BinarySearchFunc(l.log, id, func(e entry, id uint64) int { return cmp.Compare(e.id, id) })
}

// release gives back the slot of a request that surely never left this machine.
func (l *limiter) release(id uint64) {
	if id == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if i, ok := l.findLocked(id); ok {
		l.log = slices.Delete(l.log, i, i+1)
		l.signalLocked()
	}
}

// slotFree is how long, from now, until the oldest send in this location's log leaves the window: after a burst
// 429, the earliest time at which this client knows a slot of HighLevel's sliding window comes back. That holds
// only when this client is alone on the location (alone is true): its log holds nearly a window's budget, and
// no other 429 came within the last interval. Otherwise other clients share the budget and their sends are not
// in the log, so it says one interval, as it does when the log is empty or the limit is off. It is asked once
// per 429.
func (l *limiter) slotFree(now time.Time) (wait time.Duration, alone bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	again := !l.last429.IsZero() && now.Sub(l.last429) < l.interval
	l.last429 = now
	oldest, ok := l.oldestWrittenLocked()
	if !ok || again || l.inWindowLocked(now) < l.capacity*9/10 {
		return l.interval, false
	}
	return max(0, oldest.Add(l.interval).Sub(now)), true
}

// inWindowLocked counts the sends that still weigh on the window: pending ones and those written within it.
func (l *limiter) inWindowLocked(now time.Time) int {
	n := 0
	for _, e := range l.log {
		if e.pending || e.at.Add(l.interval).After(now) {
			n++
		}
	}
	return n
}

// observe records the server's view of the budget. A client alone on its location never sees the budget spent
// (its log stays under it), so a Remaining of 0 on a success means other clients share the location: hold every
// request for a tenth of the window (already capped at the configured window), so that together they slow down
// instead of meeting 429s at full speed. A 429's own wait is set by the attempt loop, not here.
func (l *limiter) observe(rl RateLimit, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if rl.At.Before(l.last.At) {
		return
	}
	l.last = rl
	if !rl.Known || rl.Remaining > 0 || rl.Interval <= 0 || status == 429 {
		return
	}
	l.holdLocked(rl.At.Add(rl.Interval / 10))
}

// hold keeps every request of this location back until t, for example after a 429.
func (l *limiter) hold(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.holdLocked(t)
}

func (l *limiter) holdLocked(t time.Time) {
	if t.After(l.holdUntil) {
		l.holdUntil = t
	}
}

func (l *limiter) snapshot() RateLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
