"""Two web nodes that share nothing but the PostgreSQL database (SEARCH_BACKEND=postgres): an article
imported through the admin of one is found by a search on the other within a second.

Slow-ish (about ten seconds): it creates a database of its own on the suite's PostgreSQL server,
migrates it and starts two real gunicorn servers, each with its own empty index folder. It runs in
the PostgreSQL pass of scripts/test.sh and is skipped on SQLite."""

import http.cookiejar
import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Written for this test: an invented county hospital and an invented clinic name.
ARTICLE = """青禾县第二人民医院开设晨曦接力门诊

本报讯 近日，青禾县第二人民医院在新建的门诊综合楼开设晨曦接力门诊，早晨六点半起为需要空腹检查的患者抽血、做超声。
该院院长林晓峰介绍，新楼建筑面积2.1万平方米，开放床位420张，全年门急诊量达到36万人次。
"""
PHRASE = "晨曦接力门诊"
USERNAME = "two-nodes-admin"
# Found on the other node within this many seconds of the import's answer (the promise).
FRESH_WITHIN = 1.0


def _loadtest():
    """scripts/loadtest.py, for its server helpers (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("hf_loadtest", ROOT / "scripts" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _require_gunicorn():
    if importlib.util.find_spec("gunicorn") is None:
        if os.environ.get("REQUIRE_ALL_COMPONENTS"):
            pytest.fail("gunicorn is not installed (pip install -r requirements.txt)")
        pytest.skip("gunicorn is not installed")


def _server_url(name):
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def database():
    """A database of its own on the suite's PostgreSQL server, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of scripts/test.sh)")
    import psycopg
    from psycopg import sql

    db = connection.settings_dict
    params = dict(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    name = f"hf_two_nodes_{secrets.token_hex(4)}"
    with psycopg.connect(**params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _server_url(name)
    finally:
        with psycopg.connect(**params) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _node_env(database_url, index_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SEARCH_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="two-nodes-" + secrets.token_urlsafe(16),
        DATABASE_URL=database_url,
        SEARCH_BACKEND="postgres",
        SEARCH_INDEX_DIR=str(index_dir),
        PYTHONUNBUFFERED="1",
    )
    return env


def _start(env, port, log_path):
    """gunicorn as production starts it (config/gunicorn.conf.py), one worker; not yet waited for."""
    log = open(log_path, "ab")
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "-c",
        str(ROOT / "config" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        # Two masters on one machine would share the default control socket's path.
        "--no-control-socket",
    ]
    try:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    finally:
        log.close()


class Browser:
    """Cookies and CSRF tokens, as a browser keeps them, over plain HTTP to one node."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post_form(self, path, fields):
        """Fetches the form first, for its CSRF token, then posts it."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()


def _search(port, q):
    query = urllib.parse.urlencode({"q": q})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search/?{query}", timeout=30) as response:
        return json.loads(response.read())


def test_an_article_imported_through_one_node_is_found_through_the_other(database, tmp_path):
    _require_gunicorn()
    lt = _loadtest()
    password = secrets.token_urlsafe(12)
    folders = [tmp_path / f"index-{n}" for n in (1, 2)]
    for folder in folders:
        folder.mkdir()
    envs = [_node_env(database, folder) for folder in folders]
    setup = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from django.core.management import call_command; "
            "from django.contrib.auth.models import User; "
            "call_command('migrate', '--noinput', verbosity=0); "
            # As a new site is set up: the (empty) index tables exist before the first save.
            "call_command('rebuild_index', '--no-progress', verbosity=0); "
            f"User.objects.create_superuser({USERNAME!r}, password={password!r})",
        ],
        cwd=ROOT,
        env=envs[0],
        capture_output=True,
        text=True,
    )
    assert setup.returncode == 0, setup.stderr[-3000:]

    ports = [lt.free_port(), lt.free_port()]
    logs = [tmp_path / f"node-{n}.log" for n in (1, 2)]
    nodes = []
    try:
        # Both boot at once; each loads the app and jieba before it answers.
        nodes = [_start(env, port, log) for env, port, log in zip(envs, ports, logs, strict=True)]
        for node, port in zip(nodes, ports, strict=True):
            lt.wait_until_up(port, node)
        first, second = ports
        assert _search(second, PHRASE)["total"] == 0

        admin = Browser(first)
        status, page = admin.post_form(
            "/admin/login/?next=/admin/", {"username": USERNAME, "password": password}
        )
        assert status == 200 and "/admin/logout/" in page, page[-2000:]
        status, page = admin.post_form(
            "/admin/articles/article/import/", {"name": "qinghe-morning-clinic.txt", "text": ARTICLE}
        )
        imported_at = time.monotonic()
        assert status == 200 and "导入结果：新建" in page, page[-2000:]
        url = re.search(r'<a href="(/articles/[^"]+)" target="_blank">', page).group(1)

        # The other node has never seen this article except through the shared database.
        deadline = imported_at + FRESH_WITHIN
        while True:
            urls = [hit["url"] for hit in _search(second, PHRASE)["results"]]
            if url in urls or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        waited = time.monotonic() - imported_at
        assert url in urls, f"not found on the second node within {FRESH_WITHIN}s: {urls}"
        print(f"found on the second node {waited:.3f}s after the import answered")
        # Neither node kept anything of its own.
        assert [list(folder.iterdir()) for folder in folders] == [[], []]
    except BaseException:
        for log in logs:
            if log.exists():
                print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        raise
    finally:
        for node in nodes:
            lt.stop(node)
