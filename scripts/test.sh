#!/usr/bin/env bash
# The whole test suite on real services: installs what is missing, starts PostgreSQL, Redis and
# Solr, migrates the test database, then runs pytest (extra arguments are passed to pytest).
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/install.sh"
"$ROOT/scripts/services.sh" ckan_test
cd "$ROOT"
say "Migrating the test database (CKAN core and every enabled plugin)"
"$VENV/bin/ckan" -c test.ini db upgrade >/dev/null
say "Running the tests"
exec "$VENV/bin/pytest" --ckan-ini=test.ini ckanext/harbin_opendata "$@"
