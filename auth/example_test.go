package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ghlkit/ghl/auth"
	"golang.org/x/oauth2"
)

func ExamplePrivateToken() {
	src := auth.PrivateToken("pit-your-private-integration-token")
	tok, _ := src.Token(context.Background())
	fmt.Println(strings.HasPrefix(tok, "pit-"))
	fmt.Println(src) // printing never shows the token
	// Output:
	// true
	// auth.private token(redacted)
}

func ExampleApp_AuthCodeURL() {
	app := &auth.App{
		ClientID:    "6650f1c2e8b1-lx2k9",
		RedirectURL: "https://example.com/oauth/callback",
	}
	fmt.Println(app.AuthCodeURL("state-42"))
	// Output:
	// https://marketplace.gohighlevel.com/v2/oauth/chooselocation?client_id=6650f1c2e8b1-lx2k9&redirect_uri=https%3A%2F%2Fexample.com%2Foauth%2Fcallback&response_type=code&scope=contacts.readonly+contacts.write&state=state-42
}

// exampleTokenEndpoint answers POST /oauth/token like HighLevel, with fixed values.
func exampleTokenEndpoint() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"at-example","token_type":"Bearer","expires_in":86399,"refresh_token":"rt-example",
			"scope":"contacts.readonly contacts.write","userType":"Location","locationId":"loc-1","companyId":"co-1","userId":"u-1"}`)
	}))
}

func ExampleApp_Exchange() {
	srv := exampleTokenEndpoint() // stands for HighLevel
	defer srv.Close()
	app := &auth.App{
		ClientID: "6650f1c2e8b1-lx2k9", ClientSecret: "a-secret", RedirectURL: "http://127.0.0.1:8080/callback",
		BaseURL: srv.URL,
		Now:     func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
	}
	ctx := context.Background()
	// The code comes back on the redirect URL after the user chose a location on app.AuthCodeURL(state).
	tok, err := app.Exchange(ctx, "code-from-the-redirect", auth.Location)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "ghl-tokens")
	defer os.RemoveAll(dir)
	store, err := auth.NewFileStore(filepath.Join(dir, "tokens"))
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := app.Connect(ctx, store, tok) // saved before use; hand src to ghl.WithTokenSource
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(src.Key())
	fmt.Println(tok)
	// Output:
	// 6650f1c2e8b1-lx2k9/Location/loc-1
	// auth.Token{access_token: [redacted], refresh_token: [redacted], user_type: Location, location_id: loc-1, company_id: co-1, scopes: contacts.readonly contacts.write, expiry: 2026-03-02T11:59:59Z}
}

func ExampleApp() {
	app := auth.App{ClientID: "6650f1c2e8b1-lx2k9", ClientSecret: "a-secret", RedirectURL: "https://example.com/cb"}
	fmt.Printf("%+v\n", app) // the secret never prints, whatever the verb
	// Output:
	// auth.App{client_id: 6650f1c2e8b1-lx2k9, client_secret: [redacted], redirect_url: https://example.com/cb, scopes: contacts.readonly contacts.write, base_url: https://services.leadconnectorhq.com}
}

func ExampleToOAuth2() {
	// A source of this package where x/oauth2 wants one, for example oauth2.NewClient.
	ts := auth.ToOAuth2(context.Background(), auth.StaticToken("an-access-token"))
	tok, _ := ts.Token()
	fmt.Println(tok.Type(), tok.AccessToken == "an-access-token")
	// Output:
	// Bearer true
}

func ExampleFromOAuth2() {
	// An oauth2.TokenSource handed to the client: ghl.WithTokenSource(auth.FromOAuth2(ts)).
	src := auth.FromOAuth2(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "an-access-token"}))
	tok, _ := src.Token(context.Background())
	fmt.Println(tok == "an-access-token", src)
	// Output:
	// true auth.OAuth2Source(redacted)
}
