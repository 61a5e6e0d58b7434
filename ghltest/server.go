package ghltest

import (
	"net/http"
	"net/http/httptest"
	"sync"
)

// Server is a running fake of HighLevel's API. Create it with NewServer and stop it with Close.
// All methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the server, like "http://127.0.0.1:1234" (no trailing slash), to be used where
	// the SDK would use https://services.leadconnectorhq.com.
	URL string

	ts        *httptest.Server
	clock     Clock
	router    *router
	tokens    *tokenStore
	limits    *limiter
	stats     *statsBook
	faults    *faultBook
	latency   latencyBook
	log       *recorder
	store     *store
	book      calendarBook // calendars, businesses and custom fields (calendars.go)
	oauth     *oauthState  // the OAuth endpoints' apps, codes and counters (oauth.go)
	location  string
	versions  map[string]bool // the accepted Version header values (version_lenient.go)
	events    *eventQueue     // nil unless WithWebhookTarget (webhook_events.go)
	done      chan struct{}   // closed by Close, so that stalled answers give up
	closeOnce sync.Once

	// stallEnded, when set by a test, hears why each stalled answer ended: "client" or "close".
	stallEnded func(reason string)
}

// routes is the list of every resource's routes. Each resource file registers its own with one call here.
func (s *Server) routes(r *router) {
	s.routeContacts(r)
	s.routeTags(r)
	s.routeBusinesses(r)
	s.routeTasks(r)
	s.routeNotes(r)
	s.routeAppointments(r)
	s.routeCalendars(r)
	s.routeCalendarEvents(r)
	s.routeBusinessRecords(r)
	s.routeCustomFields(r)
	s.routeOAuth(r)
}

// NewServer starts a server on a loopback port, or on the listener of WithListener. It panics on invalid
// options.
func NewServer(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		clock:  cfg.clock,
		router: &router{},
		tokens: newTokenStore(),
		limits: newLimiter(cfg.burstMax, cfg.burstWindow, cfg.dailyLimit),
		stats:  newStatsBook(),
		faults: &faultBook{},
		log:    &recorder{},
		store:  newStore(),
		done:   make(chan struct{}),
	}
	s.routes(s.router)
	for _, id := range cfg.locations {
		s.store.ensure(id)
	}
	if len(cfg.locations) > 0 {
		s.location = cfg.locations[0]
	} else {
		s.location = newID()
		s.store.ensure(s.location)
	}
	for _, t := range cfg.tokens {
		s.tokens.add(tokenInfo{value: t.token, locationID: t.locationID, scopes: scopeSet(t.scopes)})
	}
	s.versions = acceptedVersions(cfg.versions)
	s.ts = startListening(cfg.listener, s.withEvents(cfg.webhook, http.HandlerFunc(s.serveHTTP)))
	s.URL = s.ts.URL
	return s
}

// Close stops the server. Answers stalled by a Fault give up first, so Close never waits for them.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.ts.Close()
}

// Client returns an *http.Client that reaches the server (the one httptest provides).
func (s *Server) Client() *http.Client { return s.ts.Client() }

// LocationID returns the server's default location: the first WithLocation, or a generated ID.
func (s *Server) LocationID() string { return s.location }
