"""Benchmarks run on a throwaway database: a management command re-runs itself in a subprocess
whose database and search index live in a temporary folder, and prints its report as JSON."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import CommandError


def default_env(tmp):
    """The current settings on private state inside `tmp` (SQLite, its own index folder)."""
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
        SEARCH_INDEX_DIR=str(Path(tmp) / "index"),
        DJANGO_DEBUG="0",  # no query log
    )
    env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    env.setdefault("DJANGO_SECRET_KEY", "bench-only")
    return env


# A throwaway PostgreSQL database is named with this prefix (and dropped afterwards).
POSTGRES_PREFIX = "hf_throwaway_"


@contextmanager
def postgres_database(server_url):
    """A new, empty database on the PostgreSQL server of `server_url`, dropped afterwards; yields
    its URL. The benchmark's own database, next to whatever else the server holds."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"{POSTGRES_PREFIX}{uuid.uuid4().hex[:12]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(command, options, prefix, env=default_env, database_url=None):
    """Run `manage.py <command> <options> --in-throwaway=<tmp>` in a fresh temporary folder and
    return the JSON report it printed last; the folder is removed afterwards. With
    `database_url` (a PostgreSQL server) the subprocess gets a throwaway database there."""
    if database_url:
        with postgres_database(database_url) as url:

            def with_postgres(tmp):
                return {**env(tmp), "DATABASE_URL": url}

            return run(command, options, prefix, env=with_postgres)
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    argv = [
        sys.executable,
        str(Path(settings.BASE_DIR) / "manage.py"),
        command,
        *options,
        f"--in-throwaway={tmp}",
    ]
    try:
        done = subprocess.run(argv, env=env(tmp), capture_output=True, text=True, cwd=settings.BASE_DIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise CommandError("the benchmark subprocess failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(tmp):
    """Refuse to run unless the database and the index are inside `tmp`: a benchmark never
    migrates, fills or indexes anything else."""
    from django.db import connection

    index_dir = Path(settings.SEARCH_INDEX_DIR).resolve()
    tmp = Path(tmp).resolve()
    if connection.vendor == "postgresql":
        private = str(connection.settings_dict["NAME"]).startswith(POSTGRES_PREFIX)
    else:
        private = (
            connection.vendor == "sqlite"
            and tmp in Path(str(connection.settings_dict["NAME"])).resolve().parents
        )
    if not private or tmp not in index_dir.parents:
        raise CommandError("--in-throwaway is internal: the database and index must be inside that folder")
