#!/usr/bin/env bash
# Writes the demo portal's ini file (default: portal.ini at the root) with `ckan generate config`,
# then sets the portal's plugins and options, also in an ini file written by an older checkout.
# `ckan generate config` leaves "ckan.uploads_enabled =" empty, which turns uploads off: set here.
source "$(dirname "$0")/lib.sh"
INI=${1:-$ROOT/portal.ini}
if [ ! -f "$INI" ]; then
  say "Writing $INI"
  "$VENV/bin/ckan" generate config "$INI" >/dev/null
  for logger in logger_ckan logger_ckanext; do
    "$VENV/bin/ckan" config-tool "$INI" -s "$logger" "level = INFO" >/dev/null
  done
fi
# The portal's database is the machine's (ckan_default), so its uploaded files live beside it, not
# in this checkout: another clone serving the same database serves the same files. Files an older
# checkout kept in its build/storage are copied there once.
STORAGE=${HARBIN_PORTAL_STORAGE:-$PORTAL_STATE/storage}
mkdir -p "$STORAGE"
if [ -d "$BUILD/storage/resources" ] && [ ! -d "$STORAGE/resources" ]; then
  say "Copying the uploaded files of build/storage to $STORAGE"
  cp -a "$BUILD/storage/." "$STORAGE/"
fi
# Applied on every run, so that an ini file from an older checkout gets today's plugins and options.
"$VENV/bin/ckan" config-tool "$INI" \
  "sqlalchemy.url = postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/ckan_default" \
  "solr_url = http://127.0.0.1:$SOLR_PORT/solr/ckan" \
  "ckan.redis.url = redis://127.0.0.1:$REDIS_PORT/0" \
  "ckan.datastore.write_url = postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$(datastore_of ckan_default)" \
  "ckan.datastore.read_url = postgresql://$DATASTORE_READ_USER:$DATASTORE_READ_PASSWORD@127.0.0.1:$PG_PORT/$(datastore_of ckan_default)" \
  "ckan.datastore.sqlsearch.enabled = true" \
  "ckan.datastore.default_fts_index_method = gin" \
  "ckan.datastore.default_fts_index_field_types = " \
  "ckan.site_url = http://127.0.0.1:$PORTAL_PORT" \
  "ckan.site_id = harbin_portal" \
  "ckan.site_title = 哈尔滨市公共数据开放平台" \
  "ckan.plugins = harbin_opendata harbin_metadata harbin_review harbin_privacy harbin_preview harbin_access datastore harbin_data harbin_feedback harbin_showcase harbin_assessment scheming_datasets scheming_organizations harvest ckan_harvester dcat harbin_harvest harbin_spreadsheet_harvester harbin_json_api_harvester harbin_ckan_harvester harbin_dcat_harvester activity image_view harbin_tracking datatables_view" \
  "ckan.views.default_views = image_view harbin_table_preview datatables_view" \
  "scheming.dataset_schemas = ckanext.harbin_opendata:schemas/dataset.yaml" \
  "scheming.organization_schemas = ckanext.harbin_opendata:schemas/organization.yaml" \
  "scheming.presets = ckanext.scheming:presets.json" \
  "ckanext.dcat.rdf.profiles = euro_dcat_ap_3 harbin_dcat" \
  "ckanext.harbin_opendata.operator_credit_code = 12230100MB0F39826X" \
  "ckanext.harbin_opendata.metadata.catalog_license = cc-by" \
  "ckan.harvest.mq.type = redis" \
  "ckan.harvest.mq.hostname = 127.0.0.1" \
  "ckan.harvest.mq.port = $REDIS_PORT" \
  "ckan.locale_default = zh_Hans_CN" \
  "ckan.display_timezone = Asia/Shanghai" \
  "ckan.locales_offered = zh_Hans_CN en" \
  "ckan.uploads_enabled = true" \
  "ckan.storage_path = $STORAGE" \
  "ckan.max_resource_size = 100" \
  "ckan.csrf_protection.ignore_extensions = false" \
  "ckan.auth.create_user_via_web = true" \
  "ckan.auth.user_create_groups = false" \
  "ckan.auth.user_create_organizations = false" \
  "ckanext.harbin_opendata.review.reviewers = hrb-dsjzx-reviewer" \
  "ckanext.harbin_opendata.review.auditors = hrb-dsjzx-auditor" \
  "ckanext.harbin_opendata.review.email_notifications = false" \
  "ckanext.harbin_opendata.feedback.email_notifications = false" \
  "ckanext.harbin_opendata.access.demo_mailbox = $BUILD/demo-mailbox.txt" >/dev/null

