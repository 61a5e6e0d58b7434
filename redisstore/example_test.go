package redisstore_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/ghlkit/ghl/webhook"
	"github.com/redis/go-redis/v9"
)

// Every replica of a service builds the same three pieces on one Redis: the token store behind its OAuth
// source, the shared limiter, and the webhook replay store.
func Example() {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}) // e.g. "redis.internal:6379"
	defer rdb.Close()

	// Stands for HighLevel here; in production leave BaseURL empty.
	hl := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer hl.Close()
	hl.RegisterApp(ghltest.App{ClientID: "my-app", ClientSecret: "my-secret"})
	ada := hl.AddContact(ghltest.Contact{LocationID: "loc1", FirstName: "Ada"})

	tokens := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{})
	if err := tokens.CheckDurability(ctx); err != nil {
		log.Fatal(err) // a refresh token Redis may lose is a connection the app may lose
	}
	limiter, err := redisstore.NewLimiter(rdb, redisstore.LimiterOptions{Logger: slog.Default()})
	if err != nil {
		log.Fatal(err)
	}
	app := &auth.App{ClientID: "my-app", ClientSecret: "my-secret", BaseURL: hl.URL}

	// Once, when a location installs the app: store its token (Exchange gives it; the fake issues one).
	pair := hl.IssueOAuthPair("loc1")
	if _, err := app.Connect(ctx, tokens, &auth.Token{AccessToken: pair.AccessToken, RefreshToken: pair.RefreshToken,
		UserType: auth.Location, LocationID: "loc1"}); err != nil {
		log.Fatal(err)
	}

	// In every replica: the source refreshes under the Redis lock, the limiter shares the location's budget.
	src := app.Source(tokens, auth.Key{ClientID: "my-app", UserType: auth.Location, ID: "loc1"})
	client, err := ghl.NewClient(ghl.WithBaseURL(hl.URL), ghl.WithTokenSource(src), ghl.WithLocationID("loc1"),
		ghl.WithLimiter(limiter))
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.Contacts.Get(ctx, ada.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.FirstName)

	// Webhooks: a delivery handled by any replica is refused by all.
	hooks, err := webhook.NewHandler(webhook.WithReplayStore(redisstore.NewReplayStore(rdb, redisstore.ReplayStoreOptions{})))
	if err != nil {
		log.Fatal(err)
	}
	_ = hooks // http.Handle("POST /hooks/ghl", hooks)
	// Output: Ada
}
