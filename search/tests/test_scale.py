"""Behaviour kept while indexing and searching got cheaper: one-character queries without
per-character postings, partial scoring of very broad queries, the fast segment writer, and
a benchmark that never touches the real database."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import analysis, index, query
from search.query import search

from .conftest import make_article


def test_literal_fields_hold_pairs_and_only_the_last_character_alone():
    postings = analysis.char_postings("医院发展")
    assert dict(postings) == {"医院": [0], "院发": [1], "发展": [2], "展": [3]}
    assert dict(analysis.char_postings("医")) == {"医": [0]}
    assert dict(analysis.char_postings("")) == {}


@pytest.mark.django_db
def test_a_single_character_is_found_anywhere_in_the_text(index_dir, db):
    first = make_article("甲", "院在开头的文章")
    middle = make_article("乙", "这篇文章中间有院字")
    last = make_article("丙", "结尾是院")
    alone = make_article("丁", "院")
    make_article("戊", "没有那个字")
    index.rebuild(progress=False)
    page = search("院", per_page=50)
    found = {hit.url for hit in page.hits}
    assert found == {a.get_absolute_url() for a in (first, middle, last, alone)}
    assert page.total == 4


@pytest.mark.django_db
def test_a_query_matching_more_records_than_are_scored_still_counts_and_orders_them(
    index_dir, db, monkeypatch
):
    monkeypatch.setattr(query, "SCORE_ALL_LIMIT", 5)
    monkeypatch.setattr(query, "NEWEST_SCORED", 3)
    for day in range(1, 21):
        make_article(f"动态{day}", f"医院新闻第{day}期。", published_on=datetime.date(2023, 1, day))
    titled = make_article("医院新闻特刊", "一期特刊。", published_on=datetime.date(2020, 1, 1))
    index.rebuild(progress=False)
    page = search("医院新闻", per_page=5)
    assert page.total == 21
    assert page.facets["type"] == {"article": 21}
    # The title match is scored (and wins) although it is the oldest record.
    assert page.hits[0].url == titled.get_absolute_url()
    assert len(page.hits) == 5
    # Pages past the scored records carry on with the rest, newest first, none twice.
    seen = [h.url for p in range(1, 6) for h in search("医院新闻", per_page=5, page=p).hits]
    assert len(seen) == len(set(seen)) == 21
    by_date = search("医院新闻", per_page=5, sort="date")
    assert [h.title for h in by_date.hits][:2] == ["动态20", "动态19"]


@pytest.mark.django_db
def test_an_index_built_in_bulk_accepts_ordinary_updates(index_dir, db):
    article = make_article("原标题", "原来的正文内容")
    index.rebuild(progress=False)
    article.body = "改过的正文内容"
    article.save()
    index.sync_keys({f"article:{article.pk}"})
    assert search("改过").total == 1
    assert search("原来").total == 0


@pytest.mark.django_db
def test_the_benchmark_refuses_to_fill_anything_but_its_throwaway_folder(tmp_path):
    with pytest.raises(CommandError):
        call_command("bench_search", articles=1, in_throwaway=str(tmp_path))
