package transport

import (
	"net/url"
	"strings"
)

// Path joins segments into an absolute request path, escaping each one so that an ID can never change which
// endpoint is called: "/", "?", "#" and "%" are escaped by url.PathEscape, and a segment that is "." or ".." has
// its dots escaped too, since servers and proxies resolve dot segments before routing. An empty last segment
// yields a trailing slash ("/contacts/"), which some HighLevel endpoints require.
func Path(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		switch s {
		case ".":
			b.WriteString("%2E")
		case "..":
			b.WriteString("%2E%2E")
		default:
			b.WriteString(url.PathEscape(s))
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// SplitRawPath checks a caller-written path for the escape hatch and splits off its query string. It must be
// relative to the base URL (no scheme or host) and may not contain dot segments that would climb out of it.
func SplitRawPath(raw string) (path string, query url.Values, err error) {
	if !strings.HasPrefix(raw, "/") {
		return "", nil, InvalidArgument("path", "must start with /")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, InvalidArgument("path", "is not a valid URL path")
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "//") {
		return "", nil, InvalidArgument("path", "must be relative to the base URL")
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return "", nil, InvalidArgument("path", "must not contain . or .. segments")
		}
	}
	if u.RawQuery != "" {
		query = u.Query()
	}
	return u.EscapedPath(), query, nil
}
