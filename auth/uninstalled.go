package auth

import (
	"context"
	"errors"
	"time"
)

// ErrUninstalled means the app was uninstalled from the location or agency of the token (an UNINSTALL
// delivery reached Installs.Uninstall): its stored token was replaced by a tombstone, and no refresh or mint is
// sent for it until the app is installed again (Installs.Install, or an exchange and Connect). Errors matching
// it match ErrReauthorize too.
var ErrUninstalled = errors.New("auth: the app was uninstalled")

// UninstalledError is returned for a key whose app was uninstalled. It matches ErrUninstalled and
// ErrReauthorize.
type UninstalledError struct {
	// Key is the token asked for.
	Key Key
	// By is the key of the tombstone: Key itself, or the agency's key when the whole agency uninstalled.
	By Key
	// At is when the app was uninstalled (the UNINSTALL delivery's timestamp).
	At time.Time
}

// Error names the key and when the app was uninstalled.
func (e *UninstalledError) Error() string {
	msg := "auth: the app was uninstalled from " + e.By.String()
	if e.By != e.Key {
		msg += " (the agency of " + e.Key.String() + ")"
	}
	if !e.At.IsZero() {
		msg += " at " + e.At.UTC().Format(time.RFC3339)
	}
	return msg + "; nothing is refreshed until it is installed again"
}

// Is matches ErrUninstalled and ErrReauthorize.
func (e *UninstalledError) Is(target error) bool {
	return target == ErrUninstalled || target == ErrReauthorize
}

// A tombstone is what an uninstall leaves under the token's key: a Token that holds no credential, whose
// TokenType is tombstoneType and whose IssuedAt is when the app was uninstalled. It is an ordinary Token so
// that every Store keeps it without a change (stores must refuse an empty AccessToken, hence the marker), and
// it stays until an install or Connect replaces it, so that a later delivery, refresh or mint cannot bring the
// revoked token back.
const (
	tombstoneType   = "Uninstalled"
	tombstoneAccess = "uninstalled" // not a credential: a Source never sends a tombstone
)

// Uninstalled reports whether t is the tombstone an uninstall left in a Store, not a token.
func (t *Token) Uninstalled() bool {
	return t != nil && t.TokenType == tombstoneType && t.AccessToken == tombstoneAccess && t.RefreshToken == ""
}

func tombstone(key Key, companyID string, at time.Time) *Token {
	t := &Token{AccessToken: tombstoneAccess, TokenType: tombstoneType, IssuedAt: at, UserType: key.UserType, CompanyID: companyID}
	if key.UserType == Location {
		t.LocationID = key.ID
	} else {
		t.CompanyID = key.ID
	}
	return t
}

func uninstalledError(key, by Key, stone *Token) error {
	return &UninstalledError{Key: key, By: by, At: stone.IssuedAt}
}

// agencyGone reports the agency's tombstone when the agency uninstalled the app after tok was issued (tok nil:
// at any time): a location token from before an agency-level uninstall was revoked with it, and a mint from the
// agency's token would be refused, so neither a refresh nor a mint is sent. The agency is the source's parent,
// or the company the stored location token names.
func (s *Source) agencyGone(ctx context.Context, tok *Token) error {
	var by Key
	switch {
	case s.parent != nil:
		by = s.parent.key
	case tok != nil && tok.UserType == Location && tok.CompanyID != "":
		by = Key{ClientID: s.key.ClientID, UserType: Company, ID: tok.CompanyID}
	default:
		return nil
	}
	var issued time.Time
	if tok != nil {
		issued = tok.IssuedAt
	}
	stone, err := s.store.Load(ctx, by)
	switch {
	case err != nil:
		// The check only spares HighLevel a request it would refuse: an agency token that is missing or cannot
		// be read (a corrupt file) must not stop its locations' tokens.
		if !errors.Is(err, ErrNotStored) {
			s.app.logger().DebugContext(ctx, "auth: agency token unreadable; not checked for an uninstall", "key", s.key.String(), "error", err.Error())
		}
		return nil
	case stone.Uninstalled() && !issued.After(stone.IssuedAt):
		return uninstalledError(s.key, by, stone)
	}
	return nil
}

// forget drops the token the source keeps in memory and those of its locations, so that the next call reads
// the Store (and finds the tombstone) instead of sending a revoked token.
func (s *Source) forget() {
	s.mu.Lock()
	s.cur = nil
	s.gen++
	s.mu.Unlock()
	s.locMu.Lock()
	locs := make([]*Source, 0, len(s.locs))
	for _, l := range s.locs {
		locs = append(locs, l)
	}
	s.locMu.Unlock()
	for _, l := range locs {
		l.forget()
	}
}

// generation is the source's count of forget calls, for adoptSince.
func (s *Source) generation() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

// adoptSince is adopt unless forget was called since generation gen was read: an uninstall that ran meanwhile
// wins over the token an install saved before it.
func (s *Source) adoptSince(tok *Token, gen uint64) {
	s.mu.Lock()
	if s.gen == gen {
		s.cur = tok
	}
	s.mu.Unlock()
}
