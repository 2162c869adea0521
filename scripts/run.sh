#!/usr/bin/env bash
# One command from a fresh clone to a running site on http://127.0.0.1:8000/ (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_SETTINGS_MODULE=config.settings.dev
.venv/bin/python manage.py migrate --noinput
# Idempotent: unchanged files are skipped; a failed file does not stop the site from starting.
.venv/bin/python manage.py import_articles fixtures/ || echo "some fixtures failed to import (see above)"
.venv/bin/python manage.py rebuild_index
exec .venv/bin/python manage.py runserver 127.0.0.1:${PORT:-8000}
