#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster (as root) and make a superuser role hf/hf for the tests.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "start_postgres.sh needs root (or set TEST_DATABASE_URL to a server you run)" >&2
  exit 1
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
read -r ver name _ <<<"$(pg_lsclusters -h | head -1)"
pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='hf'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"create role hf login superuser password 'hf'\""
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='hf'\"" | grep -q 1 \
  || su postgres -c "createdb -O hf hf"
echo "PostgreSQL $ver/$name is up"
