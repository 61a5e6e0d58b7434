// Package redisstore lets the replicas of a service (pods, workers, machines) share what a ghl client keeps
// for one HighLevel location: the rotating OAuth token, the rate budget, and the record of webhook deliveries.
// It is a module of its own, so that the SDK does not depend on Redis.
//
// Every replica builds the same three values on one Redis (see the example):
//
//	tokens := redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{})   // auth.Store
//	limiter, _ := redisstore.NewLimiter(rdb, redisstore.LimiterOptions{})     // ghl.Limiter
//	replays := redisstore.NewReplayStore(rdb, redisstore.ReplayStoreOptions{}) // webhook.ReplayStore
//
//	src := app.Source(tokens, key)
//	client, _ := ghl.NewClient(ghl.WithTokenSource(src), ghl.WithLimiter(limiter), ...)
//	hooks, _ := webhook.NewHandler(webhook.WithReplayStore(replays), ...)
//
// # Tokens
//
// HighLevel's refresh tokens are single use: two replicas that refresh with the same one lose the connection.
// TokenStore's lock makes refreshes take turns across machines. It is a key set with NX to a value only its
// holder knows, with a lease (TokenStoreOptions.LockTTL) that the holder renews while it lives, so that a
// replica that crashes or is killed frees it within one lease. Saving compares the lock's value first (a
// holder whose lease ran out cannot overwrite a newer token) and unlocking deletes the lock only if it is
// still the holder's. A replica that waited for the lock loads the token again through it (auth.Source does),
// finds the token another replica rotated, and uses it without a refresh of its own.
//
// # Durability
//
// The stored refresh token is the only copy of the connection. A Redis that forgets it on a restart forces
// every location to install the app again. Run the Redis that holds tokens with
//
//	appendonly yes      # every write goes to the append-only file, read back at start
//	appendfsync always  # the file is fsynced before Redis answers the write
//
// and call TokenStore.CheckDurability at start. With "appendfsync everysec" (Redis' default once appendonly
// is on) a crash of the machine can lose the last second of writes, a just-rotated refresh token among them;
// snapshots alone ("save") lose everything since the last one. The setting is server-wide: on a Redis that
// also holds the limiter's keys, every request's reservation waits for an fsync (Redis makes one fsync per
// turn of its event loop for all the writes of that turn). If that is too slow, give the limiter and the
// replay store a Redis of their own, which need not be durable: a lost rate key forgets a few seconds of
// budget, a lost replay record lets a delivery already handled through once more within its window. With replicas or Sentinel, a failover can lose a
// write the old primary had acknowledged; keep tokens on a primary whose own disk is durable. The tests kill
// a real redis-server started with these settings and find the token after the restart.
//
// # Rate limit
//
// Limiter keeps each location's budget in Redis with one atomic script per request: the generic cell rate
// algorithm (GCRA) on Redis' clock, in its reservation form: the request takes the next free slot and sleeps
// until it, as golang.org/x/time/rate's Reserve does inside one process. With HighLevel's 100 requests per
// 10 s it admits a burst of 3 and then 94 per 10 s: at most 96 in any 10 s, leaving room for requests that
// reach HighLevel later than others admitted after them. It does not use github.com/go-redis/redis_rate,
// which implements the same algorithm, because that library only answers "allowed now, or retry after d":
// every waiting goroutine of every replica would come back at the same instant to compete for one slot, so
// each admitted request would cost one Redis call per waiter and the order would be random. A reservation
// costs one call per request and serves waiters in order.
//
// Redis unreachable: Limiter.Wait logs a warning once and lets the request through; the client's own limiter
// (on by default) and HighLevel's rate-limit headers (a 429 or a spent budget holds the location) pace the
// replicas until Redis answers again, which is logged too. Requests fail only if HighLevel refuses them.
//
// # Webhooks
//
// ReplayStore records each webhookId in Redis: a claim while a replica handles it, then "done" for the
// replay window the Handler asks (twice its timestamp tolerance plus a minute). A claim holds the attempt's
// webhook.ClaimToken and is released only by that attempt, so a slow attempt that fails after its lease ran
// out leaves the claim of the delivery that followed it in place. A delivery replayed to another replica is
// refused there. Without Redis, Claim fails and the Handler answers 429, so HighLevel delivers again later:
// a delivery is never handled without the record that stops its replays.
//
// # Outages
//
// Without Redis, a replica goes on with the access token it holds. A token that expires meanwhile cannot be
// refreshed, because no lock can be taken: those calls fail with an error that says the token's lock could not
// be taken and why, and no refresh token is spent. Once Redis is back, the next call refreshes with the stored
// refresh token. go-redis stops dialling for about a second after as many failed dials as its pool size;
// calls in that second behave as during the outage.
//
// # Keys
//
// Every key starts with the prefix of the options (DefaultPrefix, "ghl:"): "token:{app_type_id}" and
// "lock:{app_type_id}" (one hash tag, so that both live in one Redis Cluster slot), "rate:{location}" and
// "webhook:<id>". Give each app (each has its own HighLevel budget) and each environment its own prefix.
package redisstore
