#!/usr/bin/env bash
# One command from a fresh clone to the whole suite: lint, then the tests on SQLite and on a real
# PostgreSQL server, with browser tests in Debian's Chromium. As root it installs what is missing
# (apt: postgresql, chromium) and starts PostgreSQL itself. A missing component fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
# A Chinese font, so that browser screenshots show text rather than boxes.
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "missing: ${need_apt[*]} (install them with apt-get, or run as root)" >&2
    exit 1
  fi
fi

WITH_DEV=1 scripts/setup.sh
PY=.venv/bin/python

echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== migrations are up to date"
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py makemigrations --check --dry-run >/dev/null

pg_url=${TEST_DATABASE_URL:-}
if [ -z "$pg_url" ]; then
  scripts/start_postgres.sh
  pg_url=postgres://hf:hf@127.0.0.1:5432/hf
fi

export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}
export REQUIRE_ALL_COMPONENTS=1

echo "== tests on SQLite (SEARCH_BACKEND=whoosh)"
env -u DATABASE_URL SEARCH_BACKEND=whoosh $PY -m pytest -q "$@"

# The PostgreSQL pass also keeps the search index in PostgreSQL (the postgres search backend), so
# the search suite runs against both backends; tests of the Whoosh backend's own parts pick it.
# It runs every test that reaches the database; the pure ones (cleaning, extraction, scoring) have
# given their answer on SQLite already (conftest.py, DATABASE_TESTS_ONLY).
echo "== tests on PostgreSQL (SEARCH_BACKEND=postgres)"
DATABASE_URL=$pg_url SEARCH_BACKEND=postgres DATABASE_TESTS_ONLY=1 $PY -m pytest -q "$@"
