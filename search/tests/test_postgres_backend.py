"""The postgres backend's own parts: segments built from documents, merges, rebuilds with
saves in between, and the same answers as the Whoosh backend on the same records."""

import random

import numpy as np
import pytest
from django.db import OperationalError
from django.test import override_settings

from search import index, query
from search.backends.postgres import index as pg_index
from search.backends.postgres import reader as pg_reader
from search.backends.postgres import segments
from search.models import IndexBuild, IndexPending, IndexSegment
from search.query import search

from .conftest import make_article

WORDS = "医院 党建 引领 高质量 发展 患者 满意度 胸痛中心 卒中 门诊 住院 手术 医共体 县域 人才 护理 90.5% 2023年".split()


def _doc(key, title, text, kind="article", names=()):
    return {
        "key": key,
        "kind": kind,
        "title": title,
        "url": f"/x/{key}/",
        "text": text,
        "date": "2024-05-01",
        "provinces": ["湖北省"],
        "hospitals": [],
        "categories": [],
        "names": list(names),
        "article": None,
    }


def _term(data, fieldname, text):
    code = segments.FIELDS[fieldname]
    for row in data.terms:
        if row[0] == code and row[1] == text.encode("utf-8"):
            return row
    return None


def test_a_segment_holds_pairs_at_their_positions_words_and_exact_names():
    data = segments.analyse(
        [
            _doc("a:1", "医院", "医院发展医院"),
            _doc("h:2", "青山医院", "简介", kind="hospital", names=["青山医院", "青山院"]),
        ]
    )
    assert data.doc_count == 2 and data.keys == ["a:1", "h:2"]
    code, _term_bytes, frequency, ids, weights, positions = _term(data, "bigrams", "医院")
    # "医院\n医院发展医院" compacts to 医院医院发展医院: pairs at 0, 2 and 6; the hospital's
    # "青山医院\n简介" holds it at 2.
    assert frequency == 2
    assert np.frombuffer(ids, segments.U4).tolist() == [0, 1]
    assert np.frombuffer(weights, segments.U4).tolist() == [3, 1]
    assert np.frombuffer(positions, segments.U4).tolist() == [0, 2, 6, 2]
    assert _term(data, "name_exact", "青山院") is not None
    assert _term(data, "words", "发展") is not None
    lengths = segments.decode_lengths(data.lengths, 2)
    assert lengths["bigrams"].tolist() == [8.0, 6.0]
    assert lengths["names_bi"].tolist() == [0.0, 7.0]
    rows = segments.decode_meta_rows(data.meta, 2)
    assert [row[0] for row in rows] == ["article", "hospital"]


@pytest.fixture
def postgres_backend(settings, index_dir):
    settings.SEARCH_BACKEND = "postgres"
    pg_reader.clear_caches()
    yield
    pg_reader.clear_caches()


