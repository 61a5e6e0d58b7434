package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Defaults of an App.
const (
	// DefaultBaseURL is where HighLevel's token endpoints are (POST /oauth/token, /oauth/locationToken).
	DefaultBaseURL = "https://services.leadconnectorhq.com"
	// DefaultAuthURL is HighLevel's consent page, as its authorization guide writes it (/v2/oauth/chooselocation;
	// older guides show /oauth/chooselocation). White-label apps use marketplace.leadconnectorhq.com instead.
	DefaultAuthURL = "https://marketplace.gohighlevel.com/v2/oauth/chooselocation"
	// DefaultRefreshSkew is how long before expiry a token is refreshed.
	DefaultRefreshSkew = 5 * time.Minute
	// DefaultTokenTimeout bounds one refresh, lock wait included, once it has started: it is not cut short by
	// the caller's context, so that a refresh that reached HighLevel is always saved.
	DefaultTokenTimeout = time.Minute
)

// Scopes of HighLevel that the SDK's features need. Every call of the resource packages (contacts, tasks, notes,
// appointments, tags, businesses) is under /contacts: reads need contacts.readonly, writes contacts.write.
// Acting for a location with an agency (Company) token (Source.ForLocation, ghl's Client.ForLocation) mints a
// location token, which needs oauth.write on the agency token; listing the locations the app is installed in
// needs oauth.readonly. A token that lacks a scope gets HighLevel's 401 "not authorized for this scope", which
// matches api.ErrScope (ghl.ErrScope) and is never answered with a refresh.
var (
	// DefaultScopes are the least privileges the SDK's contact features need: what a Location app asks for.
	DefaultScopes = []string{"contacts.readonly", "contacts.write"}
	// AgencyScopes are DefaultScopes plus oauth.write and oauth.readonly: what an agency (Company) app that acts
	// for its locations asks for. Set App.Scopes to it.
	AgencyScopes = []string{"contacts.readonly", "contacts.write", "oauth.write", "oauth.readonly"}
)

// App is a HighLevel Marketplace app: its OAuth client and where its tokens come from. Fill it in, then do not
// change it once in use. Printing or logging it never shows the client secret.
type App struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered for the app; HighLevel sends the user back there with a code.
	RedirectURL string
	// Scopes asked for; nil means DefaultScopes. An agency app that uses ForLocation needs AgencyScopes.
	Scopes []string
	// BaseURL is the API base of the token endpoints; "" means DefaultBaseURL. Give it the client's base URL
	// (ghl.WithBaseURL) when testing against a fake.
	BaseURL string
	// AuthURL is the consent page; "" means DefaultAuthURL.
	AuthURL string
	// HTTPClient sends the token requests; nil means an http.Client with a 30 s timeout. It must not retry
	// POST requests on its own: a refresh token is single use. The token requests go through a shallow copy of
	// it whose CheckRedirect follows no redirect (HTTPClient is not changed): a 3xx is an *OAuthError, and the
	// client secret, code, refresh token or agency token never reach another URL.
	HTTPClient *http.Client
	// Logger receives Debug lines about refreshes (never a secret); nil means no logging.
	Logger *slog.Logger
	// RefreshSkew is how long before expiry a token is refreshed; 0 means DefaultRefreshSkew.
	RefreshSkew time.Duration
	// TokenTimeout bounds one refresh or mint once started; 0 means DefaultTokenTimeout.
	TokenTimeout time.Duration
	// Now is the clock for expiry; nil means time.Now.
	Now func() time.Time
}

var defaultHTTPClient = &http.Client{Timeout: 30 * time.Second}

func (a *App) baseURL() string {
	if a.BaseURL == "" {
		return DefaultBaseURL
	}
	return strings.TrimRight(a.BaseURL, "/")
}

// httpClient is the client of the token endpoints: a shallow copy of HTTPClient (or the default) that follows
// no redirect, so a client secret, code, refresh token or agency token is never sent to another URL than the
// one asked; the 3xx comes back as the endpoint's answer. The caller's client itself is not changed.
func (a *App) httpClient() *http.Client {
	hc := a.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient
	}
	c := *hc
	c.CheckRedirect = noRedirect
	return &c
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func (a *App) now() time.Time {
	if a.Now == nil {
		return time.Now()
	}
	return a.Now()
}

