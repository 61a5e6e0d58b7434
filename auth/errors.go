package auth

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/ghlkit/ghl/api"
)

// Sentinel errors. Errors of this package match them with errors.Is.
var (
	// ErrReauthorize means HighLevel will not give a new token for the stored one (the refresh token was
	// rejected, used or revoked, or no token is stored): the app must be authorized again.
	ErrReauthorize = errors.New("auth: the app must be authorized again")
	// ErrNotStored is returned by a Store for a key that has no token.
	ErrNotStored = errors.New("auth: no token stored")
	// ErrCorrupt is matched by a stored token that cannot be read. The Store leaves it as it is.
	ErrCorrupt = errors.New("auth: stored token is corrupt")
	// ErrOutcomeUnknown means a token request may have reached HighLevel but no usable answer came back. It is
	// not resent: a refresh token is single use, so the stored pair may already be spent. It is the same value
	// as api.ErrOutcomeUnknown and ghl.ErrOutcomeUnknown, so one errors.Is covers creates and token requests.
	ErrOutcomeUnknown = api.ErrOutcomeUnknown
)

var (
	errEmptyToken = errors.New("auth: cannot store a token without an access token")
	errUnlocked   = errors.New("auth: save after unlock")
)

// OAuthError is an answer of HighLevel's token endpoints that is not a token.
type OAuthError struct {
	// Op is what was asked: "exchange", "refresh" or "location token".
	Op string
	// Key names the token concerned, when known.
	Key Key
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the OAuth error code ("invalid_grant") or HighLevel's "error" field, kept only when it looks like
	// an OAuth code (lower-case letters and underscores, at most 64): other text may echo the request.
	Code string
	// Description is the OAuth error_description or HighLevel's message, with every credential the App holds
	// for the request (client secret, code, refresh and access tokens, in raw, URL- and form-encoded spellings)
	// and anything shaped like "Bearer <token>" removed.
	Description string

	reauthorize bool
}

// Error describes the failure without any credential.
func (e *OAuthError) Error() string {
	var b strings.Builder
	b.WriteString("auth: " + e.Op)
	if e.Key != (Key{}) {
		b.WriteString(" for " + e.Key.String())
	}
	fmt.Fprintf(&b, ": HighLevel answered %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Description != "" {
		b.WriteString(": " + e.Description)
	}
	if e.reauthorize {
		b.WriteString(" (the app must be authorized again; the stored token was left as it was)")
	}
	if e.scope() && e.Op == opLocationToken {
		b.WriteString(" (minting location tokens needs the agency token to have the oauth.write scope: authorize the app with auth.AgencyScopes)")
	}
	return b.String()
}

// Is matches ErrReauthorize for answers that mean the grant is gone (invalid_grant, 400 or 401 of a refresh),
// and the sentinels of package api as HighLevel's API answers do: api.ErrUnauthorized for a 401,
// api.ErrScope too for a 401 "not authorized for this scope", api.ErrForbidden for a 403.
func (e *OAuthError) Is(target error) bool {
	switch target {
	case ErrReauthorize:
		return e.reauthorize
	case api.ErrScope:
		return e.scope()
	case api.ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case api.ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	}
	return false
}

// scopeMessage is how HighLevel says a token lacks the scope of the call, on the API and the token endpoints.
const scopeMessage = "not authorized for this scope"

func (e *OAuthError) scope() bool {
	return e.StatusCode == http.StatusUnauthorized && strings.Contains(strings.ToLower(e.Description), scopeMessage)
}

// oauthCodeShape is what an OAuth error code looks like (invalid_grant, unauthorized_client).
var oauthCodeShape = regexp.MustCompile(`^[a-z_]{1,64}$`)

// oauthCode keeps a server's error code only when it looks like one: anything else may be the request echoed.
func oauthCode(code string) string {
	if oauthCodeShape.MatchString(code) {
		return code
	}
	return ""
}

// CorruptError is a stored token that cannot be decoded. It names where the token is kept; the Store never
// overwrites it on its own.
type CorruptError struct {
	// Path is the file (or other location) of the token.
	Path string
	// Problem says what is wrong, without the content.
	Problem string
}

// Error names the file and the problem.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("auth: stored token %s is corrupt (%s); it was left as it is: repair or delete it and authorize the app again", e.Path, e.Problem)
}

// Is matches ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// scrub removes every secret from s in each of its spellings (api.Redact), and caps its length, for text that
// came from a server.
func scrub(s string, secrets ...string) string {
	s = api.Redact(s, secrets...)
	s = strings.Join(strings.Fields(s), " ")
	const max = 300
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}
