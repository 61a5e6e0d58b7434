#!/usr/bin/env bash
# Runs every test of the SDK and of its nested modules (the ghl command, the SQLite mirror recipe, the Redis and
# the PostgreSQL stores), with the race detector. Extra arguments go to go test, for example: ./test.sh -run Search -v
#
# redisstore's tests start real redis-server processes on loopback ports, and pgstore's real PostgreSQL servers
# (initdb and postgres, run as the user postgres when the tests run as root); when a program is missing this
# installs Debian's package if it can (as root with apt-get), and otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 && [ -z "${REDIS_SERVER:-}" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing redis-server for redisstore's tests..." >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
	else
		echo "redisstore's tests need redis-server: install it (Debian: sudo apt-get install redis-server)" >&2
		echo "or set REDIS_SERVER to its path" >&2
		exit 1
	fi
fi

# Debian keeps PostgreSQL's programs off PATH, under /usr/lib/postgresql/<version>/bin, where the tests look.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 && [ -z "${PG_BIN:-}" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing postgresql for pgstore's tests..." >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
	else
		echo "pgstore's tests need PostgreSQL's initdb and postgres: install them (Debian: sudo apt-get install postgresql)" >&2
		echo "or set PG_BIN to their directory" >&2
		exit 1
	fi
fi

# The workspace (go.work) makes the module path pattern cover the nested modules too; ./... would not.
# The fleet stores' tests run replica processes against real servers on a fast wall clock, so they measure how
# well the replicas share a budget: they run after the rest, one package at a time, with the cores to
# themselves rather than beside the CPU-heavy export tests.
fleet='github.com/ghlkit/ghl/(redisstore|pgstore)(/|$)'
go test -race "$@" $(go list github.com/ghlkit/ghl/... | grep -Ev "$fleet")
go test -race -p 1 "$@" $(go list github.com/ghlkit/ghl/... | grep -E "$fleet")
