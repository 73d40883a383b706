#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for the tests (Debian's package, installed with apt when missing) on a
# random loopback port, in a temporary directory, and exports PORTAL_TEST_POSTGRES with its connection string.
# Source it; call stop_test_postgres (tests/run.sh does on exit) to shut it down and delete it.
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
  echo "Installing PostgreSQL 15 for the database tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 >/dev/null
fi
PGTMP=$(mktemp -d /tmp/portal-pg-XXXXXX)
PGPORT=$(( 20000 + RANDOM % 20000 ))
# initdb refuses to run as root: run the cluster as the package's unprivileged postgres user then.
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGTMP"; AS="runuser -u postgres --"; else AS=""; fi
$AS "$PGBIN/initdb" -D "$PGTMP/data" -A trust -U postgres -E UTF8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Include Error Detail=true"
stop_test_postgres() {
  $AS "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