def _random_bodies(count, seed=7):
    rng = random.Random(seed)
    return [
        "，".join(rng.choice(WORDS) + rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        for _ in range(count)
    ]


QUERIES = [
    "医院",
    "院",
    "高质量发展",
    "满意度 90.5%",
    "胸痛中心 OR 卒中",
    "党建 -护理",
    '"医共体"',
    "2023年",
    "县域人才",
]


def _answers(q):
    """Total, facets and every match (all pages: ties may be ordered differently)."""
    page = search(q, per_page=100)
    urls = {h.url for h in page.hits}
    for number in range(2, page.pages + 1):
        urls |= {h.url for h in search(q, per_page=100, page=number).hits}
    return page.total, page.facets, urls


@pytest.mark.django_db
def test_both_backends_give_the_same_answers(index_dir, db, settings):
    for i, body in enumerate(_random_bodies(60)):
        make_article(f"第{i}篇", body, slug=f"same-{i}")
    settings.SEARCH_BACKEND = "whoosh"
    index.rebuild(progress=False, procs=1)
    whoosh = {q: _answers(q) for q in QUERIES}
    settings.SEARCH_BACKEND = "postgres"
    pg_reader.clear_caches()
    index.rebuild(progress=False, procs=1)
    for q in QUERIES:
        assert _answers(q) == whoosh[q], q
        assert whoosh[q][0] > 0, q


@pytest.mark.django_db
def test_many_saves_are_merged_and_answer_like_a_fresh_build(postgres_backend, db, monkeypatch):
    monkeypatch.setattr(pg_index, "MERGE_FACTOR", 3)
    # Retired segments stay a while (readers may still hold them): their copies must not count.
    monkeypatch.setattr(pg_index, "RETIRED_KEEP", pg_index.timedelta(hours=1))
    bodies = _random_bodies(12, seed=3)
    articles = [make_article(f"合并{i}", bodies[i], slug=f"merge-{i}") for i in range(4)]
    index.rebuild(progress=False, procs=1)
    for i in range(4, 12):  # one segment per save, as an import of file after file writes
        articles.append(make_article(f"合并{i}", bodies[i], slug=f"merge-{i}"))
        index.sync_keys({f"article:{articles[-1].pk}"})
    gone = f"article:{articles[0].pk}"
    articles[0].delete()
    index.sync_keys({gone})
    for article in articles[4:8]:  # saved again after their segments were merged away
        index.sync_keys({f"article:{article.pk}"})
    build = IndexBuild.objects.get(current=True)
    live = IndexSegment.objects.filter(build=build, retired_at__isnull=True).count()
    assert live < 9  # fourteen segments were written; merges keep a few
    assert build.doc_count == 11 == index.index_status()["doc_count"]
    merged = {q: _answers(q) for q in QUERIES}
    index.rebuild(progress=False, procs=1)
    for q in QUERIES:
        assert _answers(q) == merged[q], q
    assert search("合并0").total == 0


@pytest.mark.django_db
def test_a_rebuild_in_several_segments_and_processes_answers_like_one(postgres_backend, db, monkeypatch):
    for i, body in enumerate(_random_bodies(240, seed=11)):
        make_article(f"分段{i}", body, slug=f"seg-{i}")
    index.rebuild(progress=False, procs=1)
    single = {q: _answers(q) for q in QUERIES}
    monkeypatch.setattr(pg_index, "SEGMENT_DOCS", 70)
    index.rebuild(progress=False, procs=2)
    build = IndexBuild.objects.get(current=True)
    assert IndexSegment.objects.filter(build=build).count() == 4
    assert IndexBuild.objects.count() == 1  # the old build is gone
    for q in QUERIES:
        assert _answers(q) == single[q], q


@pytest.mark.django_db
def test_saves_during_a_rebuild_are_queued_for_the_new_build(postgres_backend, db):
    index.rebuild(progress=False, procs=1)
    unfinished = IndexBuild.objects.create(analyzer_version="x", dictionary_version="y")
    article = make_article("重建中保存", "重建期间保存的文章")
    index.sync_keys({f"article:{article.pk}"})
    assert list(IndexPending.objects.filter(build=unfinished).values_list("key", flat=True)) == [
        f"article:{article.pk}"
    ]
    assert search("重建期间保存").total == 1  # the current build has it too
    unfinished.delete()


@pytest.mark.django_db
def test_status_says_missing_then_built_then_stale(postgres_backend, db):
    make_article("状态", "医院状态")
    assert not index.index_status()["exists"]
    assert "rebuild_index" in search("医院").message
    index.rebuild(progress=False, procs=1)
    status = index.index_status()
    assert status["exists"] and not status["stale"] and status["doc_count"] == 1
    IndexBuild.objects.filter(current=True).update(dictionary_version="older")
    assert index.index_status()["stale"]


@pytest.mark.django_db
def test_an_unreadable_index_table_is_reported_not_raised(postgres_backend, db, monkeypatch):
    make_article("读不到", "读不到的索引")
    index.rebuild(progress=False, procs=1)

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(query, "execute", fail)
    page = search("索引")
    assert page.message == query.MESSAGE_MISSING and page.total == 0


@pytest.mark.django_db
def test_a_reader_loads_only_what_changed(postgres_backend, db, django_assert_max_num_queries):
    for i, body in enumerate(_random_bodies(30, seed=5)):
        make_article(f"缓存{i}", body, slug=f"cache-{i}")
    index.rebuild(progress=False, procs=1)
    search("高质量发展")
    # Warm: the synonym table's version and the state; postings and stored fields are kept.
    with django_assert_max_num_queries(2):
        search("高质量发展")
    with override_settings(SEARCH_POSTINGS_CACHE_MB=0):
        pg_reader._postings.clear()
        assert search("高质量发展").total > 0


@pytest.mark.django_db
def test_a_query_naming_many_hospitals_reads_their_names_in_one_query(
    postgres_backend, db, django_assert_max_num_queries
):
    from hospitals.models import Hospital

    places = "东西南北中上下前后左右甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    for i, place in enumerate(places):
        Hospital.objects.create(name=f"{place}{place}县人民医院", slug=f"renmin-{i}")
    index.rebuild(progress=False, procs=1)
    search("人民医院")  # terms decoded and kept
    pg_reader._stored.clear()
    # The synonym table's version, the state, then the names of the hospitals the query may
    # cover (the hits shown among them): not one query per hospital.
    with django_assert_max_num_queries(3):
        page = search("人民医院")
    assert page.total == len(places)


@pytest.mark.django_db
def test_a_new_query_reads_its_postings_in_one_round_trip(
    postgres_backend, db, django_assert_max_num_queries
):
    for i, body in enumerate(_random_bodies(30, seed=9)):
        make_article(f"往返{i}", body, slug=f"trip-{i}")
    index.rebuild(progress=False, procs=1)
    search("预热")
    pg_reader._postings.clear()
    # The synonym table's version, the state, every posting row of the query's terms in all
    # fields, then the stored fields of the hits.
    with django_assert_max_num_queries(4):
        page = search("高质量发展 患者 -护理")
    assert page.total > 0
