#!/usr/bin/env bash
# Starts a real Solr 9 (jars from Maven Central) on 127.0.0.1:8983/solr with two cores, `ckan`
# (portal) and `ckan_test` (tests), both on CKAN's own schema.xml. Reuses a Solr already serving
# both cores; builds the jars once (cached under build/solr and ~/.m2). With --jars-only it only
# builds the jars (scripts/solr/solrcloud.py starts a SolrCloud from them).
source "$(dirname "$0")/../lib.sh"
here=$ROOT/scripts/solr
home=$BUILD/solr-home
lib=$BUILD/solr/lib
CORES=(ckan ckan_test)

core_answers() { curl -fsS "http://127.0.0.1:$SOLR_PORT/solr/$1/select?q=*:*&rows=0" >/dev/null 2>&1; }
all_cores_answer() { for core in "${CORES[@]}"; do core_answers "$core" || return 1; done; }

fetch_jars() {
  [ -f "$lib/.complete" ] && return
  say "Fetching Solr jars from Maven Central (first run only)"
  mkdir -p "$lib"
  mvn -B -f "$here/pom.xml" package -Dsolr.lib.dir="$lib" >"$BUILD/solr/maven.log" 2>&1 \
    || { tail -30 "$BUILD/solr/maven.log" >&2; die "Maven could not fetch Solr; its log is build/solr/maven.log"; }
  touch "$lib/.complete"
}

if [ "${1:-}" = "--jars-only" ]; then fetch_jars; exit 0; fi
all_cores_answer && exit 0
port_in_use "$SOLR_PORT" && die "port $SOLR_PORT is taken by $(port_owner "$SOLR_PORT"), which does not serve the Solr cores ${CORES[*]}; stop it or free the port"
fetch_jars

schema=$("$PY" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config/solr/schema.xml"))')
mkdir -p "$home"
echo '<solr/>' >"$home/solr.xml"
for core in "${CORES[@]}"; do
  mkdir -p "$home/$core/conf"
  echo "name=$core" >"$home/$core/core.properties"
  cp "$here/solrconfig.xml" "$home/$core/conf/solrconfig.xml"
  cp "$schema" "$home/$core/conf/schema.xml"
  touch "$home/$core/conf/synonyms.txt" "$home/$core/conf/protwords.txt"
done

say "Starting Solr on 127.0.0.1:$SOLR_PORT/solr"
nohup java -Xms256m -Xmx1g -Dsolr.log.dir="$home/logs" -Dhost=127.0.0.1 \
  -cp "$lib/*" "$here/CkanSolr.java" "$home" "$SOLR_PORT" >"$home/solr.out" 2>&1 &
echo $! >"$home/solr.pid"
for _ in $(seq 120); do
  all_cores_answer && exit 0
  kill -0 "$(cat "$home/solr.pid")" 2>/dev/null || break
  sleep 1
done
tail -40 "$home/solr.out" >&2
die "Solr did not start; its log is $home/solr.out"
