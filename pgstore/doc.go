// Package pgstore lets the replicas of a service share what a ghl client keeps for a HighLevel app in
// PostgreSQL: the rotating OAuth tokens and the record of webhook deliveries. It is for teams whose durable
// state lives in PostgreSQL and who run no Redis (module github.com/ghlkit/ghl/redisstore is the same on
// Redis). It is a module of its own, so that the SDK does not depend on a database driver; it uses
// github.com/jackc/pgx/v5.
//
// Every replica builds the same two values on one database (see the example):
//
//	pool, _ := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
//	tokens := pgstore.NewTokenStore(pool, pgstore.TokenStoreOptions{})    // auth.Store
//	replays := pgstore.NewReplayStore(pool, pgstore.ReplayStoreOptions{}) // webhook.ReplayStore
//
//	src := app.Source(tokens, key)
//	client, _ := ghl.NewClient(ghl.WithTokenSource(src), ...)
//	hooks, _ := webhook.NewHandler(webhook.WithReplayStore(replays), ...)
//
// # Schema
//
// Nothing in this package changes the schema behind the caller's back: TokenStore.Migrate and
// ReplayStore.Migrate create the tables when called (from a deploy step, or at start; replicas that call
// them together take turns), and MigrationSQL returns the statements for other table names. With the default
// names, for teams that migrate by hand:
//
//	CREATE TABLE IF NOT EXISTS "ghl_tokens" (
//		client_id  text        NOT NULL,
//		user_type  text        NOT NULL,
//		id         text        NOT NULL,
//		token      text        NOT NULL,
//		updated_at timestamptz NOT NULL DEFAULT now(),
//		PRIMARY KEY (client_id, user_type, id)
//	);
//
//	CREATE TABLE IF NOT EXISTS "ghl_webhook_deliveries" (
//		webhook_id text        PRIMARY KEY,
//		claim      text,
//		expires_at timestamptz NOT NULL
//	);
//	CREATE INDEX IF NOT EXISTS "ghl_webhook_deliveries_expires_at_idx" ON "ghl_webhook_deliveries" (expires_at);
//
// The token column holds auth.MarshalToken's JSON, refresh token included: grant the tables only to the
// service's role.
//
// # Tokens
//
// HighLevel's refresh tokens are single use: two replicas that refresh with the same one lose the connection.
// TokenStore makes refreshes take turns across machines with a transaction-level advisory lock,
// pg_advisory_xact_lock on a 64-bit hash of the table and key, taken in a transaction that lives as long as the
// lock. Save writes the new token in that transaction and commits it, which ends the lock with the write;
// Unlock without a Save rolls it back. The transaction is read committed whatever the database's default, so
// that the Load after the wait sees the token the previous holder committed. PostgreSQL ends a transaction
// the moment its connection closes, so a replica that crashes or is killed frees the lock at once: no lease
// to wait out, nothing to renew. A replica whose machine vanishes without closing its connection keeps the
// lock until PostgreSQL notices: the lock's transaction sets idle_in_transaction_session_timeout
// (TokenStoreOptions.IdleTimeout, a minute by default) for itself, which bounds that wait.
//
// Saves are fenced by the transaction itself: a holder whose transaction PostgreSQL ended (its connection
// dropped, the server restarted, it idled past the timeout, an administrator terminated it) cannot write
// through it any more, so it never overwrites the token of the replica that took the lock after it; its
// Save fails with ErrLockLost. A replica that waited for the lock loads the token again through it
// (auth.Source does), finds the token another replica rotated, and uses it without a refresh of its own.
//
// Why an advisory lock rather than a row lock (SELECT ... FOR UPDATE): the first refresh of a key must be
// serialised too, before any row exists, and a row lock needs a row (a placeholder row would make "no token"
// a state of the table that every reader must know). An advisory lock also leaves the row free for readers
// and for Delete while a refresh is under way. The price is that the lock space is the database's: any
// advisory lock of the application shares it, which the 64-bit hash makes as unlikely to meet as two keys of
// the store.
//
// Within one process the goroutines that want one key's lock queue in memory, and one of them waits in
// PostgreSQL, so a busy process holds one connection per key being refreshed. The lock's transaction holds a
// connection of the pool for as long as the token request takes.
//
// # Durability
//
// A token is durable when Save returns: its commit waits for the write-ahead log to reach the disk, as long
// as the server runs with fsync on and synchronous_commit not off (both PostgreSQL's defaults). With
// asynchronous replication, a failover can lose a commit the old primary had acknowledged; keep tokens on a
// primary whose own disk is durable, or on a synchronous standby setup. The tests stop PostgreSQL the way a
// crash would (immediate shutdown, then crash recovery at start) and find the token after the restart.
//
// # Rate limit
//
// pgstore has no shared limiter: PostgreSQL would pay a write per request for it. Pair pgstore's tokens with
// redisstore's Limiter if the replicas have a Redis, or give each replica its share of the location's
// budget with the client's own limiter: with N replicas, ghl.WithRateLimit(100/N, 10*time.Second) keeps
// their sum under HighLevel's 100 requests per 10 s as they send them (the fleet tests run that way). Requests
// that reach HighLevel later than others sent after them can still meet an odd 429, which the client waits
// out and retries; redisstore's limiter leaves room for that, a split budget does not.
//
// # Webhooks
//
// ReplayStore records each webhookId in one row: a claim while a replica handles it, then a handled mark for
// the replay window the Handler asks (twice its timestamp tolerance). Both expire on PostgreSQL's clock: an
// expired row is treated as absent at once, so a claim whose holder crashed lapses after its lease, and the
// store deletes expired rows itself (see ReplayStore). A Release drops only the releasing store's own claim.
// Without PostgreSQL, Claim fails and the Handler answers 429, so HighLevel delivers again later: a delivery
// is never handled without the record that stops its replays.
//
// # Outages
//
// Without PostgreSQL, a replica goes on with the access token it holds. A token that expires meanwhile cannot
// be refreshed, because no lock can be taken: those calls fail with an error that says the token's lock
// could not be taken and why, and no refresh token is spent. A refresh under way when the server goes down
// fails at its Save (ErrLockLost) and the stored token stays the one before; if HighLevel had already
// answered the refresh, auth.Source keeps the new pair in memory and saves it at its next try. Once
// PostgreSQL is back, the next call refreshes with the stored refresh token. Right after a restart the pool
// still holds connections to the old server; the stores' reads, upserts, deletes and locks move on to another
// connection when theirs turns out dead (up to one try more than the pool's MaxConns), so callers do not see
// those.
package pgstore
