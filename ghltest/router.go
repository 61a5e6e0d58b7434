package ghltest

import (
	"net/url"
	"strings"
)

// Scopes that routes declare and tokens carry.
const (
	ScopeContactsRead  = "contacts.readonly"
	ScopeContactsWrite = "contacts.write"
)

// DefaultScopes are the scopes an OAuth app's token carries when the app asks for none.
var DefaultScopes = []string{ScopeContactsRead, ScopeContactsWrite}

// A route is one operation. Go's ServeMux cannot hold HighLevel's paths ("GET /contacts/business/{businessId}"
// and "GET /contacts/{contactId}/tasks" conflict), hence this small router.
type route struct {
	method   string
	template string
	segs     []string
	// scope is the scope a token needs; "" makes the route public (no bearer token, no rate limit), as the
	// OAuth token endpoint is.
	scope string
	// version is the one Version header the operation's spec allows.
	version string
	// locate finds the location the request concerns, for the 403 check; nil when the route is not
	// location-scoped. It may return "" when it cannot tell (an unknown contact), which skips the check and
	// leaves the answer to the handler.
	locate  func(*call) string
	handler func(*call)
}

type router struct {
	routes []*route
}

// add registers a route of an API whose spec allows Version APIVersion. The template's segments in braces are
// wildcards: "/contacts/{contactId}/tasks".
func (r *router) add(method, template, scope string, locate func(*call) string, h func(*call)) {
	r.addVersioned(method, template, scope, APIVersion, locate, h)
}

// addVersioned registers a route whose spec allows only the given Version header.
func (r *router) addVersioned(method, template, scope, version string, locate func(*call) string, h func(*call)) {
	r.routes = append(r.routes, &route{
		method: method, template: template, segs: splitTemplate(template),
		scope: scope, version: version, locate: locate, handler: h,
	})
}

// match finds the route for a method and an escaped path, with the wildcard values unescaped. Segments are
// split on the escaped path so that an ID holding an escaped "/" stays one segment. Where several routes fit,
// the one with a literal segment earliest wins over a wildcard.
func (r *router) match(method, escapedPath string) (rt *route, params map[string]string, ok bool) {
	segs, valid := splitPath(escapedPath)
	if !valid {
		return nil, nil, false
	}
	var best *route
	for _, cand := range r.routes {
		if cand.method != method || len(cand.segs) != len(segs) || !cand.fits(segs) {
			continue
		}
		if best == nil || cand.beats(best) {
			best = cand
		}
	}
	if best == nil {
		return nil, nil, false
	}
	params = map[string]string{}
	for i, s := range best.segs {
		if name, wild := wildcard(s); wild {
			params[name] = segs[i]
		}
	}
	return best, params, true
}

func (rt *route) fits(segs []string) bool {
	for i, s := range rt.segs {
		if _, wild := wildcard(s); !wild && s != segs[i] {
			return false
		}
	}
	return true
}

// beats reports whether rt is more specific than other: the first segment where they differ in kind is a
// literal in rt.
func (rt *route) beats(other *route) bool {
	for i := range rt.segs {
		_, w1 := wildcard(rt.segs[i])
		_, w2 := wildcard(other.segs[i])
		if w1 != w2 {
			return !w1
		}
	}
	return false
}

func wildcard(seg string) (name string, ok bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// splitTemplate drops a trailing slash: HighLevel (like Express by default) answers "/contacts/" and
// "/contacts" alike.
func splitTemplate(t string) []string {
	return strings.Split(trimSlash(t), "/")[1:]
}

func splitPath(escaped string) ([]string, bool) {
	raw := strings.Split(trimSlash(escaped), "/")[1:]
	segs := make([]string, len(raw))
	for i, s := range raw {
		u, err := url.PathUnescape(s)
		if err != nil {
			return nil, false
		}
		segs[i] = u
	}
	return segs, true
}

func trimSlash(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// sameTemplate compares route templates as the router does (a trailing slash does not matter).
func sameTemplate(a, b string) bool { return trimSlash(a) == trimSlash(b) }
