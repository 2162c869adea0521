#!/usr/bin/env bash
# Create the virtual environment and install the pinned requirements (skipped when already done).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
reqs=(-r requirements.txt)
[ -n "${WITH_DEV:-}" ] && reqs+=(-r requirements-dev.txt)
stamp=.venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-12)${WITH_DEV:+-dev}
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check "${reqs[@]}"
  touch "$stamp"
fi
