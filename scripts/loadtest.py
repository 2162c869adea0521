#!/usr/bin/env python
"""Load-test the site as production runs it: gunicorn, prod settings, whitenoise, a real index.

    .venv/bin/python scripts/loadtest.py [--seconds 60] [--clients 50] [--articles N] [--during-rebuild]
                                         [--during-admin-saves] [--workers N] [--json-out FILE]

It prepares a private copy of everything (temporary SQLite database unless --database-url is
given, index folder, collected static files), imports fixtures/, builds the index, starts
gunicorn on a free port of 127.0.0.1 and drives it with --clients threads, each on its own
keep-alive connection, mixing search pages, the search API, hospital and article pages and the
JSON API. With --during-rebuild, `manage.py rebuild_index` runs in a loop meanwhile; with
--during-admin-saves another process keeps saving hospitals and metrics through the ORM, so the
search index is updated incrementally under load.

Prints one JSON object: requests/s, latency percentiles (ms), transport errors, non-2xx
answers, and search pages that came back empty for a query known to have results. Exits 1 when
any of those counts is not zero.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# Generic words any collection of hospital features contains; hospital names are added from the data.
QUERIES = [
    "医院",
    "患者",
    "服务",
    "党建",
    "医疗 质量",
    "满意度",
    "中心",
    '"人民医院"',
    "医院 -不存在的词",
    "护理 OR 手术",
]

# Runs in a separate process (the site's ORM and signals), like an editor saving in the admin.
ADMIN_SAVES = """
import json, random, sys, time
import django
django.setup()
from hospitals.models import Hospital, Metric
deadline = time.monotonic() + float(sys.argv[1])
saves = failures = 0
errors = []
while time.monotonic() < deadline:
    try:
        model = random.choice([Hospital, Metric])
        obj = model.objects.order_by("?").first()
        if obj is not None:
            obj.save()  # unchanged values: search results must stay the same, only re-indexed
            saves += 1
    except Exception as exc:
        failures += 1
        errors.append(f"{exc.__class__.__name__}: {exc}"[:200])
    time.sleep(0.05)
print(json.dumps({"saves": saves, "failures": failures, "errors": errors[:5]}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_env(workdir, database_url=None, settings="config.settings.prod"):
    """Environment for manage.py and gunicorn: production settings on private temporary state."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # gunicorn is reached over plain HTTP here; in production a TLS proxy sits in front.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(workdir / "index"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def prepare(env, articles=0, workdir=None):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "import_articles", str(FIXTURES), "-v", "0")
    if articles:
        # As many more articles as asked, recombined from the fixtures' paragraphs (bench_import's
        # corpus), imported by the real importer.
        corpus = Path(workdir) / "corpus"
        code = (
            "from pathlib import Path; from articles.management.commands.bench_import import write_corpus; "
            f"write_corpus({int(articles)}, Path({str(corpus)!r}), Path({str(FIXTURES)!r}))"
        )
        manage(env, "shell", "-v", "0", "-c", code)
        manage(env, "import_articles", str(corpus), "-v", "0")
    count = "from articles.models import Article; print(Article.objects.count())"
    if manage(env, "shell", "-v", "0", "-c", count).stdout.split()[-1:] == ["0"]:
        # import_articles ignored its paths in some versions; the importer itself is what matters here.
        print(
            "import_articles imported nothing; importing with articles.importer.import_paths", file=sys.stderr
        )
        code = (
            f"from articles.importer import import_paths; print(import_paths([{str(FIXTURES)!r}]).summary())"
        )
        manage(env, "shell", "-v", "0", "-c", code)
    manage(env, "rebuild_index", "--no-progress")


def start_gunicorn(env, port, workers=3, threads=4, log_path=None):
    """Start gunicorn on 127.0.0.1:port and wait until it answers; returns the Popen."""
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        # As production runs it (preloaded app and dictionaries); the flags below override it.
        "--config",
        str(ROOT / "config" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    wait_until_up(port, proc)
    return proc


def wait_until_up(port, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            status, _ = fetch(port, "/robots.txt")
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: gunicorn and its workers only
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def fetch(port, path, conn=None, method="GET"):
    """(status, body bytes); opens a one-off connection unless one is given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


def search_path(api, q, **params):
    query = urllib.parse.urlencode({"q": q, **params})
    return f"/api/search/?{query}" if api else f"/search/?{query}"


def plan(port):
    """Pages to request and, for every search, how many results it has on a quiet server."""
    hospitals = json.loads(fetch(port, "/api/hospitals/")[1])["results"]
    articles = json.loads(fetch(port, "/api/articles/")[1])["results"]
    queries = QUERIES + [h["name"] for h in hospitals[:5]]
    expected = {}
    for q in queries:
        expected[q] = json.loads(fetch(port, search_path(True, q))[1])["total"]
    pages = {
        "hospital": [h["url"] for h in hospitals] + ["/hospitals/", "/"],
        "article": [a["url"] for a in articles] + ["/articles/"],
        "api": [h["api_url"] for h in hospitals] + [a["api_url"] for a in articles],
        "other": ["/indicators/", "/initiatives/", "/compare/", "/sitemap.xml"],
    }
    return queries, expected, pages


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = 0
        self.error_samples = []
        self.non_2xx = 0
        self.non_2xx_samples = []
        self.empty = 0
        self.empty_samples = []
        self.by_kind = {}
        self.kind_latencies = {}

    def record(self, kind, seconds, status=None, error=None, empty=False, path=""):
        with self.lock:
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
            if error is not None:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(f"{path}: {error}")
                return
            self.latencies.append(seconds)
            self.kind_latencies.setdefault(kind, []).append(seconds)
            if not 200 <= status < 300:
                self.non_2xx += 1
                if len(self.non_2xx_samples) < 5:
                    self.non_2xx_samples.append(f"{status} {path}")
            if empty:
                self.empty += 1
                if len(self.empty_samples) < 5:
                    self.empty_samples.append(path)


def _is_empty(kind, status, body, expected_total):
    if status != 200 or not expected_total:
        return False
    if kind == "search-api":
        data = json.loads(body)
        return not data.get("results") or data.get("total", 0) == 0
    return b'class="search-hit"' not in body


def client_loop(port, deadline, queries, expected, pages, stats, seed):
    rng = random.Random(seed)
    conn = None
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.30:
            kind, q = "search-page", rng.choice(queries)
            path = search_path(False, q, **({"sort": "date"} if rng.random() < 0.2 else {}))
        elif roll < 0.55:
            kind, q = "search-api", rng.choice(queries)
            path = search_path(True, q)
        else:
            q = None
            kind = rng.choices(["hospital", "article", "api", "other"], weights=[35, 35, 20, 10])[0]
            path = rng.choice(pages[kind])
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        try:
            status, body = fetch(port, path, conn=conn)
        except (OSError, http.client.HTTPException) as exc:
            stats.record(kind, 0, error=f"{exc.__class__.__name__}: {exc}", path=path)
            conn.close()
            conn = None
            continue
        elapsed = time.perf_counter() - started
        empty = q is not None and _is_empty(kind, status, body, expected.get(q))
        stats.record(kind, elapsed, status=status, empty=empty, path=path)
    if conn is not None:
        conn.close()


def rebuild_loop(env, deadline, outcome):
    while time.monotonic() < deadline:
        result = manage(env, "rebuild_index", "--no-progress", check=False)
        if result.returncode == 0:
            outcome["rebuilds"] += 1
        else:
            outcome["rebuild_failures"] += 1
            outcome.setdefault("rebuild_errors", []).append(result.stderr.strip()[-300:])


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1) + 0.5))] * 1000, 1)


