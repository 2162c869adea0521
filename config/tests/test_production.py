"""Production behaviour: deploy checks, plain error pages, read-only methods, and a clear 503
from a real server process while the database is away. (Login throttling: test_throttle.py.)"""

import importlib.util
import os
import re
import secrets
import select
import socket
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from articles.models import Article
from hospitals.models import Hospital

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "production.md"


def _loadtest():
    """scripts/loadtest.py, for its server helpers (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("hf_loadtest", ROOT / "scripts" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def deploy_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="features.example.org",
    )
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)
    env.update(extra)
    return env


def test_check_deploy_leaves_only_warnings_the_production_notes_explain():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=deploy_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    warnings = set(re.findall(r"\(([a-z_]+\.[WE]\d+)\)", result.stdout + result.stderr))
    explained = set(re.findall(r"`([a-z_]+\.W\d+)`", DOCS.read_text(encoding="utf-8")))
    assert warnings <= explained, f"unexplained deploy warnings: {sorted(warnings - explained)}"
    assert "security.W004" not in warnings and "security.W008" not in warnings  # HSTS and HTTPS are on


def test_debug_cannot_be_left_on_by_a_typo():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=deploy_env(DJANGO_DEBUG="False "),
        capture_output=True,
        text=True,
    )
    # "False " is accepted as off; anything that is not clearly on or off stops the site.
    assert result.returncode == 0, result.stderr
    bad = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=deploy_env(DJANGO_DEBUG="no"),
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "DJANGO_DEBUG" in bad.stderr


@pytest.mark.django_db
def test_an_error_shows_the_plain_500_page_without_trace_or_settings(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    secret = "hf-secret-sentinel-" + secrets.token_hex(8)
    with mock.patch("hospitals.views.Hospital.objects.count", side_effect=RuntimeError(secret)):
        response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "服务器出错" in body
    for leak in (
        secret,
        "Traceback",
        "RuntimeError",
        "SECRET_KEY",
        settings.SECRET_KEY,
        "DATABASES",
        "hospitals/views.py",
    ):
        assert leak not in body


@pytest.fixture
def records(db):
    article = Article.objects.create(
        slug="method-test",
        title="测试文章",
        body="正文",
        source_file="method-test.txt",
        content_hash="0" * 64,
    )
    hospital = Hospital.objects.create(name="某某县人民医院", slug="mou-mou-xian")
    return article, hospital


def public_paths(article, hospital):
    return [
        "/",
        "/hospitals/",
        f"/hospitals/{hospital.slug}/",
        f"/compare/?h={hospital.slug}",
        f"/hospitals/{hospital.slug}/articles/",
        "/indicators/",
        "/initiatives/",
        "/articles/",
        f"/articles/{article.slug}/",
        "/search/?q=医院",
        "/api/search/?q=医院",
        "/api/hospitals/",
        f"/api/hospitals/{hospital.slug}/",
        "/api/articles/",
        f"/api/articles/{article.slug}/",
        "/robots.txt",
        "/sitemap.xml",
    ]


def test_public_pages_answer_get_and_head_only(client, records):
    for path in public_paths(*records):
        assert client.get(path).status_code == 200, path
        assert client.head(path).status_code == 200, path
        for method in ("post", "put", "patch", "delete", "options"):
            response = getattr(client, method)(path)
            assert response.status_code == 405, (method, path, response.status_code)
            assert "GET" in response["Allow"]


# --- the database going away under a real server -----------------------------------------------


def _server_env(tmp_path, database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        DJANGO_CONN_MAX_AGE="60",
    )
    return env


def _assert_503(lt, port):
    status, body = lt.fetch(port, "/")
    text = body.decode()
    assert status == 503, (status, text[:300])
    assert "数据库暂时无法连接" in text and "Traceback" not in text


def test_a_server_on_a_missing_sqlite_database_answers_503_and_recovers(tmp_path):
    lt = _loadtest()
    ready = tmp_path / "ready"
    ready.mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env=_server_env(tmp_path, f"sqlite:///{ready / 'db.sqlite3'}"),
        check=True,
    )
    # The database sits in a "folder" that is a regular file: it cannot be opened, even by root.
    place = tmp_path / "place"
    place.write_text("not a folder")
    port = lt.free_port()
    server = lt.start_gunicorn(
        _server_env(tmp_path, f"sqlite:///{place / 'db.sqlite3'}"), port, workers=1, threads=2
    )
    try:
        _assert_503(lt, port)
        assert lt.fetch(port, "/api/hospitals/")[0] == 503
        place.unlink()
        ready.rename(place)  # the database is back
        assert lt.fetch(port, "/")[0] == 200
        assert lt.fetch(port, "/api/hospitals/")[0] == 200
    finally:
        lt.stop(server)


class TcpRelay:
    """Forwards a local port to the database server; stop() cuts every connection, like an outage."""

    def __init__(self, upstream, port=0):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()

    def _pipe(self, a, b):
        try:
            while self.running:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return
        finally:
            a.close()
            b.close()

    def stop(self):
        self.running = False
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def test_a_server_whose_postgresql_goes_away_answers_503_and_recovers(tmp_path, django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of scripts/test.sh)")
    lt = _loadtest()
    db = connection.settings_dict
    relay = TcpRelay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@127.0.0.1:{relay.port}/{db['NAME']}"
    port = lt.free_port()
    server = lt.start_gunicorn(_server_env(tmp_path, url), port, workers=1, threads=2)
    try:
        assert lt.fetch(port, "/")[0] == 200
        relay.stop()
        _assert_503(lt, port)
        _assert_503(lt, port)  # still down: no stale connection turns it into a 500
        relay = TcpRelay(relay.upstream, port=relay.port)
        assert lt.fetch(port, "/")[0] == 200
    finally:
        relay.stop()
        lt.stop(server)
