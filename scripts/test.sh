#!/usr/bin/env bash
# The whole test suite on real services: installs what is missing, starts PostgreSQL, Redis and
# Solr, migrates the test database, then runs pytest (extra arguments are passed to pytest).
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/install.sh"
"$ROOT/scripts/services.sh" ckan_test
# The test DataStore starts empty: every run leaves its tables behind (about 500), and the restore
# drill backs the whole database up and restores it.
say "Emptying the test DataStore"
su postgres -c "psql -p $PG_PORT -qc 'DROP DATABASE IF EXISTS $(datastore_of ckan_test) WITH (FORCE)'"
"$ROOT/scripts/services.sh" ckan_test >/dev/null  # created again, with its roles' permissions
cd "$ROOT"
say "Migrating the test database (CKAN core and every enabled plugin)"
"$VENV/bin/ckan" -c test.ini db upgrade >/dev/null
# One worker per core (HARBIN_TEST_WORKERS=1: one process, as before), each test module on one
# worker with its own database, DataStore, Solr core, Redis db and storage (test-workers.sh).
workers=${HARBIN_TEST_WORKERS:-$(nproc)}
parallel=()
if ((workers > 1)); then
  "$ROOT/scripts/test-workers.sh" "$workers"
  parallel=(-n "$workers" --dist loadfile)
fi
say "Running the tests"
# The slowest tests are listed at the end, to see where the time limit goes.
exec "$VENV/bin/pytest" --ckan-ini=test.ini "${parallel[@]}" --durations=30 ckanext/harbin_opendata "$@"
