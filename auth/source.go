package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/ghlkit/ghl/api"
)

// TokenSource supplies the bearer token of each request; ghl.WithTokenSource takes one. It is the same
// interface as ghl.TokenSource.
type TokenSource = api.TokenSource

// Source keeps one stored OAuth token current: the token of one app for one location or company. It refreshes
// ahead of expiry and after HighLevel rejects the token, one refresh at a time per Source and, through the
// Store's lock, per key across processes. It is safe for concurrent use; make one per key and share it (two
// Sources on one key stay correct, they just share through the Store instead of in memory).
type Source struct {
	app    *App
	store  Store
	key    Key
	parent *Source // the agency source that mints this location's tokens; nil otherwise

	mu     sync.Mutex
	cur    *Token // never modified once set
	flight *flight
	gen    uint64 // counts forget calls: a flight or install begun before one must not set cur

	// unsaved is a refreshed pair whose save failed, kept so that a later refresh saves it instead of sending
	// the spent refresh token; unsavedFrom is the refresh token it replaced. Only the running flight reads or
	// writes them, and flights do not overlap.
	unsaved     *Token
	unsavedFrom string

	locMu sync.Mutex
	locs  map[string]*Source
}

type flight struct {
	done chan struct{}
	gen  uint64
	tok  *Token
	err  error
}

// Source returns the source of the token stored under key. Nothing is read until the first Token call.
func (a *App) Source(store Store, key Key) *Source {
	return &Source{app: a, store: store, key: key}
}

// Key is the key of the source's token in its Store.
func (s *Source) Key() Key { return s.key }

