package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Default table names. Give each environment sharing a database its own (or its own schema).
const (
	DefaultTokenTable  = "ghl_tokens"
	DefaultReplayTable = "ghl_webhook_deliveries"
)

// table is a table name as the user gave it and as it goes into SQL.
type table struct {
	name   string // for messages: "ghl_tokens" or "billing.ghl_tokens"
	quoted string // for SQL: "ghl_tokens" or "billing"."ghl_tokens"
	last   string // the table's own name, without its schema, for the names of its indexes
}

// tableOf reads "name" or "schema.name"; each part is quoted, so any characters are safe.
func tableOf(name, def string) table {
	if name == "" {
		name = def
	}
	parts := strings.Split(name, ".")
	return table{name: name, quoted: pgx.Identifier(parts).Sanitize(), last: parts[len(parts)-1]}
}

func tokenSchema(t table) string {
	return fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (
	client_id  text        NOT NULL,
	user_type  text        NOT NULL,
	id         text        NOT NULL,
	token      text        NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (client_id, user_type, id)
);`, t.quoted)
}

func replaySchema(t table) string {
	return fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (
	webhook_id text        PRIMARY KEY,
	claim      text,
	expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS %s ON %s (expires_at);`,
		t.quoted, pgx.Identifier{t.last + "_expires_at_idx"}.Sanitize(), t.quoted)
}

// migrateLock is the advisory lock Migrate holds while it creates tables, so that replicas starting together
// do not race in CREATE TABLE IF NOT EXISTS (which can fail on a concurrent create).
const migrateLock = 0x67686c2d6d696772 // "ghl-migr"

func migrate(ctx context.Context, pool *pgxpool.Pool, t table, sql string) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrateLock)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, sql)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgstore: creating table %s: %w", t.name, err)
	}
	return nil
}

// describe adds a hint to an error that says the table is missing.
func describe(err error, t table) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P01" { // undefined_table
		return fmt.Errorf("table %s does not exist (call Migrate or run the SQL in the package documentation): %w", t.name, err)
	}
	return err
}
