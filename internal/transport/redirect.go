package transport

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is net/http's own limit, kept for clients that set no CheckRedirect.
const maxRedirects = 10

// sameOrigin builds the CheckRedirect of the client the SDK sends with: a redirect that changes scheme, host or
// port is not followed (the 3xx answer is returned as HighLevel's answer), so the Authorization header never
// reaches another origin, and https is never downgraded. A redirect on the same origin is then left to next,
// the CheckRedirect of the user's own client, or to net/http's default when there is none.
func sameOrigin(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && origin(req.URL) != origin(via[0].URL) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// origin is scheme://host:port with the default port made explicit, so that https://h and https://h:443 match.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// guarded returns a shallow copy of hc whose CheckRedirect applies sameOrigin before hc's own. The caller's
// client is not changed; the copy shares its Transport (and so its connection pool), Jar and Timeout.
func guarded(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = sameOrigin(hc.CheckRedirect)
	return &c
}
