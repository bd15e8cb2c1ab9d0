#!/usr/bin/env bash
# test-workers.sh N: what N parallel pytest workers (pytest-xdist gw0 … gwN-1) need, each its own:
# database ckan_test_gwK with its DataStore (emptied), Solr core ckan_test_gwK, Redis db 8+K, storage
# directory build/test-storage-gwK and configuration test-gwK.ini (test.ini with those five names;
# tests/workers.py points each worker at its file). Services must be up (scripts/services.sh).
source "$(dirname "$0")/lib.sh"
WORKERS=${1:?number of workers}
((WORKERS <= 8)) || die "at most 8 workers (Redis databases 8-15)"
home=$BUILD/solr-home
names=()
for ((k = 0; k < WORKERS; k++)); do names+=("ckan_test_gw$k"); done

say "Preparing $WORKERS test workers: ${names[*]}"
for name in "${names[@]}"; do  # every run starts with an empty DataStore, as test.sh's own
  su postgres -c "psql -p $PG_PORT -qc 'DROP DATABASE IF EXISTS $(datastore_of "$name") WITH (FORCE)'"
done
"$ROOT/scripts/services.sh" "${names[@]}" >/dev/null

for ((k = 0; k < WORKERS; k++)); do
  name=${names[$k]}
  if ! curl -fsS "http://127.0.0.1:$SOLR_PORT/solr/$name/select?q=*:*&rows=0" >/dev/null 2>&1; then
    rm -rf "${home:?}/$name"
    mkdir -p "$home/$name"
    cp -r "$home/ckan_test/conf" "$home/$name/conf"
    curl -fsS "http://127.0.0.1:$SOLR_PORT/solr/admin/cores?action=CREATE&name=$name&instanceDir=$home/$name" \
      >/dev/null || die "Solr refused the core $name"
  fi
  sed -e "s#/ckan_test\$#/$name#" -e "s#solr/ckan_test\$#solr/$name#" \
      -e "s#/datastore_test\$#/$(datastore_of "$name")#" \
      -e "s#^ckan.redis.url = redis://127.0.0.1:$REDIS_PORT/1\$#ckan.redis.url = redis://127.0.0.1:$REDIS_PORT/$((8 + k))#" \
      -e "s#^ckan.harvest.mq.redis_db = 1\$#ckan.harvest.mq.redis_db = $((8 + k))#" \
      -e "s#build/test-storage\$#build/test-storage-gw$k#" \
      "$ROOT/test.ini" >"$ROOT/test-gw$k.ini"
  for expected in "$name" "$(datastore_of "$name")" "6379/$((8 + k))" "redis_db = $((8 + k))" "test-storage-gw$k"; do
    grep -q -- "$expected" "$ROOT/test-gw$k.ini" || die "test-gw$k.ini lacks $expected: test.ini changed shape"
  done
done

say "Migrating the workers' databases"
pids=()
for ((k = 0; k < WORKERS; k++)); do
  "$VENV/bin/ckan" -c "$ROOT/test-gw$k.ini" db upgrade >"$BUILD/test-gw$k-migrate.log" 2>&1 & pids+=($!)
done
for ((k = 0; k < WORKERS; k++)); do
  wait "${pids[$k]}" || { tail -20 "$BUILD/test-gw$k-migrate.log" >&2; die "migrating ${names[$k]} failed"; }
done
