"""Page benchmark: every page type's time, query count and size on a throwaway database.

`run()` executes inside a subprocess whose database, index and static folder live in a temporary
folder (see the `bench_pages` command), so the real data is never touched. It:

1. migrates, imports the seed files with the real importer and adds N synthetic articles with
   copies of their facts (the corpus `bench_search` uses), rebuilds every hospital's
   observations and builds the search index;
2. picks one URL per page type from that data (the busiest profile is the hospital with the
   most metrics) and requests each through Django's test client: one untimed request counts
   the queries and the size, then `rounds` timed requests give median and p95;
3. starts gunicorn with config/gunicorn.conf.py and one worker on 127.0.0.1, times the first
   search that new worker answers, requests every page type and reads the worker's memory
   from /proc (resident, and private: what it does not share with the master).
"""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

SEARCH_QUERY = "医院"


def _corpus():
    # The synthetic corpus generator is shared with bench_search; it may live in either place.
    try:
        from articles.benchcorpus import import_corpus
    except ImportError:
        from search.management.commands.bench_search import import_corpus
    return import_corpus


def throwaway_env(tmp, base=None):
    """Production settings on private state inside `tmp` (plain HTTP on 127.0.0.1)."""
    env = dict(os.environ if base is None else base)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-pages-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
        SEARCH_INDEX_DIR=str(Path(tmp) / "index"),
        DJANGO_STATIC_ROOT=str(Path(tmp) / "static"),
        PYTHONUNBUFFERED="1",
    )
    return env


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def page_urls():
    """{page type: URL} for the data in the database; page types whose route is missing are left out."""
    from articles.models import Article
    from hospitals.models import Hospital, Indicator

    busiest = list(Hospital.objects.annotate(n=Count("metrics")).order_by("-n", "pk")[:3])
    article = Article.objects.annotate(n=Count("metrics")).order_by("-n", "pk").only("slug").first()
    urls = {
        "home": _reverse("hospitals:home"),
        "hospital_list": _reverse("hospitals:list"),
        "profile": busiest[0].get_absolute_url() if busiest else None,
        "profile_api": _reverse("hospitals:api-detail", busiest[0].slug) if busiest else None,
        "article": article.get_absolute_url() if article else None,
        "search": f"{_reverse('search:results')}?{urllib.parse.urlencode({'q': SEARCH_QUERY})}",
        "indicator_list": _reverse("hospitals:indicators"),
        "indicator": None,
        "initiatives": _reverse("hospitals:initiatives"),
        "compare": f"{_reverse('hospitals:compare')}?{urllib.parse.urlencode([('h', h.slug) for h in busiest])}",
        "sitemap": "/sitemap.xml",
        "sitemap_section": None,
    }
    top = (
        Indicator.objects.annotate(n=Count("observations__hospital", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if top is not None:
        urls["indicator"] = top.get_absolute_url()
    urls["sitemap_section"] = _reverse("sitemap-section", "articles")
    return {name: url for name, url in urls.items() if url}


def _percentiles(samples):
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))] * 1000, 2),
    }


def time_pages(urls, rounds):
    """{page type: {status, queries, bytes, p50_ms, p95_ms}} through the test client."""
    client = Client()
    report = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # Read now: the captured list is a slice of the log, which the next request resets.
        query_count = len(queries)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t)
        report[name] = {
            "url": url,
            "status": response.status_code,
            "queries": query_count,
            "bytes": len(body),
            **_percentiles(times),
        }
    return report


# --- one gunicorn worker ---------------------------------------------------------------------


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _memory_kb(pid):
    """Resident and private memory of a process (kB), from /proc."""
    fields = {}
    for name in ("status", "smaps_rollup"):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            key, _, rest = line.partition(":")
            parts = rest.split()
            if parts and parts[0].isdigit():
                fields[key.strip()] = int(parts[0])
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss_kb": fields.get("VmRSS"), "private_kb": private or None, "pss_kb": fields.get("Pss")}


def _cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def _children(pid):
    """The gunicorn workers of master `pid`: its children running its own command line (not the
    helper processes the master may start while it loads)."""
    try:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    master = _cmdline(pid)
    return [child for child in found if master is not None and _cmdline(child) == master]


def worker_report(urls, rounds=3):
    """Start gunicorn (config/gunicorn.conf.py, one worker) and measure a new worker.

    Returns the first search's time in that worker, then its memory after `rounds` passes over
    every page type, and the master's."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
    config = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
    if config.exists():
        command += ["--config", str(config)]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    proc = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        workers = []
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            if workers:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    pass
            time.sleep(0.05)
        if not workers:
            raise RuntimeError("gunicorn started no worker")
        # The first request of a new worker: a search, as a visitor arriving from outside would.
        t = time.perf_counter()
        status, _ = _get(port, urls["search"])
        first_search = time.perf_counter() - t
        after_first = _memory_kb(workers[0])
        statuses = {}
        for _ in range(rounds):
            for name, url in urls.items():
                statuses[name] = _get(port, url)[0]
        return {
            "first_search_ms": round(first_search * 1000, 1),
            "first_search_status": status,
            "worker_after_first_search": after_first,
            "worker_after_every_page": _memory_kb(workers[0]),
            "master": _memory_kb(proc.pid),
            "statuses": statuses,
        }
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def run(n, rounds=20, worker=True):
    """The benchmark proper; runs in the throwaway subprocess. Returns the report dict."""
    from hospitals.observations import rebuild_all
    from search import index

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    t = time.perf_counter()
    counts = _corpus()(n, Path(settings.BASE_DIR) / "fixtures")
    import_seconds = time.perf_counter() - t
    # The corpus copies metrics in bulk, past the hooks that keep observations: build them here.
    t = time.perf_counter()
    counts["observations"] = rebuild_all()
    observations_seconds = time.perf_counter() - t
    t = time.perf_counter()
    index.rebuild(progress=False)
    index_seconds = time.perf_counter() - t
    connection.close()  # gunicorn opens its own

    urls = page_urls()
    report = {
        "articles": n,
        "rows": counts,
        "rounds": rounds,
        "import_seconds": round(import_seconds, 1),
        "observations_seconds": round(observations_seconds, 1),
        "index_seconds": round(index_seconds, 1),
    }
    if worker:
        # Before the in-process timing: the worker must find nothing cached on disk by us.
        report["worker"] = worker_report(urls)
    report["pages"] = time_pages(urls, rounds)
    return report
