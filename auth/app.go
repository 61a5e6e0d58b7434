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

// DefaultScopes are the least privileges the SDK's contact features need.
var DefaultScopes = []string{"contacts.readonly", "contacts.write"}

// App is a HighLevel Marketplace app: its OAuth client and where its tokens come from. Fill it in, then do not
// change it once in use. Printing or logging it never shows the client secret.
type App struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered for the app; HighLevel sends the user back there with a code.
	RedirectURL string
	// Scopes asked for; nil means DefaultScopes.
	Scopes []string
	// BaseURL is the API base of the token endpoints; "" means DefaultBaseURL. Give it the client's base URL
	// (ghl.WithBaseURL) when testing against a fake.
	BaseURL string
	// AuthURL is the consent page; "" means DefaultAuthURL.
	AuthURL string
	// HTTPClient sends the token requests; nil means an http.Client with a 30 s timeout. It must not retry
	// POST requests on its own: a refresh token is single use.
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

func (a *App) httpClient() *http.Client {
	if a.HTTPClient == nil {
		return defaultHTTPClient
	}
	return a.HTTPClient
}

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
		return nil, errors.New("auth: exchange needs the code from the redirect")
	}
	if userType != Location && userType != Company {
		return nil, errors.New("auth: exchange needs user type Location or Company")
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
		oe := &OAuthError{Op: "exchange", StatusCode: re.Response.StatusCode, Code: re.ErrorCode,
			Description: scrub(re.ErrorDescription, a.ClientSecret, code)}
		if oe.Code == "" || oe.Description == "" {
			code2, desc := parseErrorBody(re.Body)
			if oe.Code == "" {
				oe.Code = code2
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
// refuses to replace a stored token that cannot be read: that file is left for a person to look at.
func (a *App) Connect(ctx context.Context, store Store, tok *Token) (*Source, error) {
	if tok == nil || tok.AccessToken == "" {
		return nil, errEmptyToken
	}
	key := KeyOf(a.ClientID, tok)
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("%w (the token names no %s)", err, tok.UserType)
	}
	lk, err := store.Lock(ctx, key)
	if err != nil {
		return nil, err
	}
	defer lk.Unlock() //nolint:errcheck // the explicit Unlock below reports
	if _, err := lk.Load(ctx); err != nil && !errors.Is(err, ErrNotStored) {
		return nil, err
	}
	if err := lk.Save(ctx, tok); err != nil {
		return nil, err
	}
	if err := lk.Unlock(); err != nil {
		return nil, err
	}
	src := a.Source(store, key)
	src.adopt(tok.clone())
	return src, nil
}

func (a *App) check() error {
	switch {
	case a.ClientID == "":
		return errors.New("auth: app has no client ID")
	case a.ClientSecret == "":
		return errors.New("auth: app has no client secret")
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
