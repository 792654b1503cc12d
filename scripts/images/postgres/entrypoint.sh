#!/bin/sh
# Contract (the official postgres image's variables, so either image fits):
#   PGPORT             port to listen on (default 5432), on PGLISTEN (default 127.0.0.1)
#   POSTGRES_PASSWORD  required; set for POSTGRES_USER at every start
#   POSTGRES_USER      role to create if missing (default postgres), a superuser
#   POSTGRES_DB        database owned by it, created if missing (default POSTGRES_USER)
# Extra arguments go to postgres (e.g. -c log_statement=all).
# The setup runs in single-user mode before the server listens, so no client
# can connect before the password is set. Ready when the server logs
# "database system is ready to accept connections".
# A cluster to recover (recovery.signal: a point-in-time restore; standby.signal)
# starts with no setup: single-user mode would run the whole archive recovery
# itself, with fsync off, without the server's -c settings (no archiving of the
# new timeline) and its log discarded. Its roles and passwords are the backup's.
set -eu
: "${PGPORT:=5432}" "${PGLISTEN:=127.0.0.1}" "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "firedrill-postgres: POSTGRES_PASSWORD is required" >&2
  exit 64
fi
serve() {
  exec postgres -D "$PGDATA" -c "port=$PGPORT" -c "listen_addresses=$PGLISTEN" \
    -c unix_socket_directories=/var/run/postgresql "$@"
}
if [ -e "$PGDATA/recovery.signal" ] || [ -e "$PGDATA/standby.signal" ]; then
  echo "firedrill-postgres: $PGDATA is to recover (recovery.signal or standby.signal): starting it without the role setup" >&2
  serve "$@"
fi
literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
ident() { printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"; }

role=$(ident "$POSTGRES_USER")
{
  if [ "$POSTGRES_USER" != postgres ]; then
    echo "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = $(literal "$POSTGRES_USER")) THEN CREATE ROLE $role; END IF; END\$\$;"
  fi
  echo "ALTER ROLE $role WITH LOGIN SUPERUSER PASSWORD $(literal "$POSTGRES_PASSWORD");"
} > /tmp/firedrill-setup.sql
# CREATE DATABASE cannot run inside DO: create it once, when the database is missing.
if [ ! -e "$PGDATA/.firedrill-db-$POSTGRES_DB" ] && [ "$POSTGRES_DB" != postgres ]; then
  echo "CREATE DATABASE $(ident "$POSTGRES_DB") OWNER $role STRATEGY FILE_COPY;" >> /tmp/firedrill-setup.sql
fi
# Single-user mode exits 0 even when a statement fails: look for errors in its log.
postgres --single -D "$PGDATA" -c fsync=off postgres < /tmp/firedrill-setup.sql > /dev/null 2> /tmp/firedrill-setup.log || true
if grep -qE '(ERROR|FATAL|PANIC):' /tmp/firedrill-setup.log; then
  echo "firedrill-postgres: setting up role $POSTGRES_USER and database $POSTGRES_DB failed:" >&2
  grep -E '(ERROR|FATAL|PANIC):' /tmp/firedrill-setup.log | sed "s/PASSWORD '[^']*'/PASSWORD '***'/" >&2
  exit 1
fi
touch "$PGDATA/.firedrill-db-$POSTGRES_DB"
rm -f /tmp/firedrill-setup.sql /tmp/firedrill-setup.log
serve "$@"
