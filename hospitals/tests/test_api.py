"""The JSON API of docs/api.md: paginated lists, one entry per observation, indicators; query
counts that do not grow with the data."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from hospitals.models import Hospital, HospitalRedirect, Indicator, Initiative, Mention, Metric, Person
from hospitals.observations import current_linker, rebuild_observations

pytestmark = pytest.mark.django_db

VISIT_SENTENCE = "{year}年，{hospital}门急诊量达{value}万人次。"


def make_article(n, published=None):
    return Article.objects.create(
        slug=f"t-{n}",
        title=f"测试文章{n}",
        source_file=f"t{n}.txt",
        content_hash=str(n),
        published_on=published or date(2024, 1, 1) + timedelta(days=n),
        body="正文" * 50,
    )


def make_hospital(name, province="河北省"):
    return Hospital.objects.create(name=name, slug=f"h-{Hospital.objects.count() + 1}", province=province)


def report(hospital, article, name, value, unit, year=None, period=""):
    """A metric as the importer stores it: linked by the current synonyms."""
    Mention.objects.get_or_create(article=article, hospital=hospital, defaults={"role": "subject"})
    evidence = f"{hospital.name}{name}{value}{unit}"
    return Metric.objects.create(
        hospital=hospital,
        article=article,
        name=name,
        value=Decimal(value),
        unit=unit,
        year=year,
        period=period,
        evidence=evidence,
        indicator_id=current_linker().link(name, unit, evidence),
    )


def grow(hospital, start, n):
    """`n` more articles about `hospital`, each with new facts and one fact they all repeat."""
    for i in range(start, start + n):
        a = make_article(i)
        report(hospital, a, "门急诊量", "126.5", "万人次", year=2023)
        report(hospital, a, f"新增病种{i}", str(i), "个", year=2023)
        report(hospital, a, "门诊病人满意度", "96", "%", year=2000 + i % 20)
    rebuild_observations([hospital.pk])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured), response.json()


# Lists.


def test_hospital_list_paginates_with_count_page_pages_and_next(client):
    Hospital.objects.bulk_create(
        Hospital(name=f"测试医院{i:03d}", slug=f"ce-shi-{i:03d}", province="河北省") for i in range(130)
    )
    first = client.get("/api/hospitals/").json()
    assert (first["count"], first["page"], first["pages"]) == (130, 1, 2)
    assert len(first["results"]) == 100
    assert first["next"] == "/api/hospitals/?page=2"
    assert set(first["results"][0]) == {"slug", "name", "province", "city", "url", "api_url"}
    assert first["results"][0]["api_url"] == "/api/hospitals/ce-shi-000/"
    second = client.get(first["next"]).json()
    assert (len(second["results"]), second["page"], second["next"]) == (30, 2, None)


@pytest.mark.parametrize("page", ["0", "3", "x", "-1", "1.5", "99999999999999999999"])
def test_a_page_that_is_not_a_page_is_a_json_404(client, page):
    Hospital.objects.bulk_create(Hospital(name=f"测试医院{i}", slug=f"ce-shi-{i}") for i in range(130))
    for url in ("/api/hospitals/", "/api/articles/", "/api/indicators/"):
        response = client.get(url, {"page": page})
        assert response.status_code == 404, url
        assert set(response.json()) == {"error"}


def test_article_list_paginates_newest_first(client):
    for n in range(105):
        make_article(n)
    data = client.get("/api/articles/").json()
    assert (data["count"], data["pages"], len(data["results"])) == (105, 2, 100)
    assert data["results"][0]["slug"] == "t-104"
    assert set(data["results"][0]) == {"slug", "title", "published_on", "url", "api_url"}
    assert data["results"][0]["api_url"] == "/api/articles/t-104/"


def test_empty_lists_are_one_empty_page(client):
    data = client.get("/api/articles/").json()
    assert data == {"count": 0, "page": 1, "pages": 1, "next": None, "results": []}


# Hospital detail.


def test_hospital_detail_has_one_entry_per_observation_with_its_sources(client):
    hospital = make_hospital("衡水市第四人民医院")
    grow(hospital, 1, 12)
    data = client.get(f"/api/hospitals/{hospital.slug}/").json()
    visits = [m for m in data["metrics"] if m["indicator"] and m["indicator"]["name"] == "门急诊人次"]
    assert len(visits) == 1
    [entry] = visits
    assert entry["indicator"] == {
        "slug": Indicator.objects.get(name="门急诊人次").slug,
        "name": "门急诊人次",
        "domain": "规模",
    }
    assert (entry["value"], entry["unit"], entry["year"], entry["planned"]) == (
        1265000,
        "人次",
        "2023",
        False,
    )
    assert entry["source_count"] == 12
    assert [s["article"] for s in entry["sources"]] == [f"t-{i}" for i in range(12, 2, -1)]
    assert entry["article"] == "t-12" and entry["evidence"] == entry["sources"][0]["evidence"]
    unlinked = [m for m in data["metrics"] if m["indicator"] is None]
    assert unlinked and all(m["source_count"] == 1 for m in unlinked)
    satisfaction = [m for m in data["metrics"] if m["name"] == "门诊患者满意度"]
    # One a year: a series, not one fact.
    assert sorted(m["year"] for m in satisfaction) == [str(2000 + i) for i in range(1, 13)]


def test_hospital_detail_reports_targets_and_multi_year_totals(client):
    hospital = make_hospital("衡水市第四人民医院")
    a = make_article(1, published=date(2024, 3, 1))
    report(hospital, a, "门急诊量", "126.5", "万人次", period="近三年")
    target = report(hospital, a, "门急诊量", "150", "万人次", year=2025)
    target.planned = True
    target.save()
    rebuild_observations([hospital.pk])
    data = client.get(f"/api/hospitals/{hospital.slug}/").json()
    shown = sorted((m["year"], m["planned"], m["value"]) for m in data["metrics"])
    assert shown == [("2022-2024", False, 1265000), ("2025", True, 1500000)]


def test_hospital_detail_queries_do_not_grow_with_the_data(client):
    hospital = make_hospital("衡水市第四人民医院")
    neighbour = make_hospital("安阳县人民医院", province="河南省")
    grow(hospital, 1, 2)
    small, data = queries(client, f"/api/hospitals/{hospital.slug}/")
    grow(hospital, 3, 15)
    for n in range(3, 18):
        a = Article.objects.get(slug=f"t-{n}")
        Mention.objects.create(article=a, hospital=neighbour, role="mentioned")
        Person.objects.create(hospital=hospital, article=a, name=f"李{n}", titles=["副院长"])
        Initiative.objects.create(hospital=hospital, article=a, name=f"举措{n}", description="说明")
    large, data = queries(client, f"/api/hospitals/{hospital.slug}/")
    assert large == small
    assert len(data["articles"]) == 17 and data["related_hospitals"][0]["name"] == "安阳县人民医院"
    assert len(data["people"]) == 15 and len(data["initiatives"]) == 15


def test_a_former_address_redirects_and_an_unknown_one_is_a_json_404(client):
    hospital = make_hospital("衡水市第四人民医院")
    HospitalRedirect.point("old-slug", hospital)
    response = client.get("/api/hospitals/old-slug/")
    assert response.status_code == 301 and response["Location"] == f"/api/hospitals/{hospital.slug}/"
    missing = client.get("/api/hospitals/no-such/")
    assert missing.status_code == 404 and set(missing.json()) == {"error"}


# Indicators.


def test_indicator_list_counts_hospitals_reporting_each(client):
    for name in ("衡水市第四人民医院", "安阳县人民医院"):
        hospital = make_hospital(name)
        report(hospital, make_article(Article.objects.count() + 1), "门急诊量", "50", "万人次", year=2023)
        rebuild_observations([hospital.pk])
    data = client.get("/api/indicators/").json()
    assert data["count"] == Indicator.objects.count() and data["page"] == 1
    results = data["results"]
    if data["next"]:
        results += client.get(data["next"]).json()["results"]
    by_name = {i["name"]: i for i in results}
    visits = by_name["门急诊人次"]
    assert visits["hospitals"] == 2 and visits["unit"] == "人次" and visits["direction"] is None
    assert visits["domain"] == "规模"
    assert visits["api_url"] == f"/api/indicators/{visits['slug']}/"
    assert visits["url"] == f"/indicators/{visits['slug']}/"
    assert by_name["平均住院日"]["direction"] == "lower" and by_name["平均住院日"]["hospitals"] == 0


def test_indicator_detail_lists_each_hospitals_latest_value_folded(client):
    first = make_hospital("衡水市第四人民医院")
    second = make_hospital("安阳县人民医院", province="河南省")
    report(first, make_article(1, date(2023, 2, 1)), "门急诊量", "110.4", "万人次", year=2022)
    report(first, make_article(2, date(2024, 2, 1)), "年门急诊量", "126.5", "万人次", year=2023)
    later = report(first, make_article(3, date(2024, 5, 1)), "门急诊量", "150", "万人次", year=2025)
    later.planned = True
    later.save()
    report(second, make_article(4, date(2024, 3, 1)), "门急诊人次", "480000", "人次", year=2023)
    rebuild_observations([first.pk, second.pk])
    indicator = Indicator.objects.get(name="门急诊人次")
    data = client.get(f"/api/indicators/{indicator.slug}/").json()
    assert data["name"] == "门急诊人次" and data["unit"] == "人次" and "年门急诊量" in data["synonyms"]
    assert [
        (v["hospital"]["name"], v["value"], v["unit"], v["year"], v["article"]) for v in data["values"]
    ] == [
        ("衡水市第四人民医院", 1265000, "人次", "2023", "t-2"),
        ("安阳县人民医院", 480000, "人次", "2023", "t-4"),
    ]
    assert data["values"][0]["hospital"]["url"] == f"/hospitals/{first.slug}/"
    assert client.get("/api/indicators/no-such/").status_code == 404


def test_indicator_detail_ranks_lower_is_better_ascending(client):
    for name, days in (("衡水市第四人民医院", "7.9"), ("安阳县人民医院", "6.8")):
        hospital = make_hospital(name)
        report(hospital, make_article(Article.objects.count() + 1), "平均住院日", days, "天", year=2023)
        rebuild_observations([hospital.pk])
    slug = Indicator.objects.get(name="平均住院日").slug
    values = client.get(f"/api/indicators/{slug}/").json()["values"]
    assert [v["value"] for v in values] == [6.8, 7.9]


def test_indicator_pages_queries_do_not_grow_with_the_data(client):
    indicator = Indicator.objects.get(name="门急诊人次")

    def add_hospitals(start, n):
        for i in range(start, start + n):
            hospital = make_hospital(f"测试县第{i}人民医院")
            for year in (2021, 2022, 2023):
                report(
                    hospital,
                    make_article(i * 10 + year % 10),
                    "门急诊量",
                    str(40 + i + year % 10),
                    "万人次",
                    year=year,
                )
            rebuild_observations([hospital.pk])

    add_hospitals(1, 2)
    small_detail, _ = queries(client, f"/api/indicators/{indicator.slug}/")
    small_list, _ = queries(client, "/api/indicators/")
    small_hospitals, _ = queries(client, "/api/hospitals/")
    add_hospitals(3, 8)
    large_detail, data = queries(client, f"/api/indicators/{indicator.slug}/")
    assert len(data["values"]) == 10
    assert large_detail == small_detail
    assert queries(client, "/api/indicators/")[0] == small_list
    assert queries(client, "/api/hospitals/")[0] == small_hospitals


def test_article_detail_queries_do_not_grow_with_the_data(client):
    article = make_article(1)
    make_hospital("衡水市第四人民医院")
    Mention.objects.create(article=article, hospital=Hospital.objects.get(), role="subject")
    small, _ = queries(client, "/api/articles/t-1/")
    for i in range(5):
        Mention.objects.create(
            article=article, hospital=make_hospital(f"测试县第{i}人民医院"), role="mentioned"
        )
    large, data = queries(client, "/api/articles/t-1/")
    assert large == small and len(data["hospitals"]) == 6
