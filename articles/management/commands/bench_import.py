"""Benchmark the importer: N synthetic article files imported with one worker and with several.

For each `--jobs` value the command re-runs itself in a subprocess whose DATABASE_URL and
SEARCH_INDEX_DIR point into a fresh temporary folder, so the real database and index are never
touched. The subprocess migrates the empty SQLite database, writes N article files recombined
from the seed articles' paragraphs (articles/benchcorpus.py, the corpus bench_search uses; not
timed), then times `import_paths` over the folder: reading, cleaning, extraction and storing,
with no search index built. With `--indexed` an empty index is built first, so every stored file
is also re-indexed when it commits, as on a live site (`--backend postgres`: the postgres search
backend, on a throwaway database of the PostgreSQL server of `--database-url` or DATABASE_URL).
Everything random is seeded, so every run imports the same files.
"""

import json
import os
import resource
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles import pinyin
from articles import throwaway as throwaway_run
from articles.benchcorpus import synthetic_articles
from articles.cleaning import parse_article
from articles.importer import import_paths


def write_corpus(n, folder, fixtures):
    """Write N synthetic article files into `folder`; returns their count."""
    sources = [
        item for path in sorted(Path(fixtures).glob("*.txt")) for item in parse_article(path.read_text())
    ]
    if not sources:
        raise CommandError(f"no seed articles in {fixtures}")
    folder.mkdir(parents=True, exist_ok=True)
    articles = synthetic_articles(n, sources)
    for article in articles:
        (folder / f"{article.number:05d}.txt").write_text(article.file_text(), encoding="utf-8")
    return len(articles)


def _cpu_seconds():
    """(this process, its finished children): CPU seconds, user and system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run(n, jobs, tmp, indexed=False):
    """The benchmark proper: runs in the subprocess, on the throwaway database."""
    from django.apps import apps

    from search import index

    call_command("migrate", verbosity=0, interactive=False)
    if indexed:
        index.rebuild(progress=False, procs=1)
    folder = tmp / "articles"
    write_corpus(n, folder, Path(settings.BASE_DIR) / "fixtures")
    # Slugs read titles as pinyin: its tables come from a child process once per process, a
    # start-up cost (like jieba's) kept out of the import's timing and CPU figures.
    pinyin.tables()
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    report = import_paths([folder], jobs=jobs)
    seconds = time.perf_counter() - t0
    # The work done, whatever else shared the cores: this process stores every file (and
    # cleans and extracts too with --jobs 1); the workers clean and extract.
    cpu = [round(after - before, 2) for after, before in zip(_cpu_seconds(), cpu0, strict=True)]
    rows = {
        model._meta.model_name: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("articles", "hospitals")
    }
    return {
        "jobs": jobs,
        "search_index": index.backend_name() if indexed else None,
        "indexed_documents": index.index_status()["doc_count"] if indexed else None,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "cpu_seconds": {"importing_process": cpu[0], "workers": cpu[1]},
        "summary": report.summary(),
        "rows": rows,
    }


class Command(BaseCommand):
    help = "Benchmark importing N synthetic article files with --jobs 1 and --jobs 2 (JSON articles/s)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000, help="article files to import")
        parser.add_argument(
            "--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to measure, one run each"
        )
        parser.add_argument(
            "--indexed",
            action="store_true",
            help="build an empty search index first, kept fresh by the import",
        )
        parser.add_argument(
            "--backend", choices=["whoosh", "postgres"], default="whoosh", help="search backend"
        )
        parser.add_argument("--database-url", default="", help="PostgreSQL server for --backend postgres")
        # Internal: set on the subprocess that runs against the throwaway database.
        parser.add_argument("--in-throwaway", dest="throwaway", default="", help="(internal)")

    def handle(
        self,
        *args,
        articles=2000,
        jobs=(1, 2),
        indexed=False,
        backend="whoosh",
        database_url="",
        throwaway="",
        **options,
    ):
        if articles < 1 or any(j < 1 for j in jobs):
            raise CommandError("--articles and --jobs must be at least 1")
        if throwaway:
            throwaway_run.check(throwaway)
            self.stdout.write(
                json.dumps(run(articles, jobs[0], Path(throwaway), indexed=indexed), ensure_ascii=False)
            )
            return
        extra = ["--indexed"] if indexed else []
        server = None

        def env(tmp):
            return {**throwaway_run.default_env(tmp), "SEARCH_BACKEND": backend}

        if backend == "postgres":
            server = database_url or os.environ.get("DATABASE_URL", "")
            if not server.startswith(("postgres://", "postgresql://")):
                raise CommandError(
                    "--backend postgres needs a PostgreSQL server: --database-url=postgres://…"
                )
        report = {
            "articles": articles,
            "cpu_count": os.cpu_count(),
            # Other processes share the cores: read the figures against the load around them.
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "runs": [
                throwaway_run.run(
                    "bench_import",
                    [f"--articles={articles}", f"--jobs={j}", *extra],
                    "bench-import-",
                    env=env,
                    database_url=server,
                )
                for j in jobs
            ],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        }
        runs = report["runs"]
        report["same_rows"] = all(r["rows"] == runs[0]["rows"] for r in runs)
        if len(runs) > 1:
            report["speedup"] = round(runs[-1]["articles_per_s"] / runs[0]["articles_per_s"], 2)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
