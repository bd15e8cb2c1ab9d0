#!/usr/bin/env bash
# Brings up the demo portal at http://127.0.0.1:5000: installs what is missing, starts PostgreSQL,
# Redis and Solr, writes portal.ini, migrates the database, creates the sysadmin `admin` (password
# printed), loads the demo agencies and catalog entries, then serves the portal in the foreground.
# With --detach the portal runs in the background (log: build/portal.log) and the script returns.
source "$(dirname "$0")/lib.sh"
detach=false
[ "${1:-}" = "--detach" ] && detach=true
INI=$ROOT/portal.ini
CKAN=("$VENV/bin/ckan" -c "$INI")

if curl -fsS "http://127.0.0.1:$PORTAL_PORT/api/3/action/status_show" 2>/dev/null | grep -q '"success": true'; then
  say "A CKAN portal already runs at http://127.0.0.1:$PORTAL_PORT (scripts/stop-services.sh stops it)"
  exit 0
fi
port_in_use "$PORTAL_PORT" && die "port $PORTAL_PORT is taken by $(port_owner "$PORTAL_PORT"); stop it or free the port"

"$ROOT/scripts/install.sh"
"$ROOT/scripts/services.sh" ckan_default

if [ ! -f "$INI" ]; then
  say "Writing $INI"
  "$VENV/bin/ckan" generate config "$INI" >/dev/null
  for logger in logger_ckan logger_ckanext; do
    "$VENV/bin/ckan" config-tool "$INI" -s "$logger" "level = INFO" >/dev/null
  done
fi
# Applied on every run, so that an ini file from an older checkout gets today's plugins and options.
"$VENV/bin/ckan" config-tool "$INI" \
  "sqlalchemy.url = postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/ckan_default" \
  "solr_url = http://127.0.0.1:$SOLR_PORT/solr/ckan" \
  "ckan.redis.url = redis://127.0.0.1:$REDIS_PORT/0" \
  "ckan.site_url = http://127.0.0.1:$PORTAL_PORT" \
  "ckan.site_id = harbin_portal" \
  "ckan.site_title = 哈尔滨市公共数据开放平台" \
  "ckan.plugins = harbin_opendata harbin_metadata harbin_review harbin_privacy harbin_preview harbin_access harbin_feedback harbin_showcase harbin_assessment scheming_datasets scheming_organizations harvest ckan_harvester dcat harbin_harvest harbin_spreadsheet_harvester harbin_json_api_harvester harbin_ckan_harvester harbin_dcat_harvester activity image_view harbin_tracking" \
  "ckan.views.default_views = image_view harbin_table_preview" \
  "scheming.dataset_schemas = ckanext.harbin_opendata:schemas/dataset.yaml" \
  "scheming.organization_schemas = ckanext.harbin_opendata:schemas/organization.yaml" \
  "scheming.presets = ckanext.scheming:presets.json" \
  "ckanext.dcat.rdf.profiles = euro_dcat_ap_3 harbin_dcat" \
  "ckan.harvest.mq.type = redis" \
  "ckan.harvest.mq.hostname = 127.0.0.1" \
  "ckan.harvest.mq.port = $REDIS_PORT" \
  "ckan.locale_default = zh_Hans_CN" \
  "ckan.locales_offered = zh_Hans_CN en" \
  "ckan.storage_path = $BUILD/storage" \
  "ckan.max_resource_size = 100" \
  "ckan.csrf_protection.ignore_extensions = false" \
  "ckanext.harbin_opendata.review.email_notifications = false" \
  "ckanext.harbin_opendata.feedback.email_notifications = false" >/dev/null

say "Migrating the database (CKAN core and every enabled plugin)"
"${CKAN[@]}" db upgrade >/dev/null

password_file=$BUILD/admin-password
if ! "${CKAN[@]}" user show admin 2>/dev/null | grep -q "name=admin"; then
  say "Creating the sysadmin admin"
  python3 -c 'import secrets; print(secrets.token_urlsafe(12))' >"$password_file"
  chmod 600 "$password_file"
  "${CKAN[@]}" user add admin email=admin@harbin-opendata.invalid password="$(cat "$password_file")" >/dev/null
  "${CKAN[@]}" sysadmin add admin >/dev/null
fi

say "Loading the demo data"
"${CKAN[@]}" harbin demo load
"${CKAN[@]}" views create -y harbin_table_preview >/dev/null
say "Computing today's openness assessment"
"${CKAN[@]}" harbin assess >/dev/null
# The index follows the database: drops documents of a database made anew, applies index changes.
say "Rebuilding the search index"
"${CKAN[@]}" search-index rebuild --clear --quiet >/dev/null 2>&1

cat <<MSG

  Portal:    http://127.0.0.1:$PORTAL_PORT
  Sysadmin:  admin / $(cat "$password_file" 2>/dev/null || echo "(password set earlier, file $password_file missing)")

MSG
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
start_worker worker harbin_opendata:privacy harbin_opendata:default harbin_opendata:assessment
start_worker worker-large harbin_opendata:privacy_large
if $detach; then
  nohup "${CKAN[@]}" run --host 127.0.0.1 --port "$PORTAL_PORT" --disable-reloader --threaded >"$BUILD/portal.log" 2>&1 &
  echo $! >"$BUILD/portal.pid"
  wait_for "The portal" 60 curl -fsS "http://127.0.0.1:$PORTAL_PORT/api/3/action/status_show"
  say "Portal running in the background (pid $(cat "$BUILD/portal.pid"), log build/portal.log)"
else
  exec "${CKAN[@]}" run --host 127.0.0.1 --port "$PORTAL_PORT" --disable-reloader --threaded
fi
