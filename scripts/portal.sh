#!/usr/bin/env bash
# Brings up the demo portal at http://127.0.0.1:5000: installs what is missing, starts PostgreSQL,
# Redis and Solr, writes portal.ini, migrates the database, creates the sysadmin `admin` (password
# printed), loads the demo agencies and catalog entries, then serves the portal in the foreground.
# With --detach the portal runs in the background (log: build/portal.log) and the script returns.
# With --production the same portal is served as an operator runs it (scripts/production.sh: nginx
# at http://127.0.0.1:8100, two gunicorn web nodes, SolrCloud, a worker per queue, harvest
# consumers, the scheduler, all under supervisord); production.ini holds what differs from portal.ini.
source "$(dirname "$0")/lib.sh"
mode=${1:-foreground}
case $mode in foreground | --detach | --production) ;; *) die "usage: $0 [--detach | --production]" ;; esac
PORTAL_INI=$ROOT/portal.ini
INI=$PORTAL_INI URL=http://127.0.0.1:$PORTAL_PORT
[ "$mode" = --production ] && INI=$ROOT/production.ini URL=http://127.0.0.1:${HARBIN_HTTP_PORT:-8100}
CKAN=("$VENV/bin/ckan" -c "$INI")

if [ "$mode" != --production ] && curl -fsS "http://127.0.0.1:$PORTAL_PORT/api/3/action/status_show" 2>/dev/null | grep -q '"success": true'; then
  say "A CKAN portal already runs at http://127.0.0.1:$PORTAL_PORT (scripts/stop-services.sh stops it)"
  exit 0
fi
[ "$mode" != --production ] && port_in_use "$PORTAL_PORT" && die "port $PORTAL_PORT is taken by $(port_owner "$PORTAL_PORT"); stop it or free the port"

"$ROOT/scripts/install.sh"
# The production mode uses SolrCloud (scripts/production.sh), not the single-node Solr.
SKIP_SOLR=$([ "$mode" = --production ] && echo 1 || echo "") "$ROOT/scripts/services.sh" ckan_default

"$ROOT/scripts/portal-ini.sh" "$PORTAL_INI"
if [ "$mode" = --production ] && [ ! -f "$INI" ]; then
  # What differs from portal.ini; scripts/production.sh writes the addresses (nginx, nodes, SolrCloud).
  { printf '[app:main]\nuse = config:portal.ini\nckan.site_id = harbin_production\n\n'
    sed -n '/^\[loggers\]/,$p' "$PORTAL_INI"; } >"$INI"
fi

say "Migrating the database (CKAN core and every enabled plugin)"
"${CKAN[@]}" db upgrade >/dev/null
[ "$mode" = --production ] && "$ROOT/scripts/production.sh" start

password_file=$PORTAL_STATE/admin-password  # beside the database: every clone knows the same one
new_password() {  # meets the password policy: three kinds of characters
  mkdir -p "$PORTAL_STATE"
  python3 -c 'import secrets; print("Hrb-" + secrets.token_urlsafe(12) + "-9")' >"$password_file"
  chmod 600 "$password_file"
}
if ! "${CKAN[@]}" user show admin 2>/dev/null | grep -q "name=admin"; then
  say "Creating the sysadmin admin"
  new_password
  "${CKAN[@]}" user add admin email=admin@harbin-opendata.invalid password="$(cat "$password_file")" >/dev/null
  "${CKAN[@]}" sysadmin add admin >/dev/null
elif [ ! -f "$password_file" ]; then
  # The machine's database already has the demo's admin, made before its password was kept here:
  # it gets a new one rather than leave nobody able to log in.
  say "Setting a new password for the sysadmin admin (no record of its password in $PORTAL_STATE)"
  new_password
  "${CKAN[@]}" user setpass admin -p "$(cat "$password_file")" >/dev/null
fi

say "Loading the demo data"
"${CKAN[@]}" harbin demo load
"${CKAN[@]}" views create -y harbin_table_preview datatables_view >/dev/null
say "Computing today's openness assessment"
"${CKAN[@]}" harbin assess >/dev/null
# The index follows the database: drops documents of a database made anew, applies index changes.
say "Rebuilding the search index"
"${CKAN[@]}" search-index rebuild --clear --quiet >/dev/null 2>&1

cat <<MSG

  Portal:    $URL
  Sysadmin:  admin / $(cat "$password_file")

MSG
if [ "$mode" = --production ]; then
  say "Served by nginx and gunicorn under supervisord (scripts/production.sh status | stop)"
  exit 0
fi
# Background jobs (personal-data scans and masking, reindexing) run on workers beside the portal:
# one for small files' scans and the other queues, one for large and linked files' scans, so that
# a small file's check never waits behind a large workbook.
start_worker() {  # name, queues…
  local name=$1; shift
  if ! { [ -f "$BUILD/$name.pid" ] && kill -0 "$(cat "$BUILD/$name.pid")" 2>/dev/null; }; then
    nohup "${CKAN[@]}" jobs worker "$@" >"$BUILD/$name.log" 2>&1 &
    echo $! >"$BUILD/$name.pid"
    say "Job worker $name running (pid $(cat "$BUILD/$name.pid"), log build/$name.log)"
  fi
}
start_worker worker harbin_opendata:privacy harbin_opendata:default harbin_opendata:assessment harbin_opendata:data
start_worker worker-large harbin_opendata:privacy_large
if [ "$mode" = --detach ]; then
  nohup "${CKAN[@]}" run --host 127.0.0.1 --port "$PORTAL_PORT" --disable-reloader --threaded >"$BUILD/portal.log" 2>&1 &
  echo $! >"$BUILD/portal.pid"
  wait_for "The portal" 60 curl -fsS "http://127.0.0.1:$PORTAL_PORT/api/3/action/status_show"
  say "Portal running in the background (pid $(cat "$BUILD/portal.pid"), log build/portal.log)"
else
  exec "${CKAN[@]}" run --host 127.0.0.1 --port "$PORTAL_PORT" --disable-reloader --threaded
fi
