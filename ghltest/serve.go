package ghltest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxBody caps request bodies; HighLevel's own cap is not documented, this one only keeps tests sane.
const maxBody = 10 << 20

// call is one request on its way through the server, handed to handlers.
type call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	route  *route
	params map[string]string
	body   []byte
	token  tokenInfo // zero on public routes
	now    time.Time

	sw *statusWriter // the real writer, also when a handler writes into a recorder
	// counted says the request is charged to Stats under budget with verdict, once its status is known.
	counted bool
	budget  string
	verdict verdict
}

// param returns a path wildcard's unescaped value.
func (c *call) param(name string) string { return c.params[name] }

// serveHTTP records the request, then runs it through the checks HighLevel makes, in its order: token, scope,
// location, Version header, rate limit; then an injected fault or the handler.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.wait(r) // latency set with SetLatency
	now := s.clock.Now()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	rec := Request{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, At: now,
	}
	rt, params, found := s.router.match(r.Method, rec.RawPath)
	if found {
		rec.Route = rt.template
	}
	entry := s.log.add(rec)
	sw := &statusWriter{ResponseWriter: w}
	c := &call{s: s, w: sw, sw: sw, r: r, route: rt, params: params, body: body, now: now}
	// The status is logged and counted before anything reaches the client, so that a test reading Stats or
	// Requests right after its answer sees it.
	sw.onStatus = func(status int) {
		s.log.setStatus(entry, status)
		if c.counted {
			s.stats.count(c.budget, status, c.verdict)
		}
	}
	switch {
	case err != nil || len(body) > maxBody:
		s.limits.setHeaders(sw.Header(), s.limits.peek("", now))
		writeError(sw, http.StatusRequestEntityTooLarge, "request entity too large")
	case !found:
		s.limits.setHeaders(sw.Header(), s.limits.peek("", now))
		// NestJS's text, which HighLevel answers for an unknown route.
		writeError(sw, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path)
	case rt.scope == "":
		s.limits.setHeaders(sw.Header(), s.limits.peek("", now))
		rt.handler(c)
	default:
		s.serveAuthorized(c)
	}
	sw.settle(http.StatusOK) // what net/http answers for a handler that wrote nothing
}

// serveAuthorized handles a request to a route that needs a token. A request with a known token is counted
// in the token's location's Stats, whatever the answer.
func (s *Server) serveAuthorized(c *call) {
	tok, ok := s.authenticate(c.r, c.now)
	if !ok {
		s.limits.setHeaders(c.w.Header(), s.limits.peek("", c.now))
		writeError(c.w, http.StatusUnauthorized, msgInvalidJWT)
		return
	}
	c.token, c.counted, c.budget = tok, true, tok.budgetKey()
	refuse := func(status int, msg string) {
		c.verdict = s.limits.peek(c.budget, c.now)
		s.limits.setHeaders(c.w.Header(), c.verdict)
		writeError(c.w, status, msg)
	}
	if !tok.scopes[c.route.scope] {
		refuse(http.StatusUnauthorized, msgScope)
		return
	}
	if c.route.locate != nil {
		if want := c.route.locate(c); want != "" && want != tok.locationID {
			refuse(http.StatusForbidden, msgLocation)
			return
		}
	}
	switch ver := c.r.Header.Get("Version"); {
	case ver == "":
		refuse(http.StatusBadRequest, versionMissing(c.route.version))
		return
	case ver != c.route.version && !s.versions[ver]:
		refuse(http.StatusBadRequest, versionUnsupported(c.route.version))
		return
	}
	c.verdict = s.limits.take(c.budget, c.now)
	s.limits.setHeaders(c.w.Header(), c.verdict)
	if !c.verdict.allowed() {
		writeError(c.w, http.StatusTooManyRequests, msgTooMany)
		return
	}
	if f, ok := s.faults.next(c.r.Method, c.route.template); ok {
		s.serveFault(c, f)
		return
	}
	c.route.handler(c)
}

// authenticate finds the bearer token of r; it fails for a missing, unknown, revoked, expired or refresh token.
func (s *Server) authenticate(r *http.Request, now time.Time) (tokenInfo, bool) {
	h := r.Header.Get("Authorization")
	value, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || value == "" {
		return tokenInfo{}, false
	}
	t, ok := s.tokens.lookup(value)
	if !ok || t.revoked || t.refresh || t.expired(now) {
		return tokenInfo{}, false
	}
	return t, true
}

// budgetKey is whose budget a token spends: its location's, or its company's for an agency token.
func (t tokenInfo) budgetKey() string {
	if t.locationID != "" {
		return t.locationID
	}
	return t.companyID
}

// byLocationField locates a request by its locationId, in the query or the JSON body.
func byLocationField(c *call) string {
	if id := c.r.URL.Query().Get("locationId"); id != "" {
		return id
	}
	var b struct {
		LocationID string `json:"locationId"`
	}
	_ = json.Unmarshal(c.body, &b)
	return b.LocationID
}

// statusWriter tells onStatus the status of the answer once, before it is sent.
type statusWriter struct {
	http.ResponseWriter
	settled  bool
	onStatus func(status int)
}

// settle fixes the status of the answer, unless it is fixed already. A reset connection settles with 0.
func (w *statusWriter) settle(status int) {
	if w.settled {
		return
	}
	w.settled = true
	if w.onStatus != nil {
		w.onStatus(status)
	}
}

func (w *statusWriter) WriteHeader(status int) {
	w.settle(status)
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.settle(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and Hijack.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
