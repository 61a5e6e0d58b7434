package check

import (
	"strings"
	"unicode"

	"github.com/ghlkit/ghl/internal/transport"
)

// Email returns an *ArgumentError for field when s is not empty and is not an email address HighLevel
// could accept: one "@", something before it, and after it a domain with a dot between non-empty labels.
// A value with white space or control characters is refused; plus-addresses, subdomains, international
// (UTF-8) names and long top-level domains pass. The empty string passes: whether it is required is the
// caller's rule.
func Email(field, s string) error {
	if s == "" || plausibleEmail(s) {
		return nil
	}
	return transport.InvalidArgument(field, "is not an email address: want one @, a name before it and a domain with a dot after it")
}

func plausibleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		// HighLevel refuses a@b ("email must be an email").
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
	}
	return true
}