// Token returns a current access token, refreshing it first when it expires within the app's RefreshSkew.
func (s *Source) Token(ctx context.Context) (string, error) {
	t, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// Current returns a copy of the current token with what HighLevel said about it (location, company, scopes,
// expiry), refreshing it first like Token.
func (s *Source) Current(ctx context.Context) (*Token, error) {
	t, err := s.current(ctx)
	return t.clone(), err
}

// Refresh replaces a token HighLevel rejected. If the current token already differs from rejected (someone
// refreshed meanwhile), it is returned without a new refresh.
func (s *Source) Refresh(ctx context.Context, rejected string) (string, error) {
	s.mu.Lock()
	cur := s.cur
	s.mu.Unlock()
	if cur != nil && cur.AccessToken != rejected && !cur.expiring(s.app.now(), s.app.skew()) {
		return cur.AccessToken, nil
	}
	t, err := s.refresh(ctx, rejected)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

func (s *Source) current(ctx context.Context) (*Token, error) {
	s.mu.Lock()
	cur := s.cur
	s.mu.Unlock()
	if cur != nil && !cur.expiring(s.app.now(), s.app.skew()) {
		return cur, nil
	}
	rejected := ""
	if cur != nil {
		rejected = cur.AccessToken
	}
	return s.renew(ctx, rejected)
}

// refresh is renew for a rejected token. A flight that was already under way may have been deciding about an
// older token and hand back the rejected one; then one more flight is made.
func (s *Source) refresh(ctx context.Context, rejected string) (*Token, error) {
	t, err := s.renew(ctx, rejected)
	if err == nil && t.AccessToken == rejected {
		t, err = s.renew(ctx, rejected)
	}
	return t, err
}

// renew joins the flight under way or starts one. The flight runs detached from ctx: once a refresh may have
// reached HighLevel, its answer must be saved even if every caller has given up.
func (s *Source) renew(ctx context.Context, rejected string) (*Token, error) {
	s.mu.Lock()
	f := s.flight
	if f == nil {
		f = &flight{done: make(chan struct{}), gen: s.gen}
		s.flight = f
		go s.fly(context.WithoutCancel(ctx), f, rejected)
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Source) fly(ctx context.Context, f *flight, rejected string) {
	ctx, cancel := context.WithTimeout(ctx, s.app.timeout())
	defer cancel()
	tok, err := s.renewLocked(ctx, rejected)
	s.mu.Lock()
	if err == nil && s.gen == f.gen {
		s.cur = tok
	}
	s.flight = nil
	f.tok, f.err = tok, err
	s.mu.Unlock()
	close(f.done)
}

// renewLocked decides under the Store's lock: a stored token that is not the rejected one and not expiring is
// used as is (another process refreshed it); otherwise the refresh token is spent once and the new pair saved
// before anyone sees it.
func (s *Source) renewLocked(ctx context.Context, rejected string) (*Token, error) {
	log := s.app.logger()
	lk, err := s.store.Lock(ctx, s.key)
	if err != nil {
		return nil, fmt.Errorf("auth: locking the token of %s: %w", s.key, err)
	}
	defer lk.Unlock() //nolint:errcheck // the success path unlocks explicitly and reports

	stored, err := lk.Load(ctx)
	switch {
	case errors.Is(err, ErrNotStored):
		stored = nil
		if s.parent == nil {
			return nil, fmt.Errorf("%w for %s; %w (exchange a code and Connect)", ErrNotStored, s.key, ErrReauthorize)
		}
	case err != nil:
		return nil, err
	case stored.Uninstalled():
		return nil, uninstalledError(s.key, s.key, stored)
	}
	if err := s.agencyGone(ctx, stored); err != nil {
		return nil, err
	}
	now := s.app.now()
	if stored != nil && stored.AccessToken != rejected && !stored.expiring(now, s.app.skew()) {
		if rejected != "" {
			log.DebugContext(ctx, "auth: token was already refreshed; using the stored one", "key", s.key.String())
		}
		return stored, nil
	}

	var fresh *Token
	switch {
	case stored != nil && s.unsaved != nil && stored.RefreshToken == s.unsavedFrom:
		log.DebugContext(ctx, "auth: saving the pair whose save failed before", "key", s.key.String())
		fresh = s.unsaved
	case stored != nil && stored.RefreshToken != "":
		log.DebugContext(ctx, "auth: refreshing token", "key", s.key.String(), "reason", reason(rejected, stored))
		fresh, err = s.app.refreshGrant(ctx, s.key, stored)
		if err != nil && s.parent != nil && errors.Is(err, ErrReauthorize) {
			log.DebugContext(ctx, "auth: location token refused; minting a new one", "key", s.key.String())
			fresh, err = s.mint(ctx)
		}
	case s.parent != nil:
		log.DebugContext(ctx, "auth: minting location token", "key", s.key.String())
		fresh, err = s.mint(ctx)
	default:
		return nil, fmt.Errorf("auth: the token of %s has no refresh token; %w", s.key, ErrReauthorize)
	}
	if err != nil {
		if errors.Is(err, ErrReauthorize) {
			log.WarnContext(ctx, "auth: refresh refused; the app must be authorized again", "key", s.key.String())
		} else {
			log.DebugContext(ctx, "auth: refresh failed", "key", s.key.String(), "error", err.Error())
		}
		return nil, err
	}
	if err := lk.Save(ctx, fresh); err != nil {
		if stored != nil && fresh != s.unsaved {
			s.unsaved, s.unsavedFrom = fresh, stored.RefreshToken
		}
		log.ErrorContext(ctx, "auth: a refreshed token could not be saved; it is kept in memory and saved on the next try", "key", s.key.String(), "error", err.Error())
		return nil, fmt.Errorf("auth: saving the new token of %s: %w", s.key, err)
	}
	if err := lk.Unlock(); err != nil {
		return nil, fmt.Errorf("auth: unlocking the token of %s: %w", s.key, err)
	}
	s.unsaved, s.unsavedFrom = nil, ""
	log.DebugContext(ctx, "auth: token refreshed and saved", "key", s.key.String(), "expiry", fresh.Expiry)
	return fresh, nil
}

func reason(rejected string, stored *Token) string {
	if rejected != "" && stored.AccessToken == rejected {
		return "rejected or expiring"
	}
	return "expiring"
}

// adopt makes tok the current token (after it was saved).
func (s *Source) adopt(tok *Token) {
	s.mu.Lock()
	s.cur = tok
	s.mu.Unlock()
}

// String names the source's key; it holds no secret.
func (s *Source) String() string { return "auth.Source(" + s.key.String() + ")" }

// GoString is String, for %#v.
func (s *Source) GoString() string { return s.String() }

// Format prints String for every verb.
func (s *Source) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

// LogValue logs the key only.
func (s *Source) LogValue() slog.Value { return slog.StringValue(s.String()) }

// TokenBaseURL is the base URL this source sends its OAuth calls to. ghl.NewClient compares it with the client's
// base URL, so that API calls and token calls cannot go to two different servers.
func (s *Source) TokenBaseURL() string { return s.app.baseURL() }
