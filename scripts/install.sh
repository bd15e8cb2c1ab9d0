#!/usr/bin/env bash
# Installs what the platform needs on Debian 12: PostgreSQL 15, Redis, Java 17 and Maven (for Solr),
# nginx (production mode), Chromium (browser tests), and the Python virtualenv with the pinned CKAN
# stack and this package. Skips what is already there.
source "$(dirname "$0")/lib.sh"

DEBS=(postgresql-15 postgresql-client-15 redis-server redis-tools openjdk-17-jdk-headless maven curl iproute2 procps fonts-wqy-microhei chromium nginx)
missing=()
for deb in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || missing+=("$deb")
done
if ((${#missing[@]})); then
  say "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Debian starts a package's service on install (nginx on port 80): not here. scripts/production.sh
  # runs nginx with its own configuration under supervisord.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=true; fi
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  if $own_policy; then rm -f "$policy"; fi
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x "$PY" ]; then
  say "Creating the virtualenv $VENV with $PYTHON"
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when a requirements file or setup.py changed since the last install.
stamp=$BUILD/pip.stamp
want=$(cat "$ROOT"/requirements/*.txt "$ROOT/setup.py" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "Installing the pinned CKAN stack into the virtualenv"
  "$VENV/bin/pip" install -q --disable-pip-version-check -c "$ROOT/requirements/constraints.txt" \
    -r "$ROOT/requirements/portal.txt" -r "$ROOT/requirements/test.txt"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
    --config-settings editable_mode=compat -e "$ROOT"
  echo "$want" >"$stamp"
fi
# ckanext-xloader's wheel ships ckanext/__init__.py, which turns the shared namespace package into a
# regular one and hides every other ckanext.* installed in development mode (this package among
# them). CKAN and the other extensions declare the namespace without it (*-nspkg.pth).
rm -f "$VENV"/lib/python3*/site-packages/ckanext/__init__.py
