package pgstore_test

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
	"github.com/ghlkit/ghl/pgstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

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

func childStore() *pgstore.TokenStore {
	pool, err := pgxpool.New(context.Background(), os.Getenv("FLEET_DB"))
	if err != nil {
		fail("%v", err)
	}
	return pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})
}

// fleetWorker is one replica: a ghl client with the token store on the fleet's database and a third of the
// location's budget on its own limiter, run as a service would run it, logging at Debug level to stderr.
func fleetWorker() {
	clk := childClock()
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store := childStore()
	app := &auth.App{ClientID: fleetClientID, ClientSecret: fleetSecret, BaseURL: os.Getenv("FLEET_URL"),
		Now: clk.Now, Logger: log}
	src := app.Source(store, auth.Key{ClientID: fleetClientID, UserType: auth.Location, ID: fleetLocation})
	client, err := ghl.NewClient(ghl.WithBaseURL(app.BaseURL), ghl.WithTokenSource(src),
		ghl.WithLocationID(fleetLocation), ghl.WithRateLimit(100/fleetProcesses, 10*time.Second),
		ghl.WithClock(clk), ghl.WithLogger(log))
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

// holdLock takes the token's lock, as a replica does at the start of a refresh, and keeps it until it is
// killed.
func holdLock() {
	store := childStore()
	key := auth.Key{ClientID: fleetClientID, UserType: auth.Location, ID: fleetLocation}
	lk, err := store.Lock(context.Background(), key)
	if err != nil {
		fail("%v", err)
	}
	if _, err := lk.Load(context.Background()); err != nil {
		fail("%v", err)
	}
	fmt.Println("locked")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	os.Exit(3)
}
