"""Every list is bounded and every page runs the same number of queries whatever the data size.

The data is built by small factories (no seed files): `grow()` adds articles, hospitals and facts,
most of them on one busy hospital, so a page whose query count depends on the data shows it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from hospitals.models import Hospital, Indicator, Initiative, Mention, Metric, Person
from hospitals.observations import link_metrics, rebuild_all

from .factories import make_article, make_hospital, serial


def add_facts(hospital, article, n):
    Mention.objects.get_or_create(hospital=hospital, article=article, defaults={"role": "subject"})
    Person.objects.create(hospital=hospital, article=article, name=f"王{n % 7}", titles=["院长"])
    Initiative.objects.create(
        hospital=hospital, article=article, name=f"便民举措{n}", category="service", evidence="句子。"
    )
    Initiative.objects.create(
        hospital=hospital, article=article, name=f"党建举措{n % 5}", category="party", evidence="句子。"
    )
    for name, value, unit in (
        ("门诊量", 1000 + n, "人次"),
        ("床位", 300 + n % 4, "张"),
        (f"杂项{n}", n, "个"),
    ):
        Metric.objects.create(
            hospital=hospital,
            article=article,
            name=name,
            value=value,
            unit=unit,
            year=2020 + n % 4,
            evidence=f"{name}达{value}{unit}。",
            span_start=0,
            span_end=5,
        )


@pytest.fixture
def site(db):
    """A small site that `grow(k)` makes bigger: k more articles, hospitals and facts."""

    class Site:
        busy = make_hospital(name="测试繁忙医院", slug="busy")
        others = [make_hospital(), make_hospital()]

        def grow(self, k):
            for i in range(k):
                n = next(serial)
                article = make_article()
                add_facts(self.busy, article, n)
                other = make_hospital()
                self.others.append(other)
                add_facts(other, article, n)
                Mention.objects.update_or_create(
                    hospital=self.others[i % 2], article=article, defaults={"role": "mentioned"}
                )
            # Import and admin saves do this on commit; tests run inside one transaction.
            link_metrics()
            rebuild_all()
            return self

    return Site().grow(3)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def _urls(site):
    article = Article.objects.filter(mentions__hospital=site.busy).order_by("pk").first()
    compare = "&".join(f"h={h.slug}" for h in [site.busy, *site.others[:2]])
    indicator = Indicator.objects.get(name="门急诊人次").get_absolute_url()
    return [
        "/",
        "/hospitals/",
        "/hospitals/?sort=name",
        site.busy.get_absolute_url(),
        f"/hospitals/{site.busy.slug}/articles/",
        article.get_absolute_url(),
        "/articles/",
        "/initiatives/",
        "/initiatives/?category=service",
        f"/initiatives/?hospital={site.busy.slug}",
        f"/compare/?{compare}",
        "/indicators/",
        indicator,
        f"{indicator}?format=csv",
        f"{indicator}?province=测试省&year=2021",
        "/sitemap.xml",
        "/sitemap-hospitals.xml",
        "/sitemap-indicators.xml",
        "/sitemap-articles.xml",
        "/sitemap-static.xml",
    ]


def test_pages_run_as_many_queries_at_two_data_sizes(client, site):
    small = {url: _count(client, url) for url in _urls(site)}
    site.grow(60)
    large = {url: _count(client, url) for url in _urls(site)}
    assert large == small


def test_lists_show_one_page_and_link_the_next(client, site):
    site.grow(60)
    response = client.get("/hospitals/")
    assert len(response.context["hospitals"]) == 50
    assert response.context["count"] == Hospital.objects.count()
    assert 'rel="next"' in response.content.decode()
    last = client.get("/hospitals/", {"page": response.context["page"].paginator.num_pages})
    assert len(last.context["hospitals"]) == Hospital.objects.count() - 50

    response = client.get("/initiatives/")
    names = Initiative.objects.values("category", "name").distinct().count()
    assert response.context["count"] == names
    assert len(response.context["rows"]) == 50


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999", "9" * 5000])
def test_a_page_that_is_not_a_page_is_404_never_500(client, site, page):
    for url in ("/hospitals/", "/articles/", "/initiatives/", f"/hospitals/{site.busy.slug}/articles/"):
        assert client.get(url, {"page": page}).status_code == 404, (url, page)
    assert client.get("/sitemap-articles.xml", {"p": page}).status_code == 404


def test_initiatives_filter_by_category_and_hospital(client, site):
    response = client.get("/initiatives/", {"category": "party"})
    assert {row["category"] for row in response.context["rows"]} == {"party"}
    body = response.content.decode()
    assert "党建举措" in body and "便民举措" not in body
    lonely = make_hospital(name="只有一项举措的医院", slug="lonely")
    Initiative.objects.create(
        hospital=lonely, article=make_article(), name="独有举措", category="other", evidence="句子。"
    )
    response = client.get("/initiatives/", {"hospital": "lonely"})
    assert [row["name"] for row in response.context["rows"]] == ["独有举措"]
    # Unknown values are ignored, not errors.
    assert client.get("/initiatives/", {"category": "nope", "hospital": "nope"}).status_code == 200


def test_an_initiative_run_by_many_hospitals_names_ten_and_counts_the_rest(client, site):
    article = make_article()
    for _ in range(12):
        hospital = make_hospital()
        for _ in range(2):  # reported twice: still one hospital
            Initiative.objects.create(
                hospital=hospital, article=article, name="共同举措", category="party", evidence="句子。"
            )
    response = client.get("/initiatives/", {"category": "party"})
    row = next(r for r in response.context["rows"] if r["name"] == "共同举措")
    assert len(row["hospitals"]) == 10 and row["hospital_count"] == 12
    assert len({h["slug"] for h in row["hospitals"]}) == 10
    assert "等 12 家" in response.content.decode()


def test_the_profile_shows_at_most_fifty_articles_and_initiatives(client, site):
    site.grow(60)
    response = client.get(site.busy.get_absolute_url())
    body = response.content.decode()
    assert len(response.context["mentions"]) == 50
    assert response.context["article_count"] == site.busy.mentions.count()
    assert f"/hospitals/{site.busy.slug}/articles/" in body
    assert len(response.context["initiatives"]) == 50
    assert f"/initiatives/?hospital={site.busy.slug}" in body
    everything = client.get(f"/hospitals/{site.busy.slug}/articles/", {"page": 2})
    assert everything.status_code == 200 and len(everything.context["page"].object_list) > 0


def test_lists_of_facts_never_read_article_bodies(client, site):
    for url in _urls(site):
        if url.startswith("/articles/article-"):
            continue  # the article page itself shows its body
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        for query in queries:
            assert '"articles_article"."body"' not in query["sql"], (url, query["sql"])
            assert '"articles_article"."raw_text"' not in query["sql"], (url, query["sql"])


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999", "9" * 5000])
def test_search_pages_clamp_any_page_number(client, site, page, settings, tmp_path):
    from search import index

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    index.rebuild(progress=False)
    try:
        response = client.get("/search/", {"q": "测试报道", "page": page})
        assert response.status_code == 200
        result = response.context["result"]
        assert result.total > 0 and 1 <= result.page <= result.pages
    finally:
        index.close_searchers()
        index.invalidate_dictionary()
