package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
)

// An agency app that keeps its token Store in step with installs: an INSTALL mints the location's token, so
// the first call needs no token request, and an UNINSTALL leaves a tombstone, so calls then fail with
// auth.ErrUninstalled and nothing refreshes the revoked token. ghltest stands in for HighLevel.
func ExampleHandleAppLifecycle() {
	signer := ghltest.NewWebhookSigner()
	var receiver http.Handler
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { receiver.ServeHTTP(w, r) }))
	defer rcv.Close()
	handled := make(chan string, 4)
	srv := ghltest.NewServer(ghltest.WithWebhookTarget(ghltest.WebhookTarget{URL: rcv.URL, Signer: signer,
		Delivered: func(typ string, d *ghltest.WebhookDelivery, err error) {
			if err == nil {
				handled <- fmt.Sprintf("%s answered %d", typ, d.StatusCode)
			}
		}}))
	defer srv.Close()
	srv.RegisterApp(ghltest.App{ClientID: "my-app", ClientSecret: "my-secret"})
	app := &auth.App{ClientID: "my-app", ClientSecret: "my-secret", Scopes: auth.AgencyScopes, BaseURL: srv.URL}
	store := auth.NewMemoryStore()
	pair := srv.IssueOAuthPair("") // the agency's authorization, as Exchange would return it
	_, err := app.Connect(context.Background(), store, &auth.Token{AccessToken: pair.AccessToken, RefreshToken: pair.RefreshToken,
		Expiry: time.Now().Add(pair.ExpiresIn), UserType: auth.Company, CompanyID: srv.CompanyID()})
	if err != nil {
		panic(err)
	}

	// The wiring: one Installs per process, handed to the webhook Handler.
	installs := app.Installs(store)
	h, err := webhook.NewHandler(webhook.WithPublicKeys(signer.PublicKey()))
	if err != nil {
		panic(err)
	}
	webhook.HandleAppLifecycle(h, installs)
	receiver = h

	srv.Install("new-location")
	fmt.Println(<-handled)
	contact := srv.AddContact(ghltest.Contact{LocationID: "new-location", FirstName: "Ada"})
	client, err := ghl.NewClient(ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(installs.Company(srv.CompanyID()).ForLocation("new-location")))
	if err != nil {
		panic(err)
	}
	c, err := client.Contacts.Get(context.Background(), contact.ID)
	fmt.Println(c.FirstName, err, "location tokens minted:", srv.OAuthStats().LocationTokens)

	srv.Uninstall("new-location")
	fmt.Println(<-handled)
	_, err = client.Contacts.Get(context.Background(), contact.ID)
	fmt.Println("uninstalled:", errors.Is(err, auth.ErrUninstalled), "refreshes:", srv.OAuthStats().Refreshes)
	// Output:
	// INSTALL answered 200
	// Ada <nil> location tokens minted: 1
	// UNINSTALL answered 200
	// uninstalled: true refreshes: 0
}
