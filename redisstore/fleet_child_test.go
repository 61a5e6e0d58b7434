package redisstore_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/redis/go-redis/v9"
)

// The replica's settings that the tests change, read from the environment.
func envDuration(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func childClock() fleetClock {
	ns, err := strconv.ParseInt(os.Getenv("FLEET_START"), 10, 64)
	if err != nil {
		fail("FLEET_START: %v", err)
	}
	return fleetClock{start: time.Unix(0, ns), speed: fleetSpeed}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}

// fleetWorker is one replica: a ghl client with the token store and the limiter on the fleet's Redis, run as
// a service would run it, logging at Debug level to stderr.
func fleetWorker() {
	clk := childClock()
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rdb := redis.NewClient(clientOptions(os.Getenv("FLEET_REDIS")))
	store := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{LockTTL: envDuration("FLEET_LOCK_TTL", 0)})
	limiter, err := redisstore.NewLimiter(rdb, redisstore.LimiterOptions{
		Interval:   redisstore.DefaultInterval / fleetSpeed,
		RetryAfter: envDuration("FLEET_RETRY_AFTER", 0),
		Logger:     log,
	})
	if err != nil {
		fail("%v", err)
	}
	app := &auth.App{ClientID: fleetClientID, ClientSecret: fleetSecret, BaseURL: os.Getenv("FLEET_URL"),
		Now: clk.Now, Logger: log}
	src := app.Source(store, auth.Key{ClientID: fleetClientID, UserType: auth.Location, ID: fleetLocation})
	client, err := ghl.NewClient(ghl.WithBaseURL(app.BaseURL), ghl.WithTokenSource(src),
		ghl.WithLocationID(fleetLocation), ghl.WithLimiter(limiter), ghl.WithClock(clk), ghl.WithLogger(log))
	if err != nil {
		fail("%v", err)
	}
	path := "/contacts/" + os.Getenv("FLEET_CONTACT")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var each int
		if _, err := fmt.Sscanf(in.Text(), "run %d", &each); err != nil {
			fail("bad command %q", in.Text())
		}
		var mu sync.Mutex
		ok, failed, limited := 0, 0, 0
		var wg sync.WaitGroup
		for range fleetGoroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					err := client.Do(context.Background(), http.MethodGet, path, nil, nil)
					mu.Lock()
					switch {
					case err == nil:
						ok++
					case errors.Is(err, ghl.ErrRateLimited):
						limited++
						fallthrough
					default:
						failed++
						fmt.Printf("error: %v\n", err)
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		fmt.Printf("done ok=%d failed=%d limited=%d\n", ok, failed, limited)
	}
	os.Exit(0)
}

// holdLock takes the token's lock and keeps it until it is killed.
func holdLock() {
	rdb := redis.NewClient(clientOptions(os.Getenv("FLEET_REDIS")))
	store := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{LockTTL: envDuration("FLEET_LOCK_TTL", 0)})
	key := auth.Key{ClientID: fleetClientID, UserType: auth.Location, ID: fleetLocation}
	if _, err := store.Lock(context.Background(), key); err != nil {
		fail("%v", err)
	}
	fmt.Println("locked")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	os.Exit(3)
}