func (a *App) skew() time.Duration {
	if a.RefreshSkew <= 0 {
		return DefaultRefreshSkew
	}
	return a.RefreshSkew
}

func (a *App) timeout() time.Duration {
	if a.TokenTimeout <= 0 {
		return DefaultTokenTimeout
	}
	return a.TokenTimeout
}

func (a *App) scopes() []string {
	if a.Scopes == nil {
		return DefaultScopes
	}
	return a.Scopes
}

func (a *App) logger() *slog.Logger {
	if a.Logger == nil {
		return slog.New(discardHandler{})
	}
	return a.Logger
}

// Config is the app as an oauth2.Config: HighLevel's consent page and token endpoint, the client credentials
// sent as form fields (HighLevel does not read HTTP Basic auth, and fixing the style keeps x/oauth2 from
// probing, which would send a code twice).
func (a *App) Config() *oauth2.Config {
	authURL := a.AuthURL
	if authURL == "" {
		authURL = DefaultAuthURL
	}
	return &oauth2.Config{
		ClientID:     a.ClientID,
		ClientSecret: a.ClientSecret,
		RedirectURL:  a.RedirectURL,
		Scopes:       a.scopes(),
		Endpoint: oauth2.Endpoint{
			AuthURL:   authURL,
			TokenURL:  a.baseURL() + "/oauth/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

// AuthCodeURL is the consent page URL to send the installing user to: chooselocation with response_type=code,
// client_id, redirect_uri, the scopes space-separated and state (check it when the user comes back).
func (a *App) AuthCodeURL(state string, opts ...oauth2.AuthCodeOption) string {
	return a.Config().AuthCodeURL(state, opts...)
}

// Exchange trades the code from the redirect for a token of userType (Location or Company). The request is
// sent once. HighLevel's fields (locationId, companyId, userType, userId, scope) are kept on the Token.
func (a *App) Exchange(ctx context.Context, code string, userType UserType) (*Token, error) {
	if code == "" {
		return nil, invalid("code", "is empty: pass the code HighLevel sent to the redirect URL")
	}
	if userType != Location && userType != Company {
		return nil, invalid("userType", "must be auth.Location or auth.Company")
	}
	if err := a.check(); err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, a.httpClient())
	o, err := a.Config().Exchange(ctx, code, oauth2.SetAuthURLParam("user_type", string(userType)))
	if err != nil {
		return nil, a.exchangeError(err, code)
	}
	tok := TokenFromOAuth2(o, a.now())
	if tok.UserType == "" {
		tok.UserType = userType
	}
	a.logger().DebugContext(ctx, "auth: code exchanged", "key", KeyOf(a.ClientID, tok).String(), "expiry", tok.Expiry)
	return tok, nil
}

func (a *App) exchangeError(err error, code string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		oe := &OAuthError{Op: "exchange", StatusCode: re.Response.StatusCode, Code: oauthCode(re.ErrorCode),
			Description: scrub(re.ErrorDescription, a.ClientSecret, code)}
		if re.ErrorCode == "" || oe.Description == "" {
			code2, desc := parseErrorBody(re.Body)
			if re.ErrorCode == "" {
				oe.Code = oauthCode(code2)
			}
			if oe.Description == "" {
				oe.Description = scrub(desc, a.ClientSecret, code)
			}
		}
		oe.reauthorize = rejectsGrant(oe.StatusCode, oe.Code)
		return oe
	}
	// x/oauth2's other errors carry no body, but a transport error may quote the URL; the URL has no secret.
	return fmt.Errorf("auth: exchange: %s: %w", scrub(err.Error(), a.ClientSecret, code), ErrOutcomeUnknown)
}

// Connect stores a token (from Exchange) under its key and returns the Source that keeps it current. It
// replaces whatever the Store holds for that key, so call it right after Exchange; a process that starts with an
// installation pair it kept (which the Store may have rotated since) calls ConnectIfNewer instead. It refuses
// to replace a stored token that cannot be read: that file is left for a person to look at.
//
// A token built by hand may leave IssuedAt zero: Connect sets it to the App's clock, as if the token had just
// been received, so that the refresh skew of a short-lived token is capped at half its remaining lifetime
// instead of refreshing it on every call.
func (a *App) Connect(ctx context.Context, store Store, tok *Token) (*Source, error) {
	src, _, err := a.connect(ctx, store, tok, false)
	return src, err
}

// ConnectIfNewer is Connect unless the Store already holds a newer token for the key: a stored token issued
// after tok (IssuedAt) is kept, and the returned Source uses it; saved reports whether tok was stored. A
// process restarted with the pair it was installed with uses it so as not to throw away the pair another
// process has rotated to since, which would leave only a spent refresh token.
func (a *App) ConnectIfNewer(ctx context.Context, store Store, tok *Token) (src *Source, saved bool, err error) {
	return a.connect(ctx, store, tok, true)
}

func (a *App) connect(ctx context.Context, store Store, tok *Token, ifNewer bool) (*Source, bool, error) {
	key, err := a.connectKey(tok)
	if err != nil {
		return nil, false, err
	}
	tok = tok.clone()
	if tok.IssuedAt.IsZero() {
		tok.IssuedAt = a.now()
	}
	lk, err := store.Lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	defer lk.Unlock() //nolint:errcheck // the explicit Unlock below reports
	stored, err := lk.Load(ctx)
	if err != nil && !errors.Is(err, ErrNotStored) {
		return nil, false, err
	}
	use, saved := tok, true
	if ifNewer && stored.Uninstalled() && stored.IssuedAt.After(tok.IssuedAt) {
		return nil, false, uninstalledError(key, key, stored)
	}
	if ifNewer && stored != nil && stored.IssuedAt.After(tok.IssuedAt) {
		use, saved = stored, false
		a.logger().DebugContext(ctx, "auth: the store holds a newer token; keeping it", "key", key.String())
	} else if err := lk.Save(ctx, tok); err != nil {
		return nil, false, err
	}
	if err := lk.Unlock(); err != nil {
		return nil, false, err
	}
	src := a.Source(store, key)
	src.adopt(use.clone())
	return src, saved, nil
}

// connectKey is the key tok is stored under, or an *ArgumentError naming the field that keeps it from naming one.
func (a *App) connectKey(tok *Token) (Key, error) {
	switch {
	case tok == nil:
		return Key{}, invalid("tok", "is nil")
	case tok.AccessToken == "":
		return Key{}, invalid("Token.AccessToken", "is empty")
	case a.ClientID == "":
		return Key{}, invalid("App.ClientID", "is empty")
	case tok.UserType != Location && tok.UserType != Company:
		return Key{}, invalid("Token.UserType", "must be auth.Location or auth.Company (Exchange sets it from HighLevel's answer)")
	case tok.UserType == Location && tok.LocationID == "":
		return Key{}, invalid("Token.LocationID", "is empty: a Location token names its location")
	case tok.UserType == Company && tok.CompanyID == "":
		return Key{}, invalid("Token.CompanyID", "is empty: a Company token names its agency")
	}
	return KeyOf(a.ClientID, tok), nil
}

func (a *App) check() error {
	switch {
	case a.ClientID == "":
		return invalid("App.ClientID", "is empty")
	case a.ClientSecret == "":
		return invalid("App.ClientSecret", "is empty")
	}
	return nil
}

// String describes the app without its secret.
func (a App) String() string {
	return fmt.Sprintf("auth.App{client_id: %s, client_secret: [redacted], redirect_url: %s, scopes: %s, base_url: %s}",
		a.ClientID, a.RedirectURL, strings.Join(a.scopes(), " "), a.baseURL())
}

// GoString is String, for %#v.
func (a App) GoString() string { return a.String() }

// Format prints String for every verb.
func (a App) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }

// LogValue logs the app without its secret.
func (a App) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", a.ClientID),
		slog.String("client_secret", "[redacted]"),
		slog.String("redirect_url", a.RedirectURL),
		slog.String("base_url", a.baseURL()),
	)
}

type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }
