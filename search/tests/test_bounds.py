"""Every query costs a bounded amount of work, however much it matches: asserted by what is
counted (records scored, terms kept, pages), never by time."""

import datetime
import hashlib
import random

import numpy as np
import pytest
from django.test import override_settings

from articles.models import Article
from hospitals.models import Hospital
from search import index, query, syntax
from search.backends.whoosh import index as whoosh_index
from search.backends.whoosh import literal, postings
from search.query import search

from .conftest import make_article

# Common characters the articles below are written from: any one of them, or any OR of
# them, matches most of the corpus.
CHARACTERS = "医院科室病人护士诊疗服务中心建设发展质量管理技术水平患者健康"


def _bulk_articles(count, seed=3):
    rng = random.Random(seed)
    start = datetime.date(2020, 1, 1)
    articles = []
    for i in range(count):
        body = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(40, 80)))
        body += "。医院新闻。"
        articles.append(
            Article(
                slug=f"bound-{i}",
                title=f"第{i}期简报",
                body=body,
                source_file=f"bound-{i}.txt",
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
                published_on=start + datetime.timedelta(days=i % 900),
            )
        )
    Article.objects.bulk_create(articles)


@pytest.fixture
def broad_corpus(index_dir, db):
    """More matching records than one query may score (the problem showed at a few hundred)."""
    _bulk_articles(query.max_scored() + 300)
    index.rebuild(progress=False)


HOSTILE = [
    ("医", {}),
    ("医 院", {}),
    (" OR ".join(CHARACTERS[:12]), {}),
    ("医", {"sort": "date", "page": 999999}),
    ("医 院", {"page": 999999}),
    (" ".join(CHARACTERS[i : i + 3] for i in range(0, 36, 3)), {}),
    ("医" * 300, {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("q", "options"), HOSTILE)
def test_hostile_queries_score_a_bounded_number_of_records(broad_corpus, q, options):
    page = search(q, per_page=20, **options)
    assert page.scored <= query.max_scored()
    assert page.pages <= query.MAX_PAGE and page.page <= max(1, page.pages)
    if page.total > query.max_scored():
        # Scoring every match is what took tens of seconds: the bound holds below the matches.
        assert page.scored < page.total


@pytest.mark.django_db
def test_broad_queries_still_count_every_match_and_fill_their_pages(broad_corpus):
    total = query.max_scored() + 300
    page = search("医 院")
    assert page.total == total
    assert page.scored <= query.max_scored() < total
    assert len(page.hits) == 20
    by_date = search("医", sort="date", page=3)
    # Sorting by date scores the page shown, nothing else.
    assert by_date.scored == len(by_date.hits) == 20
    days = [h.date for h in by_date.hits]
    assert days == sorted(days, reverse=True)


@pytest.mark.django_db
def test_a_far_page_is_capped_not_an_error(broad_corpus):
    page = search("医院", per_page=10, page=10**9)
    assert page.pages == query.MAX_PAGE
    assert page.page == query.MAX_PAGE
    assert len(page.hits) == 10
    assert not page.has_next


def test_queries_keep_a_bounded_number_of_terms_and_alternatives():
    many_or = syntax.parse(" OR ".join("医院科室病人护士诊疗服务"))
    assert [len(group) for group in many_or.groups] == [syntax.MAX_ALTERNATIVES]
    many = syntax.parse(" ".join(f"词{i}" for i in range(40)))
    assert len(many.positive_terms) == syntax.MAX_TERMS
    mixed = syntax.parse("甲 OR 乙 OR 丙 OR 丁 OR 戊 己 -庚")
    # The dropped fifth alternative does not use up a term: 己 and -庚 are kept.
    assert [[t.compact for t in g] for g in mixed.groups] == [["甲", "乙", "丙", "丁"], ["己"]]
    assert [t.compact for t in mixed.excluded] == ["庚"]


@pytest.mark.django_db
def test_a_single_character_is_scored_as_one_term_on_arrays(index_dir, db):
    many = make_article("甲", "院院院，院里的事")
    once = make_article("乙", "这里有一个院字和别的字")
    whoosh_index.rebuild(progress=False)
    with whoosh_index.searcher() as s:
        # The character's postings are its occurrences, merged from every pair it begins.
        counts = {}
        for sub, offset in s.leaf_searchers():
            ids, weights = postings.char_postings(sub.reader(), "bigrams", "院")
            for doc, weight in zip(ids.tolist(), weights.tolist(), strict=True):
                counts[s.stored_fields(doc + offset)["url"]] = weight
        assert counts == {many.get_absolute_url(): 4.0, once.get_absolute_url(): 1.0}
        docs = literal.literal_docs(s, "bigrams", "院")
        scores, held = literal.char_scores(s, "bigrams", "院", docs)
        assert held.all()
        by_url = {s.stored_fields(int(d))["url"]: score for d, score in zip(docs, scores, strict=True)}
        # Occurrences count like a term's frequency.
        assert by_url[many.get_absolute_url()] > by_url[once.get_absolute_url()]
        none, held = literal.char_scores(s, "bigrams", "鑫", docs)
        assert not held.any() and not none.any()
    with override_settings(SEARCH_BACKEND="whoosh"):
        found = search("院").hits
    assert [h.url for h in found] == [many.get_absolute_url(), once.get_absolute_url()]


@pytest.mark.django_db
def test_unscored_members_of_a_tier_still_rank_above_lower_tiers(index_dir, db, monkeypatch):
    monkeypatch.setattr(query, "SCORE_ALL_LIMIT", 4)
    monkeypatch.setattr(query, "SCORED_PER_TIER", 2)
    monkeypatch.setattr(query, "NEWEST_SCORED", 1)
    hospitals = [
        Hospital.objects.create(name=f"东岭第{n}康复医院", slug=f"dongling-{i}")
        for i, n in enumerate("一二三四五六")
    ]
    for day in range(1, 9):
        make_article(f"动态{day}", f"康复医院的消息{day}", published_on=datetime.date(2023, 1, day))
    index.rebuild(progress=False)
    page = search("康复医院", per_page=20)
    assert page.total == 14
    assert page.scored < page.total
    kinds = [h.kind for h in page.hits]
    # Every hospital (their names hold the query) comes before every article.
    assert kinds == ["hospital"] * len(hospitals) + ["article"] * 8
    assert len({h.url for h in page.hits}) == 14


def test_top_picks_the_best_keys_best_first_ties_by_docnum():
    docs = np.array([1, 2, 3, 4, 5], dtype=np.int64)
    key = np.array([5.0, 9.0, 5.0, 1.0, 9.0])
    assert query._top(docs, key, 3).tolist() == [2, 5, 1]
    assert query._top(docs, key, 0).tolist() == []
    assert query._top(docs, key, 10).tolist() == [2, 5, 1, 3, 4]
