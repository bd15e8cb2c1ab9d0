#!/usr/bin/env bash
# Starts PostgreSQL 15, Redis and Solr 9 on 127.0.0.1, reusing any that already run, and creates the
# database roles and the databases named as arguments (default: ckan_default ckan_test), each with
# its DataStore database (datastore_of in lib.sh) set up as CKAN's `ckan datastore set-permissions`
# says: written by the CKAN role, read by the read-only role DATASTORE_READ_USER; with the extension
# pg_trgm (trigram indexes of Chinese search).
# SKIP_SOLR=1 leaves the single-node Solr out (the production mode runs SolrCloud instead).
# A port taken by some other program is reported, not fought over.
source "$(dirname "$0")/lib.sh"
DATABASES=("$@")
((${#DATABASES[@]})) || DATABASES=(ckan_default ckan_test)

start_postgres() {
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    say "Creating the PostgreSQL $PG_VERSION cluster"
    pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >/dev/null
  fi
  if pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    return
  fi
  port_in_use "$PG_PORT" && die "port $PG_PORT is taken by $(port_owner "$PG_PORT"), not by PostgreSQL $PG_VERSION/main; stop it or free the port"
  say "Starting PostgreSQL $PG_VERSION"
  pg_ctlcluster "$PG_VERSION" main start
  wait_for PostgreSQL 30 pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
}

psql_admin() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtAc \"$1\""; }

create_databases() {
  if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
    say "Creating the database role $DB_USER"
    psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  for db in "${DATABASES[@]}"; do
    if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      say "Creating the database $db"
      psql_admin "CREATE DATABASE $db OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
    fi
  done
}

# CKAN's own permissions script (idempotent), applied on every run: the read-only role may read the
# DataStore database and nothing else, and may not write.
create_datastores() {
  [ -x "$PY" ] || die "$VENV is missing: run scripts/install.sh first (the DataStore's permissions come from CKAN)"
  if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DATASTORE_READ_USER'")" ]; then
    say "Creating the DataStore's read-only role $DATASTORE_READ_USER"
    psql_admin "CREATE ROLE $DATASTORE_READ_USER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$DATASTORE_READ_PASSWORD'"
  fi
  for db in "${DATABASES[@]}"; do
    local store; store=$(datastore_of "$db")
    if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$store'")" ]; then
      say "Creating the DataStore database $store"
      psql_admin "CREATE DATABASE $store OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
    fi
    "$PY" -c 'import sys; from ckanext.datastore.cli import permissions_sql; print(permissions_sql(*sys.argv[1:]))' \
      "$db" "$store" "$DB_USER" "$DB_USER" "$DATASTORE_READ_USER" |
      su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -q" >/dev/null
    # pg_trgm (PostgreSQL's own contrib) for the trigram indexes of Chinese search (data/trigram.py),
    # created by the superuser: the write role may not create extensions everywhere
    su postgres -c "psql -p $PG_PORT -d $store -v ON_ERROR_STOP=1 -qc 'CREATE EXTENSION IF NOT EXISTS pg_trgm'"
  done
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    return
  fi
  port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is taken by $(port_owner "$REDIS_PORT"), which does not answer as Redis; stop it or free the port"
  say "Starting Redis"
  mkdir -p "$BUILD/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$BUILD/redis" \
    --pidfile "$BUILD/redis/redis.pid" --logfile "$BUILD/redis/redis.log" --save ""
  wait_for Redis 15 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
}

start_postgres
create_databases
create_datastores
start_redis
if [ -n "${SKIP_SOLR:-}" ]; then
  say "Services up: PostgreSQL :$PG_PORT, Redis :$REDIS_PORT"
else
  "$ROOT/scripts/solr/start-solr.sh"
  say "Services up: PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, Solr :$SOLR_PORT/solr"
fi
