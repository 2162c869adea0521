"""Benchmark our index against the usual Whoosh + jieba recipe on a synthetic corpus.

The corpus is N articles recombined deterministically from the paragraphs of the seed files.
"Import" is the time to build the N documents in memory through the same Document shape
that `rebuild` indexes (no database is touched). Both indexes are built in a temporary folder
and deleted afterwards.
"""

import json
import random
import re
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from search import analysis, syntax
from search.documents import Document
from search.index import build_generation
from search.query import execute

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


def _paragraphs(fixtures):
    paragraphs = []
    for path in sorted(fixtures.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("#").strip()
            if len(line) >= 8:
                paragraphs.append(line)
    return paragraphs


def synthetic_documents(n, paragraphs, seed=7):
    """N article documents, each a deterministic recombination of seed paragraphs."""
    rng = random.Random(seed)
    short = [p for p in paragraphs if len(p) <= 40] or paragraphs
    start = date(2020, 1, 1)
    docs = []
    for i in range(n):
        body = "\n".join(rng.choice(paragraphs) for _ in range(rng.randint(4, 10)))
        docs.append(
            Document(
                key=f"article:{i + 1}",
                kind="article",
                title=rng.choice(short)[:60],
                url=f"/articles/bench-{i + 1}/",
                text=body,
                names=[],
                date=(start + timedelta(days=rng.randrange(1500))).isoformat(),
                provinces=[],
                hospitals=[],
                categories=[],
            )
        )
    return docs


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


def _build_usual(path, docs):
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields
    from whoosh import index as whoosh_index

    analyzer = ChineseAnalyzer()
    schema = fields.Schema(
        key=fields.ID(unique=True, stored=True),
        title=fields.TEXT(stored=True, analyzer=analyzer),
        body=fields.TEXT(stored=True, analyzer=analyzer),
    )
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), schema)
    writer = ix.writer(limitmb=256)
    for doc in docs:
        writer.add_document(key=doc["key"], title=doc["title"], body=doc["text"])
    writer.commit()
    return ix


def _usual_search(ix, searcher, q):
    from whoosh.highlight import HtmlFormatter
    from whoosh.qparser import MultifieldParser

    parsed = MultifieldParser(["title", "body"], ix.schema).parse(q)
    results = searcher.search(parsed, limit=10)
    results.formatter = HtmlFormatter(tagname="mark")
    return [hit.highlights("body") for hit in results], results.scored_length()


class Command(BaseCommand):
    help = "Benchmark indexing and searching on N synthetic articles against the usual jieba+Whoosh setup."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--rounds", type=int, default=3, help="timed passes over the query list")
        parser.add_argument("--procs", type=int, default=2)
        parser.add_argument("--skip-usual", action="store_true", help="only measure our index")

    def handle(self, *args, articles=1000, rounds=3, procs=2, skip_usual=False, **options):
        from whoosh import index as whoosh_index

        fixtures = Path(settings.BASE_DIR) / "fixtures"
        paragraphs = _paragraphs(fixtures)
        queries = GENERIC_QUERIES + sampled_queries(paragraphs, 12)
        analysis.load_user_words([])  # jieba loads once, before any timing

        t0 = time.perf_counter()
        docs = synthetic_documents(articles, paragraphs)
        import_seconds = time.perf_counter() - t0

        tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
        report = {"articles": articles, "queries": len(queries), "rounds": rounds, "procs": procs}
        try:
            ours_path = tmp / "ours"
            t0 = time.perf_counter()
            build_generation(ours_path, docs, dictionary_version="bench", procs=procs)
            ours_index_seconds = time.perf_counter() - t0
            ix = whoosh_index.open_dir(str(ours_path))
            parsed = [syntax.parse(q) for q in queries]
            with ix.searcher() as searcher:
                for p in parsed:  # warm up caches (doc table, jieba)
                    execute(searcher, p, per_page=10)
                ours_times, ours_totals = [], []
                for _ in range(rounds):
                    for p in parsed:
                        t = time.perf_counter()
                        page = execute(searcher, p, per_page=10)
                        ours_times.append(time.perf_counter() - t)
                        ours_totals.append(page.total)
            report.update(
                import_seconds=round(import_seconds, 3),
                index_seconds=round(ours_index_seconds, 2),
                index_bytes=_size(ours_path),
                search=_percentiles(ours_times),
                zero_hit_queries=sum(1 for total in ours_totals[: len(queries)] if total == 0),
            )

            if not skip_usual:
                usual_path = tmp / "usual"
                t0 = time.perf_counter()
                usual_ix = _build_usual(usual_path, docs)
                usual_index_seconds = time.perf_counter() - t0
                with usual_ix.searcher() as searcher:
                    for q in queries:
                        _usual_search(usual_ix, searcher, q)
                    usual_times, usual_zero = [], 0
                    for round_no in range(rounds):
                        for q in queries:
                            t = time.perf_counter()
                            _hits, total = _usual_search(usual_ix, searcher, q)
                            usual_times.append(time.perf_counter() - t)
                            usual_zero += round_no == 0 and total == 0
                usual = _percentiles(usual_times)
                report["usual"] = {
                    "index_seconds": round(usual_index_seconds, 2),
                    "index_bytes": _size(usual_path),
                    "search": usual,
                    "zero_hit_queries": usual_zero,
                }
                report["ratios"] = {
                    "search_p50_speedup": round(usual["p50_ms"] / max(report["search"]["p50_ms"], 1e-6), 2),
                    "search_p95_speedup": round(usual["p95_ms"] / max(report["search"]["p95_ms"], 1e-6), 2),
                    "index_time_ours_over_usual": round(ours_index_seconds / usual_index_seconds, 2),
                }
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
