# Shared by the set-up scripts: paths, messages, port checks. Source it, do not run it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build
VENV=$ROOT/.venv
PY=$VENV/bin/python
PG_VERSION=15
PG_PORT=5432
REDIS_PORT=6379
SOLR_PORT=8983
PORTAL_PORT=5000
DB_USER=ckan_default
DB_PASSWORD=pass
# The DataStore's read-only role (datastore_search_sql runs as it); its write role is DB_USER.
DATASTORE_READ_USER=datastore_default
DATASTORE_READ_PASSWORD=pass
mkdir -p "$BUILD"
# The demo portal's state beside the machine's database (ckan_default), shared by every clone that
# serves it: uploaded files and the sysadmin's password.
PORTAL_STATE=${HARBIN_PORTAL_STATE:-/var/lib/harbin-opendata}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# The DataStore database of a CKAN database: ckan_test → datastore_test, ckan_default → datastore_default.
datastore_of() { echo "datastore_${1#ckan_}"; }

port_in_use() { ss -Hltn "sport = :$1" | grep -q .; }

# The process listening on a port, for error messages.
port_owner() { ss -Hltnp "sport = :$1" | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -1; }

# Wait up to $2 seconds for the command "$3…" to succeed.
wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  die "$what did not come up within ${seconds}s"
}
