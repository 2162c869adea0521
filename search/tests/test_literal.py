"""Literal matching read straight from posting blocks agrees with Whoosh's own phrase queries."""

import random

import pytest

from search import analysis, arrays, query, syntax
from search.backends.whoosh import index, literal, reference
from search.backends.whoosh.reader import WhooshReader

from .conftest import make_article

pytestmark = pytest.mark.usefixtures("whoosh_backend")

BODIES = [
    "党建引领高质量发展，党建党建再党建。",
    "高质量的发展需要人才，发展高质量。",
    "ABAB 模式与 ABA 模式不同；医院医院医院。",
    "胸痛中心、卒中中心建设，中心医院。",
    "满意度调查：患者满意度提升到95.5%。",
]


def whoosh_docs(searcher, fieldname, text):
    return set(searcher.docs_for_query(reference.literal_query(fieldname, text)))


@pytest.mark.django_db
def test_literal_docs_finds_what_the_whoosh_phrase_query_finds(index_dir, db):
    for i, body in enumerate(BODIES * 3):
        make_article(f"标题{i}{body[:4]}", body, slug=f"lit-{i}")
    index.rebuild(progress=False)
    rng = random.Random(5)
    pieces = ["abab", "aba", "医院医院", "党建党建", "高质量发展", "中心", "心", "95.5%", "不存在的词"]
    for _ in range(200):
        body = analysis.compact(analysis.normalize(rng.choice(BODIES)))
        length = rng.randint(1, 6)
        start = rng.randrange(len(body) - length)
        pieces.append(body[start : start + length])
    with index.searcher() as s:
        for fieldname in ("bigrams", "title_bi"):
            for piece in pieces:
                assert set(literal.literal_docs(s, fieldname, piece).tolist()) == whoosh_docs(
                    s, fieldname, piece
                ), piece


@pytest.mark.django_db
def test_a_repeated_pair_must_recur_at_each_of_its_offsets(index_dir, db):
    make_article("一", "ab 与 ba 各一次")  # ab and ba occur, abab does not
    both = make_article("二", "写作 abab")
    index.rebuild(progress=False)
    with index.searcher() as s:
        found = literal.literal_docs(s, "bigrams", "abab")
        assert [s.stored_fields(d)["url"] for d in found] == [both.get_absolute_url()]


@pytest.mark.django_db
def test_deleted_documents_are_not_found(index_dir, db, django_capture_on_commit_callbacks):
    kept = make_article("保留", "医疗质量提升")
    gone = make_article("删除", "医疗质量改进")
    index.rebuild(progress=False)
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    with index.searcher() as s:
        found = literal.literal_docs(s, "bigrams", "医疗质量")
        assert {s.stored_fields(d)["url"] for d in found} == {kept.get_absolute_url()}


@pytest.mark.django_db
def test_scores_summed_from_posting_blocks_equal_whoosh_scores(index_dir, seed_articles):
    make_article("高质量发展党建引领", "党建引领高质量发展，医院医院。")
    index.rebuild(progress=False)
    with index.searcher() as s:
        for q in ("高质量发展", "党建 医院", "医院医院", "满意度 OR 胸痛中心", '"党委书记"', "医疗质量"):
            parsed = syntax.parse(q)
            docs = query._required_docs(WhooshReader(s), parsed).tolist()
            assert docs, q
            expected = reference.scores(s, reference.build_query(parsed, scoring=True), docs)
            found = query._literal_scores(WhooshReader(s), parsed, docs)
            assert set(found) == set(expected), q
            assert all(abs(found[d] - expected[d]) < 1e-9 for d in docs), q


def test_the_pairs_checked_fix_every_character_of_the_phrase_at_least_cost():
    assert arrays.cover([5]) == (0,)
    assert arrays.cover([5, 9]) == (0, 1)
    # Four pairs of 高质量发展: the second is the most common, so it is skipped.
    assert arrays.cover([3, 100, 4, 5]) == (0, 2, 3)
    for freqs in ([1] * 7, [9, 1, 9, 1, 9, 1]):
        chosen = arrays.cover(freqs)
        assert chosen[0] == 0 and chosen[-1] == len(freqs) - 1
        assert all(b - a <= 2 for a, b in zip(chosen, chosen[1:], strict=False))
