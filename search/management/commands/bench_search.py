"""Benchmark our index against the usual Whoosh + jieba recipe on a throwaway database.

The command re-runs itself in a subprocess whose DATABASE_URL and SEARCH_INDEX_DIR point into
a temporary folder, so the real database and index are never touched. The subprocess:

1. migrates the empty SQLite database (not timed);
2. imports the seed files with the real importer (extraction included), then bulk-creates N
   synthetic articles recombined from the seeds' paragraphs, each carrying a copy of the
   facts (mentions, people, initiatives, metrics) of the seed article it was drawn from,
   attached to copies of that seed's hospitals (one copy per 50 articles): `import_seconds`;
3. runs `search.index.rebuild` (the real rebuild path, reading from the database):
   `index_seconds`;
4. times `search.query.search()` (highlighting included) over a fixed list of queries: a
   first pass (nothing decoded yet), then `rounds` timed passes, then 40 other literal
   pieces never queried before, each once; then HOSTILE_QUERIES, cold and warm, reporting
   the worst;
5. indexes the same articles, read from the same database, the usual way (jieba's
   ChineseAnalyzer, title and body stored, default parser, Whoosh highlights) and times the
   same queries there.

With `--backend postgres` the throwaway database is a new database on a PostgreSQL server
(dropped afterwards), and steps 3-4 run for the Whoosh backend and then the postgres backend on
the same corpus and queries; the report holds both under "backends".

Everything random is seeded, so two runs build the same corpus.
"""

import hashlib
import json
import os
import random
import re
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles import throwaway as throwaway_run
from articles.benchcorpus import paragraphs_of, synthetic_articles
from search import analysis

ARTICLES_PER_HOSPITAL_COPY = 50

GENERIC_QUERIES = [
    "医院",
    "高质量发展",
    "党建引领",
    "满意度",
    "重点专科",
    "医疗质量",
    "信息化",
    "人才队伍",
    "患者 服务",
    '"党委书记"',
    "医院 -党建",
    "门诊 OR 住院",
    "醫院",
    "手术",
    "公立医院改革",
    "健康",
]


# Queries built to cost the most: single characters (a match in nearly every record), many
# alternatives, far pages, date order, the longest query. Each is timed on its first run
# (nothing of it decoded yet) and again warm; the worst is reported.
HOSTILE_QUERIES = [
    ("医", {}),
    ("医 院", {}),
    ("的 是 在", {}),
    (" OR ".join("医院的是在有和人中年"), {}),
    ("医", {"sort": "date", "page": 999999}),
    ("医院", {"page": 999999}),
    ("医 院", {"sort": "date", "page": 999999, "per_page": 100}),
    (" ".join(["医院", "发展", "服务", "患者", "管理", "建设", "中心", "技术", "质量", "水平"]), {}),
    ("医院高质量发展" * 30, {}),
    ("-医院 的", {}),
]


def sampled_queries(paragraphs, count, seed=11):
    """Literal pieces of the corpus, 2-6 characters with a Chinese character."""
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        para = rng.choice(paragraphs)
        length = rng.randint(2, 6)
        if len(para) <= length:
            continue
        start = rng.randrange(len(para) - length)
        piece = re.sub(r'[\s"“”「」『』-]', "", para[start : start + length])
        if analysis.has_cjk(piece) and len(piece) >= 2:
            found.append(piece)
    return found


def _size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def _percentiles(samples):
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))] * 1000, 2),
    }


# --- the throwaway corpus --------------------------------------------------------------------


def _copy(obj, **changes):
    """An unsaved copy of a model instance with some fields replaced."""
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    values.update(changes)
    return type(obj)(**values)


