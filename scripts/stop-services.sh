#!/usr/bin/env bash
# Stops what scripts/services.sh and scripts/portal.sh --detach started (portal, job worker, Solr, Redis, PostgreSQL).
source "$(dirname "$0")/lib.sh"
stop_pid_file() {
  local name=$1 file=$2
  if [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null; then
    say "Stopping $name"
    kill "$(cat "$file")"
  fi
  rm -f "$file"
}
stop_pid_file "the portal" "$BUILD/portal.pid"
stop_pid_file "the job worker" "$BUILD/worker.pid"
stop_pid_file "the large files' job worker" "$BUILD/worker-large.pid"
stop_pid_file Solr "$BUILD/solr-home/solr.pid"
if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && [ -f "$BUILD/redis/redis.pid" ]; then
  say "Stopping Redis"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null || true
fi
if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  say "Stopping PostgreSQL $PG_VERSION"
  pg_ctlcluster "$PG_VERSION" main stop
fi
