package auth_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
)

// capture keeps what reached a server that should never have been asked.
type capture struct {
	mu   sync.Mutex
	reqs []string
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	c.reqs = append(c.reqs, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" body="+string(body))
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"access_token":"stolen","refresh_token":"stolen","expires_in":3600}`))
}

func (c *capture) seen() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.reqs...)
}

func TestTokenEndpointFollowsNoRedirect(t *testing.T) {
	calls := map[string]func(ctx context.Context, app *auth.App) error{
		"exchange": func(ctx context.Context, app *auth.App) error {
			_, err := app.Exchange(ctx, "code-of-the-install", auth.Location)
			return err
		},
		"refresh": func(ctx context.Context, app *auth.App) error {
			store := auth.NewMemoryStore()
			put(t, store, locKey(), &auth.Token{AccessToken: "at-old", RefreshToken: "rt-old", UserType: auth.Location,
				LocationID: "loc-1", IssuedAt: time.Now().Add(-2 * time.Hour), Expiry: time.Now().Add(-time.Hour)})
			_, err := app.Source(store, locKey()).Token(ctx)
			return err
		},
		"location token": func(ctx context.Context, app *auth.App) error {
			store := auth.NewMemoryStore()
			put(t, store, companyKey(), &auth.Token{AccessToken: "at-agency", RefreshToken: "rt-agency",
				UserType: auth.Company, CompanyID: "co-1", IssuedAt: time.Now(), Expiry: time.Now().Add(time.Hour)})
			_, err := app.Source(store, companyKey()).ForLocation("loc-2").Token(ctx)
			return err
		},
	}
	for name, call := range calls {
		for _, client := range []string{"default client", "user's client", "user's client that follows everything"} {
			t.Run(name+"/"+client, func(t *testing.T) {
				var other capture
				otherSrv := httptest.NewServer(&other)
				t.Cleanup(otherSrv.Close)
				for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
					redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						http.Redirect(w, r, otherSrv.URL+r.URL.Path, status)
					}))
					t.Cleanup(redirect.Close)
					app := &auth.App{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: testRedirect,
						BaseURL: redirect.URL}
					switch client {
					case "user's client":
						app.HTTPClient = &http.Client{}
					case "user's client that follows everything":
						app.HTTPClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
					}
					err := call(context.Background(), app)
					assert.Error(t, err, "a redirect is not a token (%d)", status)
				}
				assert.Empty(t, other.seen(), "the token request reached another origin")
			})
		}
	}
}