def import_corpus(n, fixtures, seed=7, facts=True):
    """Import the seed files, then add N synthetic articles and (unless facts=False) copies of
    their seed article's facts."""
    from articles.importer import import_paths
    from articles.models import Article
    from hospitals.models import Hospital, Initiative, Mention, Metric, Person

    import_paths([fixtures])
    seeds = list(Article.objects.order_by("pk"))
    if not seeds:
        raise CommandError(f"no seed articles imported from {fixtures}")
    seed_facts = {
        a.pk: {
            "mentions": list(Mention.objects.filter(article=a)),
            "people": list(Person.objects.filter(article=a)),
            "initiatives": list(Initiative.objects.filter(article=a)),
            "metrics": list(Metric.objects.filter(article=a)),
        }
        for a in seeds
    }
    seed_hospitals = list(Hospital.objects.order_by("pk"))

    sources, articles = [], []
    for synthetic in synthetic_articles(n, seeds, seed=seed):
        source = synthetic.source
        body = synthetic.body
        sources.append(source)
        articles.append(
            Article(
                slug=f"bench-{synthetic.number}",
                title=synthetic.title,
                publication=source.publication,
                published_on=synthetic.published_on,
                authors=source.authors,
                body=body,
                source_file=f"bench/{synthetic.number}.txt",
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    if not facts:
        return _counts()

    groups = (n + ARTICLES_PER_HOSPITAL_COPY - 1) // ARTICLES_PER_HOSPITAL_COPY
    copies = [
        _copy(h, name=f"{h.name}{g + 1}号", slug=f"{h.slug[:100]}-bench-{g + 1}")
        for g in range(groups)
        for h in seed_hospitals
    ]
    Hospital.objects.bulk_create(copies, batch_size=500)
    copy_of = {}
    for g in range(groups):
        for k, h in enumerate(seed_hospitals):
            copy_of[(g, h.pk)] = copies[g * len(seed_hospitals) + k].pk

    rows = {"mentions": [], "people": [], "initiatives": [], "metrics": []}
    for i, (article, source) in enumerate(zip(articles, sources, strict=True)):
        g = i // ARTICLES_PER_HOSPITAL_COPY
        for kind, items in seed_facts[source.pk].items():
            for item in items:
                rows[kind].append(
                    _copy(item, article_id=article.pk, hospital_id=copy_of[(g, item.hospital_id)])
                )
    for kind, model in (
        ("mentions", Mention),
        ("people", Person),
        ("initiatives", Initiative),
        ("metrics", Metric),
    ):
        model.objects.bulk_create(rows[kind], batch_size=1000)
    return _counts()


def _counts():
    from articles.models import Article
    from hospitals.models import Hospital, Initiative, Metric

    return {
        "articles": Article.objects.count(),
        "hospitals": Hospital.objects.count(),
        "initiatives": Initiative.objects.count(),
        "metrics": Metric.objects.count(),
    }


def suggestion_prefixes(names, count=40, seed=5):
    """What people type while looking for a name: its first characters, the pinyin of its
    first syllables (with and without a space), its initials."""
    from search.suggest import syllables

    rng = random.Random(seed)
    prefixes = []
    for name in rng.sample(sorted(names), min(count, len(names))):
        spelling = syllables(name)
        prefixes += [
            name[:2],
            "".join(spelling[:2]),
            " ".join(spelling[:2]),
            "".join(s[:1] for s in spelling),
        ]
    return [p for p in prefixes if p.strip()]


def bench_suggestions():
    """/api/suggest/'s work (search.suggest.complete): building the table once, then lookups."""
    from hospitals.models import Hospital
    from search import suggest

    suggest.clear_cache()
    t = time.perf_counter()
    suggest.table()
    build = time.perf_counter() - t
    prefixes = suggestion_prefixes(Hospital.objects.values_list("name", flat=True))
    times, empty = [], 0
    for prefix in prefixes:
        t = time.perf_counter()
        found = suggest.complete(prefix)
        times.append(time.perf_counter() - t)
        empty += not found
    return {
        "table_build_ms": round(build * 1000, 1),
        "prefixes": len(prefixes),
        "empty": empty,
        **_percentiles(times),
    }


# --- the usual setup -------------------------------------------------------------------------


def build_usual(path):
    """Index every article from the database with jieba's ChineseAnalyzer, the usual way."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields
    from whoosh import index as whoosh_index

    from articles.models import Article

    analyzer = ChineseAnalyzer()
    schema = fields.Schema(
        key=fields.ID(unique=True, stored=True),
        title=fields.TEXT(stored=True, analyzer=analyzer),
        body=fields.TEXT(stored=True, analyzer=analyzer),
    )
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), schema)
    writer = ix.writer(limitmb=256)
    for pk, title, body in Article.objects.values_list("pk", "title", "body").iterator(chunk_size=500):
        writer.add_document(key=str(pk), title=title, body=body)
    writer.commit()
    return ix


def usual_search(ix, searcher, q):
    from whoosh.highlight import HtmlFormatter
    from whoosh.qparser import MultifieldParser

    parsed = MultifieldParser(["title", "body"], ix.schema).parse(q)
    results = searcher.search(parsed, limit=10)
    results.formatter = HtmlFormatter(tagname="mark")
    return [hit.highlights("body") for hit in results], results.scored_length()


# --- the run ---------------------------------------------------------------------------------


def _index_bytes(built):
    from search import index

    if index.backend_name() == "whoosh":
        return _size(built["path"])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "WHERE c.relname LIKE 'search_index%%' AND c.relkind = 'r'"
        )
        return int(cursor.fetchone()[0] or 0)


def _cache_bytes():
    from search import index
    from search.backends.postgres import reader as pg_reader
    from search.backends.whoosh import postings

    return postings.cache_bytes() if index.backend_name() == "whoosh" else pg_reader.cache_bytes()


def measure(queries, unseen, rounds, procs):
    """Index with the configured backend, then time its searches: the first pass, `rounds`
    passes, queries never run before, and the hostile queries (cold, then warm)."""
    from search import index
    from search.query import search

    t0 = time.perf_counter()
    built = index.rebuild(progress=False, procs=procs)
    index_seconds = time.perf_counter() - t0
    search("预热", per_page=10)  # load the doc table, jieba and the user dictionary once
    # The first pass over the queries is reported on its own: no query has run before, so no
    # cache of any kind has seen it.
    first_times = []
    for q in queries:
        t = time.perf_counter()
        search(q, per_page=10)
        first_times.append(time.perf_counter() - t)
    times, totals = [], []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            page = search(q, per_page=10)
            times.append(time.perf_counter() - t)
            totals.append(page.total)
    # Queries never run before, each once, on the warmed process: what a new visitor's query
    # costs. Decoded posting lists are kept per term (a character pair), not per query, so
    # these gain from the pairs earlier queries shared with them, and only from that.
    unseen_times = []
    for q in unseen:
        t = time.perf_counter()
        search(q, per_page=10)
        unseen_times.append(time.perf_counter() - t)
    hostile = []
    for q, options in HOSTILE_QUERIES:
        runs = []
        for _ in range(2):  # cold, then warm
            t = time.perf_counter()
            page = search(q, **{"per_page": 10, **options})
            runs.append(time.perf_counter() - t)
        hostile.append(
            {
                "query": q[:40],
                "options": options,
                "cold_ms": round(runs[0] * 1000, 1),
                "warm_ms": round(runs[1] * 1000, 1),
                "total": page.total,
                "scored": page.scored,
            }
        )
    worst = max(hostile, key=lambda h: h["cold_ms"])
    # A record saved (as the admin or an import does): the time to re-index it, then the first
    # search after it, which sees the new segment (and, on postgres, reloads the segment list).
    from articles.models import Article

    after_save = []
    for pk in Article.objects.order_by("pk").values_list("pk", flat=True)[:5]:
        t = time.perf_counter()
        index.sync_keys({f"article:{pk}"})
        saved = time.perf_counter() - t
        t = time.perf_counter()
        search(queries[0], per_page=10)
        after_save.append((saved, time.perf_counter() - t))
    return {
        "backend": index.backend_name(),
        "documents": built["doc_count"],
        "index_seconds": round(index_seconds, 2),
        "index_bytes": _index_bytes(built),
        "search": _percentiles(times),
        "search_first_round": _percentiles(first_times),
        "search_unseen_queries": {"queries": len(unseen), **_percentiles(unseen_times)},
        "postings_cache_bytes": _cache_bytes(),
        "zero_hit_queries": sum(1 for total in totals[: len(queries)] if total == 0),
        "save": {
            "reindex_ms": round(statistics.median(a for a, _ in after_save) * 1000, 1),
            "next_search_ms": round(statistics.median(b for _, b in after_save) * 1000, 1),
        },
        "hostile": {
            "worst_ms": worst["cold_ms"],
            "worst_query": worst["query"],
            "worst_warm_ms": max(h["warm_ms"] for h in hostile),
            "queries": hostile,
        },
    }


def run(n, rounds, procs, skip_usual, facts=True, backends=("whoosh",)):
    """The benchmark proper: runs in the subprocess, on the throwaway database and index.

    With several backends, each indexes and answers the same corpus and queries in turn; the
    report then holds one section per backend under "backends".
    """
    from django.test import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    analysis.load_user_words([])  # jieba loads once, before any timing

    fixtures = Path(settings.BASE_DIR) / "fixtures"
    t0 = time.perf_counter()
    counts = import_corpus(n, fixtures, facts=facts)
    import_seconds = time.perf_counter() - t0

    from articles.models import Article

    seeds = Article.objects.exclude(slug__startswith="bench-").values_list("body", flat=True)
    queries = GENERIC_QUERIES + sampled_queries(paragraphs_of(seeds), 12)
    unseen = [q for q in sampled_queries(paragraphs_of(seeds), 60, seed=29) if q not in queries][:40]
    measured = {}
    for name in backends:
        with override_settings(SEARCH_BACKEND=name):
            measured[name] = measure(queries, unseen, rounds, procs)
    report = {
        "articles": n,
        "rows": counts,
        "queries": len(queries),
        "rounds": rounds,
        "procs": procs,
        "import_seconds": round(import_seconds, 2),
        "suggest": bench_suggestions(),
    }
    if len(backends) == 1:
        report.update(measured[backends[0]])
    else:
        report["backends"] = measured
    if skip_usual:
        return report
    ours = measured[backends[0]]  # the usual setup is compared with the first backend

    usual_path = Path(settings.SEARCH_INDEX_DIR) / "usual"
    t0 = time.perf_counter()
    usual_ix = build_usual(usual_path)
    usual_index_seconds = time.perf_counter() - t0
    with usual_ix.searcher() as searcher:
        for q in queries:
            usual_search(usual_ix, searcher, q)
        usual_times, usual_zero = [], 0
        for round_no in range(rounds):
            for q in queries:
                t = time.perf_counter()
                _hits, total = usual_search(usual_ix, searcher, q)
                usual_times.append(time.perf_counter() - t)
                usual_zero += round_no == 0 and total == 0
    usual = _percentiles(usual_times)
    report["usual"] = {
        "documents": usual_ix.doc_count(),
        "index_seconds": round(usual_index_seconds, 2),
        "index_bytes": _size(usual_path),
        "search": usual,
        "zero_hit_queries": usual_zero,
    }
    report["ratios"] = {
        "search_p50_speedup": round(usual["p50_ms"] / max(ours["search"]["p50_ms"], 1e-6), 2),
        "search_p95_speedup": round(usual["p95_ms"] / max(ours["search"]["p95_ms"], 1e-6), 2),
        "index_time_ours_over_usual": round(ours["index_seconds"] / usual_index_seconds, 2),
    }
    return report


class Command(BaseCommand):
    help = (
        "Benchmark import, indexing and search on N synthetic articles against the usual jieba+Whoosh setup."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--rounds", type=int, default=3, help="timed passes over the query list")
        parser.add_argument("--procs", type=int, default=2)
        parser.add_argument("--skip-usual", action="store_true", help="only measure our index")
        parser.add_argument(
            "--backend",
            choices=["whoosh", "postgres"],
            default="whoosh",
            help="postgres: measure the postgres backend side by side with Whoosh, on a throwaway "
            "database on the PostgreSQL server of --database-url",
        )
        parser.add_argument(
            "--database-url",
            default="",
            help="a PostgreSQL server for --backend postgres (default: DATABASE_URL when it is one)",
        )
        parser.add_argument(
            "--articles-only",
            action="store_true",
            help="no copies of the seeds' hospitals, initiatives and metrics: index the articles alone",
        )
        # Internal: set on the subprocess that runs against the throwaway database.
        parser.add_argument("--in-throwaway", dest="throwaway", default="", help="(internal)")

    def handle(
        self,
        *args,
        articles=1000,
        rounds=3,
        procs=2,
        skip_usual=False,
        articles_only=False,
        backend="whoosh",
        database_url="",
        throwaway="",
        **options,
    ):
        backends = ("whoosh", "postgres") if backend == "postgres" else ("whoosh",)
        if throwaway:
            throwaway_run.check(throwaway)
            report = run(articles, rounds, procs, skip_usual, facts=not articles_only, backends=backends)
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return

        argv = [f"--articles={articles}", f"--rounds={rounds}", f"--procs={procs}"]
        if skip_usual:
            argv.append("--skip-usual")
        if articles_only:
            argv.append("--articles-only")
        server = None
        if backend == "postgres":
            argv.append("--backend=postgres")
            server = database_url or os.environ.get("DATABASE_URL", "")
            if not server.startswith(("postgres://", "postgresql://")):
                raise CommandError(
                    "--backend postgres needs a PostgreSQL server: --database-url=postgres://…"
                )
        report = throwaway_run.run("bench_search", argv, "bench-search-", database_url=server)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
