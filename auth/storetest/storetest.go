// Package storetest is the contract every auth.Store must meet. Run it from the store's tests:
//
//	func TestMyStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) auth.Store { return newMyStore(t) })
//	}
//
// open must return a store over fresh, empty storage for each call. The most important case, "LockSerializes",
// runs the refresh pattern (lock, load, change, save, unlock) from many goroutines on one key and counts lost
// updates: a store that loses one would let two processes spend the same refresh token.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
)

// Run runs the contract's cases as subtests of t.
func Run(t *testing.T, open func(t *testing.T) auth.Store) {
	t.Helper()
	cases := []struct {
		name string
		fn   func(*testing.T, auth.Store)
	}{
		{"LoadMissing", testLoadMissing},
		{"RoundTrip", testRoundTrip},
		{"Overwrite", testOverwrite},
		{"KeysAreSeparate", testKeysAreSeparate},
		{"CopiesOnSaveAndLoad", testCopies},
		{"Delete", testDelete},
		{"Tombstone", testTombstone},
		{"RejectsInvalidKey", testInvalidKey},
		{"RejectsEmptyToken", testEmptyToken},
		{"SaveAfterUnlockFails", testSaveAfterUnlock},
		{"UnlockTwice", testUnlockTwice},
		{"LockWaitsForContext", testLockWaitsForContext},
		{"LocksPerKey", testLocksPerKey},
		{"LockSerializes", testLockSerializes},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

// Key returns a key for tests of stores; n makes distinct keys.
func Key(n int) auth.Key {
	return auth.Key{ClientID: "client-" + strconv.Itoa(n) + ".app", UserType: auth.Location, ID: "loc/" + strconv.Itoa(n)}
}

// SampleToken returns a token with every field set.
func SampleToken(n int) *auth.Token {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return &auth.Token{
		AccessToken:  "at-" + strconv.Itoa(n),
		RefreshToken: "rt-" + strconv.Itoa(n),
		TokenType:    "Bearer",
		Expiry:       at.Add(24 * time.Hour),
		IssuedAt:     at,
		Scopes:       []string{"contacts.readonly", "contacts.write"},
		UserType:     auth.Location,
		LocationID:   "loc/" + strconv.Itoa(n),
		CompanyID:    "company-1",
		UserID:       "user-1",
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// save stores tok under key through the lock, as every writer must.
func save(t *testing.T, s auth.Store, key auth.Key, tok *auth.Token) {
	t.Helper()
	lk, err := s.Lock(ctx(t), key)
	if err != nil {
		t.Fatalf("Lock(%s): %v", key, err)
	}
	if err := lk.Save(ctx(t), tok); err != nil {
		t.Fatalf("Save(%s): %v", key, err)
	}
	if err := lk.Unlock(); err != nil {
		t.Fatalf("Unlock(%s): %v", key, err)
	}
}

func load(t *testing.T, s auth.Store, key auth.Key) *auth.Token {
	t.Helper()
	tok, err := s.Load(ctx(t), key)
	if err != nil {
		t.Fatalf("Load(%s): %v", key, err)
	}
	return tok
}

func same(a, b *auth.Token) error {
	switch {
	case a.AccessToken != b.AccessToken || a.RefreshToken != b.RefreshToken || a.TokenType != b.TokenType:
		return errors.New("token strings differ")
	case !a.Expiry.Equal(b.Expiry) || !a.IssuedAt.Equal(b.IssuedAt):
		return fmt.Errorf("times differ: expiry %v vs %v, issued %v vs %v", a.Expiry, b.Expiry, a.IssuedAt, b.IssuedAt)
	case fmt.Sprint(a.Scopes) != fmt.Sprint(b.Scopes):
		return fmt.Errorf("scopes differ: %v vs %v", a.Scopes, b.Scopes)
	case a.UserType != b.UserType || a.LocationID != b.LocationID || a.CompanyID != b.CompanyID || a.UserID != b.UserID:
		return errors.New("account fields differ")
	}
	return nil
}

func testLoadMissing(t *testing.T, s auth.Store) {
	_, err := s.Load(ctx(t), Key(1))
	if !errors.Is(err, auth.ErrNotStored) {
		t.Fatalf("Load of a missing key: got %v, want ErrNotStored", err)
	}
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	defer lk.Unlock() //nolint:errcheck
	if _, err := lk.Load(ctx(t)); !errors.Is(err, auth.ErrNotStored) {
		t.Fatalf("Locked.Load of a missing key: got %v, want ErrNotStored", err)
	}
}

func testRoundTrip(t *testing.T, s auth.Store) {
	want := SampleToken(1)
	save(t, s, Key(1), want)
	if err := same(load(t, s, Key(1)), want); err != nil {
		t.Fatalf("Load after Save: %v", err)
	}
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	defer lk.Unlock() //nolint:errcheck
	got, err := lk.Load(ctx(t))
	if err != nil {
		t.Fatalf("Locked.Load: %v", err)
	}
	if err := same(got, want); err != nil {
		t.Fatalf("Locked.Load after Save: %v", err)
	}
}

func testOverwrite(t *testing.T, s auth.Store) {
	save(t, s, Key(1), SampleToken(1))
	save(t, s, Key(1), SampleToken(2))
	if got := load(t, s, Key(1)); got.AccessToken != "at-2" || got.RefreshToken != "rt-2" {
		t.Fatalf("after the second Save, Load gives the first token")
	}
}

func testKeysAreSeparate(t *testing.T, s auth.Store) {
	base := Key(1)
	other := []auth.Key{
		{ClientID: "other-client", UserType: base.UserType, ID: base.ID},
		{ClientID: base.ClientID, UserType: auth.Company, ID: base.ID},
		{ClientID: base.ClientID, UserType: base.UserType, ID: base.ID + "x"},
		// Keys whose parts would collide if they were simply joined.
		{ClientID: base.ClientID + "_Location", UserType: base.UserType, ID: base.ID},
	}
	save(t, s, base, SampleToken(1))
	for i, k := range other {
		if _, err := s.Load(ctx(t), k); !errors.Is(err, auth.ErrNotStored) {
			t.Fatalf("key %d (%s) sees the token of %s: %v", i, k, base, err)
		}
		save(t, s, k, SampleToken(10+i))
	}
	if got := load(t, s, base); got.AccessToken != "at-1" {
		t.Fatalf("saving other keys changed %s", base)
	}
	for i, k := range other {
		if got := load(t, s, k); got.AccessToken != "at-"+strconv.Itoa(10+i) {
			t.Fatalf("key %d (%s) holds another key's token", i, k)
		}
	}
}

func testCopies(t *testing.T, s auth.Store) {
	tok := SampleToken(1)
	save(t, s, Key(1), tok)
	tok.AccessToken, tok.Scopes[0] = "changed", "changed"
	got := load(t, s, Key(1))
	if got.AccessToken != "at-1" || got.Scopes[0] != "contacts.readonly" {
		t.Fatalf("changing the saved value changed the stored token")
	}
	got.Scopes[0] = "changed"
	if again := load(t, s, Key(1)); again.Scopes[0] != "contacts.readonly" {
		t.Fatalf("changing a loaded value changed the stored token")
	}
}

func testDelete(t *testing.T, s auth.Store) {
	save(t, s, Key(1), SampleToken(1))
	if err := s.Delete(ctx(t), Key(1)); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Load(ctx(t), Key(1)); !errors.Is(err, auth.ErrNotStored) {
		t.Fatalf("Load after Delete: got %v, want ErrNotStored", err)
	}
	if err := s.Delete(ctx(t), Key(1)); err != nil {
		t.Fatalf("Delete of a missing key: %v", err)
	}
}

// testTombstone checks that the tombstone an uninstall leaves (auth.Installs.Uninstall) is kept like any
// token: it loads back as uninstalled, a second uninstall keeps it, and Connect replaces it.
func testTombstone(t *testing.T, s auth.Store) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	key := Key(1)
	app := &auth.App{ClientID: key.ClientID, Now: func() time.Time { return at.Add(time.Hour) }}
	save(t, s, key, SampleToken(1))
	in := app.Installs(s)
	ev := auth.Installation{CompanyID: "company-1", LocationID: key.ID, At: at.Add(time.Minute)}
	first := ev.At
	for i := range 2 {
		if err := in.Uninstall(ctx(t), ev); err != nil {
			t.Fatalf("Uninstall %d: %v", i+1, err)
		}
		stone := load(t, s, key)
		switch {
		case !stone.Uninstalled():
			t.Fatalf("after Uninstall %d, Load gives a token that is not a tombstone", i+1)
		case stone.RefreshToken != "" || stone.AccessToken == SampleToken(1).AccessToken:
			t.Fatalf("the tombstone keeps a credential of the uninstalled token")
		case !stone.IssuedAt.Equal(first):
			t.Fatalf("tombstone time: got %v, want the first uninstall's %v", stone.IssuedAt, first)
		}
		ev.At = ev.At.Add(time.Minute) // a later redelivery keeps the first tombstone
	}
	tok := SampleToken(2)
	tok.LocationID = key.ID
	tok.IssuedAt = at.Add(time.Hour)
	if _, err := app.Connect(ctx(t), s, tok); err != nil {
		t.Fatalf("Connect after Uninstall: %v", err)
	}
	if got := load(t, s, key); got.Uninstalled() || got.AccessToken != tok.AccessToken {
		t.Fatalf("Connect did not replace the tombstone")
	}
}

func testInvalidKey(t *testing.T, s auth.Store) {
	bad := []auth.Key{{}, {ClientID: "c", UserType: auth.Location}, {ClientID: "c", UserType: "Agency", ID: "x"}, {UserType: auth.Company, ID: "x"}}
	for _, k := range bad {
		if _, err := s.Load(ctx(t), k); err == nil || errors.Is(err, auth.ErrNotStored) {
			t.Errorf("Load(%q): got %v, want a key error", k.String(), err)
		}
		if lk, err := s.Lock(ctx(t), k); err == nil {
			_ = lk.Unlock()
			t.Errorf("Lock(%q) succeeded, want a key error", k.String())
		}
	}
}

func testEmptyToken(t *testing.T, s auth.Store) {
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	defer lk.Unlock() //nolint:errcheck
	if err := lk.Save(ctx(t), &auth.Token{RefreshToken: "rt"}); err == nil {
		t.Fatalf("Save of a token without access token succeeded")
	}
	if err := lk.Save(ctx(t), nil); err == nil {
		t.Fatalf("Save(nil) succeeded")
	}
}

func testSaveAfterUnlock(t *testing.T, s auth.Store) {
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	if err := lk.Unlock(); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if err := lk.Save(ctx(t), SampleToken(1)); err == nil {
		t.Fatalf("Save after Unlock succeeded: a writer without the lock could spend a token twice")
	}
}

func testUnlockTwice(t *testing.T, s auth.Store) {
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	_ = lk.Unlock()
	_ = lk.Unlock() // must not release a lock someone else took meanwhile, nor panic
	lk2, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock after double Unlock: %v", err)
	}
	c, cancel := context.WithCancel(ctx(t))
	cancel()
	if lk3, err := s.Lock(c, Key(1)); err == nil {
		_ = lk3.Unlock()
		t.Fatalf("a second Unlock of an old lock released the current holder's lock")
	}
	_ = lk2.Unlock()
}

func testLockWaitsForContext(t *testing.T, s auth.Store) {
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	c, cancel := context.WithTimeout(ctx(t), 20*time.Millisecond)
	defer cancel()
	if lk2, err := s.Lock(c, Key(1)); err == nil {
		_ = lk2.Unlock()
		t.Fatalf("a second Lock of a held key succeeded")
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second Lock of a held key: got %v, want context.DeadlineExceeded", err)
	}
	if err := lk.Unlock(); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	lk3, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock after a waiter gave up: %v", err)
	}
	_ = lk3.Unlock()
}

func testLocksPerKey(t *testing.T, s auth.Store) {
	lk, err := s.Lock(ctx(t), Key(1))
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	defer lk.Unlock() //nolint:errcheck
	c, cancel := context.WithTimeout(ctx(t), 10*time.Second)
	defer cancel()
	lk2, err := s.Lock(c, Key(2))
	if err != nil {
		t.Fatalf("the lock of one key blocks another key: %v", err)
	}
	_ = lk2.Unlock()
}

// testLockSerializes does what a refresh does, from many goroutines: every update must survive.
func testLockSerializes(t *testing.T, s auth.Store) {
	const workers, rounds = 16, 8
	first := SampleToken(0)
	first.AccessToken = "0"
	save(t, s, Key(1), first)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				if err := increment(ctx(t), s, Key(1)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := load(t, s, Key(1)).AccessToken; got != strconv.Itoa(workers*rounds) {
		t.Fatalf("after %d locked increments the counter is %s: the lock let updates overlap", workers*rounds, got)
	}
}

func increment(c context.Context, s auth.Store, key auth.Key) error {
	lk, err := s.Lock(c, key)
	if err != nil {
		return err
	}
	defer lk.Unlock() //nolint:errcheck
	tok, err := lk.Load(c)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(tok.AccessToken)
	if err != nil {
		return err
	}
	runtime.Gosched() // widen the window in which an unlocked writer would interleave
	tok.AccessToken = strconv.Itoa(n + 1)
	if err := lk.Save(c, tok); err != nil {
		return err
	}
	return lk.Unlock()
}