def run(args):
    workdir = Path(tempfile.mkdtemp(prefix="hf-loadtest-"))
    env = site_env(workdir, args.database_url)
    server = saver = None
    try:
        prepare(env, args.articles, workdir)
        port = free_port()
        server = start_gunicorn(
            env, port, workers=args.workers, threads=args.threads, log_path=workdir / "gunicorn.log"
        )
        queries, expected, pages = plan(port)
        stats = Stats()
        extra = {"rebuilds": 0, "rebuild_failures": 0}
        deadline = time.monotonic() + args.seconds
        background = []
        if args.during_rebuild:
            background.append(threading.Thread(target=rebuild_loop, args=(env, deadline, extra)))
        if args.during_admin_saves:
            saver = subprocess.Popen(
                [sys.executable, "-c", ADMIN_SAVES, str(args.seconds)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        clients = [
            threading.Thread(target=client_loop, args=(port, deadline, queries, expected, pages, stats, i))
            for i in range(args.clients)
        ]
        started = time.monotonic()
        for thread in background + clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
        for thread in background:
            thread.join()
        if saver is not None:
            out, err = saver.communicate(timeout=120)
            try:
                saves = json.loads(out.strip().splitlines()[-1])
            except (ValueError, IndexError):
                saves = {"saves": 0, "failures": 1, "errors": [err.strip()[-300:]]}
            extra.update(admin_saves=saves["saves"], admin_save_failures=saves["failures"])
            if saves["errors"]:
                extra["admin_save_errors"] = saves["errors"]
        if not args.during_rebuild:
            extra.pop("rebuilds")
            extra.pop("rebuild_failures")
        total = len(stats.latencies) + stats.errors
        report = {
            "mode": "+".join(
                m
                for m, on in (("rebuild", args.during_rebuild), ("admin-saves", args.during_admin_saves))
                if on
            )
            or "plain",
            "seconds": round(elapsed, 1),
            "clients": args.clients,
            "workers": args.workers,
            "threads": args.threads,
            "requests": total,
            "requests_per_second": round(total / elapsed, 1) if elapsed else 0,
            "latency_ms": {
                "p50": percentile(stats.latencies, 0.50),
                "p95": percentile(stats.latencies, 0.95),
                "p99": percentile(stats.latencies, 0.99),
                "max": percentile(stats.latencies, 1.0),
            },
            "errors": stats.errors,
            "non_2xx": stats.non_2xx,
            "empty_result_pages": stats.empty,
            "requests_by_kind": dict(sorted(stats.by_kind.items())),
            "latency_ms_by_kind": {
                kind: {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}
                for kind, values in sorted(stats.kind_latencies.items())
            },
            "queries_with_results": sum(1 for n in expected.values() if n),
            **extra,
        }
        samples = {
            "error_samples": stats.error_samples,
            "non_2xx_samples": stats.non_2xx_samples,
            "empty_samples": stats.empty_samples,
        }
        report.update({k: v for k, v in samples.items() if v})
        return report
    finally:
        if saver is not None and saver.poll() is None:
            saver.kill()
            saver.wait()
        stop(server)
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--articles", type=int, default=0, help="synthetic articles imported besides fixtures/ (e.g. 2000)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--during-rebuild", action="store_true", help="run rebuild_index in a loop meanwhile")
    parser.add_argument(
        "--during-admin-saves", action="store_true", help="save records through the ORM meanwhile"
    )
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a temporary SQLite file")
    parser.add_argument("--json-out", help="also write the report to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (logs, database, index)"
    )
    args = parser.parse_args(argv)
    report = run(args)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    failed = (
        report["errors"]
        or report["non_2xx"]
        or report["empty_result_pages"]
        or report.get("rebuild_failures")
        or report.get("admin_save_failures")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
