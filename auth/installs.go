package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Installation names what an INSTALL or UNINSTALL delivery is about: the fields of webhook.AppInstall and
// webhook.AppUninstall, and the delivery's timestamp.
type Installation struct {
	// CompanyID is the agency of the install ("companyId"). An install through "future locations" may lack it;
	// then nothing can be minted for it.
	CompanyID string
	// LocationID is the location installed or uninstalled ("locationId"); "" for the agency level.
	LocationID string
	// At is the delivery's timestamp; zero means the App's clock now. Installs compares it with the tokens
	// and tombstones it finds, so that a stale delivery never undoes a later one.
	At time.Time
}

// Installs keeps an app's Store in step with HighLevel's INSTALL and UNINSTALL deliveries; webhook's
// HandleAppLifecycle calls it. Every method is idempotent and takes the Store's lock of the key it changes,
// so redeliveries, and the same delivery reaching several replicas at once, change the Store once: one mint
// per location install, one tombstone per uninstall. Safe for concurrent use; share one per process.
//
// Locations of an agency-level install are minted lazily: the INSTALL of the agency stores nothing (its token
// comes from the code exchange and Connect), and each location's token is minted by the INSTALL of that
// location or, failing that, by the first call through Company(companyID).ForLocation(locationID). List them
// with Source.InstalledLocations.
type Installs struct {
	app   *App
	store Store

	mu        sync.Mutex
	companies map[string]*Source
	locations map[string]*Source // of a Location app: no agency token behind them
}

// Installs returns the install helper of the app's tokens in store.
func (a *App) Installs(store Store) *Installs {
	return &Installs{app: a, store: store, companies: map[string]*Source{}, locations: map[string]*Source{}}
}

// Company returns the Source of the agency token of companyID, one per company for the Installs' life. Its
// ForLocation sources are the ones to build clients on: an Uninstall in this process makes them fail at once
// with ErrUninstalled instead of sending the revoked token first.
func (in *Installs) Company(companyID string) *Source {
	in.mu.Lock()
	defer in.mu.Unlock()
	src, ok := in.companies[companyID]
	if !ok {
		src = in.app.Source(in.store, Key{ClientID: in.app.ClientID, UserType: Company, ID: companyID})
		in.companies[companyID] = src
	}
	return src
}

// Location returns the Source of the token of locationID stored by a Location app (from the code exchange and
// Connect), one per location for the Installs' life; an agency app uses Company(companyID).ForLocation instead.
// Like those, it fails at once with ErrUninstalled after an Uninstall of its location in this process.
func (in *Installs) Location(locationID string) *Source {
	in.mu.Lock()
	defer in.mu.Unlock()
	src, ok := in.locations[locationID]
	if !ok {
		src = in.app.Source(in.store, Key{ClientID: in.app.ClientID, UserType: Location, ID: locationID})
		in.locations[locationID] = src
	}
	return src
}

// Install handles an INSTALL. For a location it mints the location's token from the stored agency token of
// CompanyID (POST /oauth/locationToken, which needs oauth.write) and saves it, so that the first API call for
// the location sends no token request. It mints nothing when the Store already holds a token of the location
// (a redelivery, or another replica was first; should that token have been revoked meanwhile, the agency's
// source mints a new one when HighLevel refuses its refresh), when an uninstall later than At left a tombstone
// (a stale delivery), or when no agency token is stored (a Location app: its token comes from the code
// exchange and Connect, and the install has nothing to add). An agency-level install stores nothing.
func (in *Installs) Install(ctx context.Context, ev Installation) error {
	if ev.LocationID == "" || ev.CompanyID == "" {
		return nil
	}
	at := in.at(ev)
	company := in.Company(ev.CompanyID)
	loc := company.ForLocation(ev.LocationID).(*Source)
	gen := loc.generation()
	lk, err := in.store.Lock(ctx, loc.key)
	if err != nil {
		return fmt.Errorf("auth: install of %s: locking: %w", loc.key, err)
	}
	defer lk.Unlock() //nolint:errcheck // the success path unlocks explicitly and reports
	stored, err := lk.Load(ctx)
	switch {
	case errors.Is(err, ErrNotStored):
		stored = nil
	case err != nil:
		return fmt.Errorf("auth: install of %s: %w", loc.key, err)
	}
	switch {
	case stored != nil && !stored.Uninstalled():
		in.app.logger().DebugContext(ctx, "auth: install already handled", "key", loc.key.String())
		return nil
	case stored != nil && stored.IssuedAt.After(at):
		in.app.logger().DebugContext(ctx, "auth: install older than the uninstall stored; ignored", "key", loc.key.String())
		return nil
	}
	if agency, err := in.store.Load(ctx, company.key); errors.Is(err, ErrNotStored) || err == nil && agency.Uninstalled() {
		in.app.logger().DebugContext(ctx, "auth: install of a location without an agency token; nothing to mint", "key", loc.key.String())
		return nil
	}
	tok, err := loc.mint(ctx)
	if err != nil {
		return fmt.Errorf("auth: install of %s: %w", loc.key, err)
	}
	if err := lk.Save(ctx, tok); err != nil {
		return fmt.Errorf("auth: install of %s: saving: %w", loc.key, err)
	}
	if err := lk.Unlock(); err != nil {
		return fmt.Errorf("auth: install of %s: unlocking: %w", loc.key, err)
	}
	loc.adoptSince(tok, gen)
	in.app.logger().DebugContext(ctx, "auth: location installed; token minted and saved", "key", loc.key.String())
	return nil
}

