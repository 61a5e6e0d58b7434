package pgstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/pgstore"
	"github.com/ghlkit/ghl/webhook"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Every replica of a service builds the same two stores on one database: the token store behind its OAuth
// source and the webhook replay store. Without a shared limiter, each of N replicas takes 1/N of the budget.
func Example() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL")) // e.g. "postgres://app@db.internal/app"
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	// Stands for HighLevel here; in production leave BaseURL empty.
	hl := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer hl.Close()
	hl.RegisterApp(ghltest.App{ClientID: "my-app", ClientSecret: "my-secret"})
	ada := hl.AddContact(ghltest.Contact{LocationID: "loc1", FirstName: "Ada"})

	tokens := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})
	replays := pgstore.NewReplayStore(pool, pgstore.ReplayStoreOptions{})
	// Once, from a deploy step (or at start): the tables. Nothing else changes the schema.
	if err := tokens.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	if err := replays.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	app := &auth.App{ClientID: "my-app", ClientSecret: "my-secret", BaseURL: hl.URL}

	// Once, when a location installs the app: store its token (Exchange gives it; the fake issues one).
	pair := hl.IssueOAuthPair("loc1")
	if _, err := app.Connect(ctx, tokens, &auth.Token{AccessToken: pair.AccessToken, RefreshToken: pair.RefreshToken,
		UserType: auth.Location, LocationID: "loc1"}); err != nil {
		log.Fatal(err)
	}

	// In every replica: the source refreshes under the database's lock; with 3 replicas, a third of the budget.
	src := app.Source(tokens, auth.Key{ClientID: "my-app", UserType: auth.Location, ID: "loc1"})
	client, err := ghl.NewClient(ghl.WithBaseURL(hl.URL), ghl.WithTokenSource(src), ghl.WithLocationID("loc1"),
		ghl.WithRateLimit(100/3, 10*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.Contacts.Get(ctx, ada.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.FirstName)

	// Webhooks: a delivery handled by any replica is refused by all.
	hooks, err := webhook.NewHandler(webhook.WithReplayStore(replays))
	if err != nil {
		log.Fatal(err)
	}
	_ = hooks // http.Handle("POST /hooks/ghl", hooks)
	// Output: Ada
}
