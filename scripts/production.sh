#!/usr/bin/env bash
# The portal served as an operator runs it, all under one supervisord that restarts what crashes:
# nginx (static files, webassets, security headers, request limits) in front of two gunicorn web
# nodes, a local SolrCloud (ZooKeeper + two Solr nodes, collection `ckan` with two replicas) behind
# nginx's Solr balancer, a worker per job queue, harvest gather/fetch consumers and the scheduler.
#
#   scripts/production.sh start|stop|status     (./scripts/portal.sh --production sets it all up)
#
# The ini file (HARBIN_PRODUCTION_INI, default production.ini) must exist; this script writes its
# ports and Solr address into it, then `ckan harbin deploy` writes nginx, supervisord and systemd
# files into HARBIN_PRODUCTION_DIR (default build/production). Ports: HARBIN_HTTP_PORT (8100),
# HARBIN_WEB_PORTS ("8101 8102"), HARBIN_SOLR_PORT (8980, the balancer), HARBIN_SOLR_NODES
# ("8981 8982"), HARBIN_ZK_PORT (8990); HARBIN_WEB_WORKERS gunicorn workers per node (3).
source "$(dirname "$0")/lib.sh"
action=${1:-start}
INI=$(realpath -m "${HARBIN_PRODUCTION_INI:-$ROOT/production.ini}")
DIR=$(realpath -m "${HARBIN_PRODUCTION_DIR:-$BUILD/production}")
HTTP_PORT=${HARBIN_HTTP_PORT:-8100}
read -r -a WEB_PORTS <<<"${HARBIN_WEB_PORTS:-8101 8102}"
SOLR_LB_PORT=${HARBIN_SOLR_PORT:-8980}
read -r -a SOLR_NODES <<<"${HARBIN_SOLR_NODES:-8981 8982}"
ZK_PORT=${HARBIN_ZK_PORT:-8990}
CKAN=("$VENV/bin/ckan" -c "$INI")
SUPERVISORCTL=("$VENV/bin/supervisorctl" -c "$DIR/supervisord.conf")

running() { [ -f "$DIR/run/supervisord.pid" ] && kill -0 "$(cat "$DIR/run/supervisord.pid")" 2>/dev/null; }
join_addresses() { local port out=(); for port in "$@"; do out+=("127.0.0.1:$port"); done; echo "${out[*]}"; }

start() {
  [ -f "$INI" ] || die "$INI does not exist: ./scripts/portal.sh --production writes it"
  if running; then say "Already running (supervisord pid $(cat "$DIR/run/supervisord.pid")); scripts/production.sh status"; return; fi
  for port in "$HTTP_PORT" "${WEB_PORTS[@]}" "$SOLR_LB_PORT" "${SOLR_NODES[@]}" "$ZK_PORT"; do
    port_in_use "$port" && die "port $port is taken by $(port_owner "$port"); free it or choose other HARBIN_*_PORT(S)"
  done
  [ -x /usr/sbin/nginx ] || die "nginx is missing: scripts/install.sh installs it"
  "$ROOT/scripts/solr/start-solr.sh" --jars-only
  "$PY" "$ROOT/scripts/solr/solrcloud.py" prepare "$DIR/solrcloud" --zookeeper "$ZK_PORT" --nodes "${SOLR_NODES[@]}" >/dev/null
  "$VENV/bin/ckan" config-tool "$INI" \
    "ckan.site_url = http://127.0.0.1:$HTTP_PORT" \
    "solr_url = http://127.0.0.1:$SOLR_LB_PORT/solr/ckan" \
    "ckanext.harbin_opendata.deploy.listen = 127.0.0.1:$HTTP_PORT" \
    "ckanext.harbin_opendata.security.proxy_hops = 1" \
    "ckanext.harbin_opendata.deploy.web_nodes = $(join_addresses "${WEB_PORTS[@]}")" \
    "ckanext.harbin_opendata.deploy.web_workers = ${HARBIN_WEB_WORKERS:-3}" \
    "ckanext.harbin_opendata.deploy.solr_nodes = $(join_addresses "${SOLR_NODES[@]}")" \
    "ckanext.harbin_opendata.deploy.solr_listen = 127.0.0.1:$SOLR_LB_PORT" >/dev/null
  say "Writing nginx, supervisord and systemd files into $DIR"
  mkdir -p "$DIR/logs"
  "${CKAN[@]}" harbin deploy "$DIR" --include "$DIR/solrcloud/solrcloud.conf" >"$DIR/logs/deploy.log" 2>&1 \
    || { tail -20 "$DIR/logs/deploy.log" >&2; die "ckan harbin deploy failed"; }
  /usr/sbin/nginx -t -q -c "$DIR/nginx.conf" || die "nginx refuses $DIR/nginx.conf"
  say "Starting supervisord (log: $DIR/logs/supervisord.log)"
  "$VENV/bin/supervisord" -c "$DIR/supervisord.conf"
  "$PY" "$ROOT/scripts/solr/solrcloud.py" collection --nodes "${SOLR_NODES[@]}" --name ckan \
    || { "${SUPERVISORCTL[@]}" status; die "SolrCloud did not come up: logs in $DIR/solrcloud/logs"; }
  wait_for "The portal behind nginx" 120 curl -fsS "http://127.0.0.1:$HTTP_PORT/api/3/action/status_show"
  "${SUPERVISORCTL[@]}" status
  say "Production portal: http://127.0.0.1:$HTTP_PORT (scripts/production.sh stop stops it)"
}

stop() {
  running || { say "Not running"; return; }
  local pid
  pid=$(cat "$DIR/run/supervisord.pid")
  say "Stopping every process of $DIR"
  "${SUPERVISORCTL[@]}" shutdown >/dev/null
  for _ in $(seq 90); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  die "supervisord (pid $pid) did not stop within 90 s"
}

case $action in
  start) start ;;
  stop) stop ;;
  status) running && "${SUPERVISORCTL[@]}" status || say "Not running" ;;
  *) die "usage: $0 start|stop|status" ;;
esac