// Uninstall handles an UNINSTALL: it replaces the stored token of the location, or of the agency when
// LocationID is "", with a tombstone, so that nothing refreshes or mints a token HighLevel has revoked; calls
// for it then fail with an error matching ErrUninstalled (and ErrReauthorize). An agency's tombstone stops its
// locations' tokens issued before it too. It leaves the Store as it is when it holds a tombstone already or a
// token issued after At (the app was installed again since). The sources of this Installs drop their
// in-memory token at once; another process's sources learn it at their next token request, or after
// HighLevel answers 401 for the revoked token (one API call, no refresh).
func (in *Installs) Uninstall(ctx context.Context, ev Installation) error {
	if ev.CompanyID == "" && ev.LocationID == "" {
		return invalid("CompanyID", "is empty: an agency-level uninstall names its company")
	}
	at := in.at(ev)
	key := Key{ClientID: in.app.ClientID, UserType: Company, ID: ev.CompanyID}
	if ev.LocationID != "" {
		key = Key{ClientID: in.app.ClientID, UserType: Location, ID: ev.LocationID}
	}
	if err := key.Validate(); err != nil {
		return err
	}
	lk, err := in.store.Lock(ctx, key)
	if err != nil {
		return fmt.Errorf("auth: uninstall of %s: locking: %w", key, err)
	}
	defer lk.Unlock() //nolint:errcheck // the success path unlocks explicitly and reports
	stored, err := lk.Load(ctx)
	switch {
	case errors.Is(err, ErrNotStored):
		stored = nil
	case errors.Is(err, ErrCorrupt):
		stored = nil // unreadable: the revoked token goes with the tombstone
	case err != nil:
		return fmt.Errorf("auth: uninstall of %s: %w", key, err)
	}
	switch {
	case stored.Uninstalled():
		in.app.logger().DebugContext(ctx, "auth: uninstall already handled", "key", key.String())
	case stored != nil && stored.IssuedAt.After(at):
		in.app.logger().DebugContext(ctx, "auth: uninstall older than the stored token; kept", "key", key.String())
	default:
		if err := lk.Save(ctx, tombstone(key, ev.CompanyID, at)); err != nil {
			return fmt.Errorf("auth: uninstall of %s: saving: %w", key, err)
		}
		in.app.logger().DebugContext(ctx, "auth: uninstalled; token replaced by a tombstone", "key", key.String())
	}
	if err := lk.Unlock(); err != nil {
		return fmt.Errorf("auth: uninstall of %s: unlocking: %w", key, err)
	}
	in.forget(ev)
	return nil
}

// forget makes the sources of this Installs read the Store again.
func (in *Installs) forget(ev Installation) {
	in.mu.Lock()
	var srcs []*Source
	for _, l := range in.locations {
		if l.key.ID == ev.LocationID || ev.LocationID == "" {
			srcs = append(srcs, l) // an agency's uninstall may cover any of them: they re-read the Store
		}
	}
	for id, c := range in.companies {
		if ev.LocationID == "" && id == ev.CompanyID {
			srcs = append(srcs, c)
			continue
		}
		c.locMu.Lock()
		if l, ok := c.locs[ev.LocationID]; ok {
			srcs = append(srcs, l)
		}
		c.locMu.Unlock()
	}
	in.mu.Unlock()
	for _, s := range srcs {
		s.forget()
	}
}

func (in *Installs) at(ev Installation) time.Time {
	if ev.At.IsZero() {
		return in.app.now()
	}
	return ev.At
}
