"""Decoded posting arrays agree with Whoosh's own readers, and the cache stays within bounds."""

import numpy as np
import pytest
from django.test import override_settings
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

from search import arrays, doctable, query, syntax
from search.backends.whoosh import index, postings
from search.backends.whoosh.reader import WhooshReader
from search.cache import LRU

from .conftest import make_article

pytestmark = pytest.mark.usefixtures("whoosh_backend")

BODIES = [
    "医院党建引领高质量发展，医院医院。",
    "高质量发展需要人才，医疗质量提升。",
    "胸痛中心、卒中中心建设，中心医院。",
    "满意度调查：患者满意度提升到95.5%。",
]


@pytest.fixture
def many_articles(index_dir, db):
    # Enough documents for terms to span several 128-posting blocks.
    for i in range(420):
        make_article(f"标题{i}", BODIES[i % len(BODIES)] + f"第{i}篇", slug=f"post-{i}")
    index.rebuild(progress=False, procs=1)
    postings.clear_cache()
    yield
    postings.clear_cache()


def _segment_readers(searcher):
    return [sub.reader() for sub, _offset in searcher.leaf_searchers()]


@pytest.mark.django_db
def test_term_arrays_hold_what_whoosh_postings_hold(many_articles):
    with index.searcher() as s:
        for reader in _segment_readers(s):
            for term in ("医院", "质量", "中心", "95"):
                tbytes = term.encode()
                matcher = reader.postings("bigrams", tbytes)
                expected_ids, expected_weights, expected_positions = [], [], []
                while matcher.is_active():
                    expected_ids.append(matcher.id())
                    expected_weights.append(matcher.weight())
                    expected_positions.extend((matcher.id(), p) for p in matcher.value_as("positions"))
                    matcher.next()
                ids, weights = postings.term_postings(reader, "bigrams", tbytes)
                assert ids.tolist() == expected_ids, term
                assert weights.tolist() == expected_weights, term
                _ids, docs, positions = postings.term_positions(reader, "bigrams", tbytes)
                assert list(zip(docs.tolist(), positions.tolist(), strict=True)) == expected_positions, term


@pytest.mark.django_db
def test_reading_a_few_documents_of_a_broad_term_covers_them_without_keeping_the_term(many_articles):
    with index.searcher() as s:
        reader = _segment_readers(s)[0]
        full_ids = postings.term_ids(reader, "bigrams", "医院".encode())
        postings.clear_cache()
        postings._partly_read.clear()
        within = full_ids[:2]  # both in the first 128-posting block
        partial = postings.term_ids(reader, "bigrams", "医院".encode(), within=within)
        assert len(partial) < len(full_ids)
        assert set(within.tolist()) <= set(partial.tolist())
        assert postings.cache_bytes() == 0
        # Asked about a second time, the term is in use: decoded whole and kept.
        again = postings.term_ids(reader, "bigrams", "医院".encode(), within=within)
        assert again.tolist() == full_ids.tolist()
        assert postings.cache_bytes() > 0


@pytest.mark.django_db
def test_field_lengths_match_the_length_column(many_articles):
    with index.searcher() as s:
        for reader in _segment_readers(s):
            for fieldname in ("bigrams", "title_bi", "names_bi", "words"):
                lengths = postings.field_lengths(reader, fieldname)
                column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is None:
                    assert lengths is None
                    continue
                expected = [
                    reader.doc_field_length(d, fieldname, 0) or 0 for d in range(reader.doc_count_all())
                ]
                assert lengths.tolist() == [float(n) for n in expected], fieldname


def test_the_cache_drops_the_least_recently_used_terms_beyond_its_budget():
    cache = LRU()
    with override_settings(SEARCH_POSTINGS_CACHE_MB=1):
        megabyte_third = 300 * 1024
        for name in "abc":
            cache.put(name, name, megabyte_third)
        assert cache.get("a") == ("a", megabyte_third)  # a is now the most recently used
        cache.put("d", "d", megabyte_third)
        assert cache.get("b") is None
        assert cache.get("a") is not None and cache.get("d") is not None
        assert cache.nbytes <= 1024 * 1024
        cache.put("huge", "x", 2 * 1024 * 1024)  # larger than the whole budget: not kept
        assert cache.get("huge") is None


def test_set_operations_on_docnum_arrays():
    a = np.array([1, 3, 5, 7, 900], dtype=np.int64)
    b = np.array([3, 4, 5, 1000], dtype=np.int64)
    assert arrays.intersect(a, b).tolist() == [3, 5]
    assert arrays.intersect(np.array([5], dtype=np.int64), np.arange(0, 2000, 5)).tolist() == [5]
    assert arrays.union([a, b, arrays.EMPTY]).tolist() == [1, 3, 4, 5, 7, 900, 1000]
    assert arrays.difference(a, b).tolist() == [1, 7, 900]
    assert arrays.member(a, b).tolist() == [False, True, True, False, False]
    assert arrays.intersect(a, arrays.EMPTY).tolist() == []


def test_a_table_of_several_segments_counts_like_one_table_of_all_rows():
    rows_a = [
        ("article", 10, ("湖北省",), ("甲医院", "乙医院"), (), 5),
        ("metric", 12, (), ("甲医院",), (), 5),
    ]
    rows_b = [
        ("initiative", 11, ("安徽省",), ("丙医院",), ("党的建设",), 8),
        ("article", 9, ("湖北省",), (), (), 8),
    ]
    combined = doctable.DocTable.combine(
        [(doctable.DocTable.from_rows(rows_a), 0), (doctable.DocTable.from_rows(rows_b), 2)]
    )
    whole = doctable.DocTable.from_rows(rows_a + rows_b)
    docs = np.arange(4)
    for name in ("type", "province", "hospital", "category"):
        assert combined.counts(name, docs) == whole.counts(name, docs), name
    assert combined.counts("type", docs) == {"article": 2, "initiative": 1, "metric": 1}
    assert list(combined.counts("hospital", docs)) == ["甲医院", "丙医院", "乙医院"]  # by count, then name
    assert combined.holding("province", "湖北省").tolist() == [True, False, False, True]
    assert combined.day.tolist() == [10, 12, 11, 9]
    assert combined.article.tolist() == whole.article.tolist() == [5, 5, 8, 8]


@pytest.mark.django_db
def test_answers_do_not_change_once_terms_are_kept(many_articles):
    with index.searcher() as s:
        queries = ["医院", "高质量发展", "质量 -医院", "满意度 OR 95.5%", '"医疗质量"', "第4"]
        cold = [query.execute(WhooshReader(s), syntax.parse(q), per_page=50) for q in queries]
        warm = [query.execute(WhooshReader(s), syntax.parse(q), per_page=50) for q in queries]
        assert postings.cache_bytes() > 0
        for q, first, second in zip(queries, cold, warm, strict=True):
            assert first.total == second.total and first.total > 0, q
            assert [h.url for h in first.hits] == [h.url for h in second.hits], q
            assert first.facets == second.facets, q
