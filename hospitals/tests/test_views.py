import json
from pathlib import Path

import pytest
from django.test import TestCase

from articles.importer import import_paths
from hospitals.models import Hospital, Indicator, Mention, Metric
from hospitals.observations import link_metrics, rebuild_all

from .factories import make_article, make_hospital

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SPEC = json.loads((FIXTURES / "seed_expectations.json").read_text(encoding="utf-8"))


class HospitalPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        report = import_paths([FIXTURES])
        assert report.ok, [r.message for r in report.results]
        cls.subject = Hospital.objects.get(name=SPEC["articles"][0]["hospital"]["name"])

    def test_home_shows_counts_and_a_focused_search_box(self):
        response = self.client.get("/")
        self.assertContains(response, "autofocus")
        before = response.context["counts"]["hospitals"]
        Hospital.objects.create(name="计数测试甲医院", slug="count-a")
        Hospital.objects.create(name="计数测试乙医院", slug="count-b")
        response = self.client.get("/")
        self.assertEqual(response.context["counts"]["hospitals"], before + 2)
        self.assertContains(response, f"<strong>{before + 2}</strong> 家医院", html=True)

    def test_the_list_filters_by_province(self):
        response = self.client.get("/hospitals/", {"province": "江西省"})
        names = [h.name for h in response.context["hospitals"]]
        self.assertTrue(names)
        self.assertTrue(all(Hospital.objects.get(name=n).province == "江西省" for n in names))

    def test_the_profile_links_each_metric_to_its_evidence(self):
        response = self.client.get(self.subject.get_absolute_url())
        self.assertContains(response, self.subject.name)
        metric = self.subject.metrics.exclude(span_start=None).first()
        self.assertIsNotNone(metric)
        self.assertContains(response, f"?hl={metric.span_start}-{metric.span_end}#evidence")
        article_page = self.client.get(
            f"{metric.article.get_absolute_url()}?hl={metric.span_start}-{metric.span_end}"
        )
        self.assertContains(article_page, 'id="evidence"')

    def test_the_api_list_follows_the_contract(self):
        data = self.client.get("/api/hospitals/").json()
        self.assertEqual(data["count"], Hospital.objects.count())
        self.assertEqual(set(data["results"][0]), {"slug", "name", "province", "city", "url", "api_url"})

    def test_the_api_detail_follows_the_contract(self):
        data = self.client.get(f"/api/hospitals/{self.subject.slug}/").json()
        expected_keys = {
            "slug", "name", "aliases", "province", "city", "county", "category", "level", "founded_year",
            "url", "people", "metrics", "initiatives", "articles", "related_hospitals",
        }  # fmt: skip
        self.assertEqual(set(data), expected_keys)
        self.assertEqual(data["province"], "湖北省")
        metric = data["metrics"][0]
        self.assertEqual(
            set(metric),
            {
                "name", "value", "unit", "qualifier", "from_value", "year", "planned", "indicator",
                "evidence", "article", "source_count", "sources",
            },
        )  # fmt: skip
        self.assertTrue(all(isinstance(m["value"], int | float) for m in data["metrics"]))
        changed = [m for m in data["metrics"] if m["from_value"] is not None]
        self.assertTrue(changed and isinstance(changed[0]["from_value"], int | float))
        self.assertTrue(
            all(m["qualifier"] in (None, "余", "多", "近", "超", "约", "以上") for m in data["metrics"])
        )
        self.assertTrue(data["articles"] and data["people"])

    def test_values_are_json_numbers_not_strings(self):
        metric = Metric.objects.filter(value__lt=100).exclude(value=0).first()
        data = self.client.get(f"/api/hospitals/{metric.hospital.slug}/").json()
        values = [m["value"] for m in data["metrics"]]
        self.assertIn(float(metric.value), [float(v) for v in values])
        self.assertNotIn(str(metric.value), values)

    def test_unknown_hospital_is_404(self):
        response = self.client.get("/api/hospitals/nope/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(set(response.json()), {"error"})
        self.assertEqual(self.client.get("/hospitals/nope/").status_code, 404)

    def test_public_pages_refuse_writes(self):
        for url in ("/", "/hospitals/", self.subject.get_absolute_url(), "/api/hospitals/"):
            self.assertEqual(self.client.post(url).status_code, 405)

    def test_pages_run_a_bounded_number_of_queries(self):
        # Constant in the data: hospitals/tests/test_pages_bounded.py; here a ceiling on the seeds.
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        article = self.subject.mentions.first().article
        others = Hospital.objects.exclude(pk=self.subject.pk)[:2]
        pages = {
            "/": 8,
            "/hospitals/": 6,
            self.subject.get_absolute_url(): 14,
            article.get_absolute_url(): 4,
            "/indicators/": 3,
            "/initiatives/": 6,
            f"/compare/?h={self.subject.slug}&h={others[0].slug}&h={others[1].slug}": 8,
        }
        for url, limit in pages.items():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200, url)
            self.assertLessEqual(len(queries), limit, f"{url}: {len(queries)} queries")

    def test_the_compare_page_shows_values_side_by_side(self):
        obs = self.subject.observations.filter(indicator__isnull=False, planned=False, kind="level").first()
        self.assertIsNotNone(obs)
        other = Hospital.objects.exclude(pk=self.subject.pk).first()
        response = self.client.get("/compare/", {"h": [self.subject.slug, other.name]})
        self.assertEqual([h.slug for h in response.context["chosen"]], [self.subject.slug, other.slug])
        self.assertContains(response, obs.indicator.name)
        self.assertContains(response, obs.indicator.get_absolute_url())

    def test_the_initiatives_page_groups_by_category(self):
        response = self.client.get("/initiatives/")
        initiative = self.subject.initiatives.first()
        self.assertContains(response, initiative.get_category_display())
        self.assertContains(response, initiative.name)

    def test_a_leader_named_in_several_articles_is_listed_once(self):
        from hospitals.models import Person

        article = self.subject.mentions.first().article
        Person.objects.create(hospital=self.subject, article=article, name="测试人", titles=["院长"])
        Person.objects.create(
            hospital=self.subject, article=article, name="测试人", titles=["党委副书记", "院长"]
        )
        response = self.client.get(self.subject.get_absolute_url())
        self.assertEqual(dict(response.context["leaders"])["测试人"], ["院长", "党委副书记"])
        self.assertContains(response, "测试人", count=1)


# --- indicators on the profile and their own pages (data written for the tests) -------------


def _metric(hospital, article, name, value, unit, year, **extra):
    sentence = f"{year}年{name}{value}{unit}。"
    return Metric.objects.create(
        hospital=hospital,
        article=article,
        name=name,
        value=value,
        unit=unit,
        year=year,
        evidence=sentence,
        span_start=0,
        span_end=len(sentence),
        **extra,
    )


def _rebuild():
    # Import and admin saves do this on commit; tests run inside one transaction.
    link_metrics()
    rebuild_all()


@pytest.fixture
def reported(db):
    """Three hospitals stating visits (in 万人次 and 人次, in several wordings) and stay lengths."""
    east = make_hospital(name="东岭测试医院", slug="east", province="甲省", level="3a")
    west = make_hospital(name="西岭测试医院", slug="west", province="乙省", level="2a")
    north = make_hospital(name="北岭测试医院", slug="north", province="甲省", level="3a")
    first, second, third = make_article(), make_article(), make_article()
    _metric(east, first, "门诊量", 100, "万人次", 2021)
    _metric(east, second, "年门急诊量", 120, "万人次", 2022)
    _metric(east, third, "门急诊人次", 1200000, "人次", 2022)  # the same fact again
    _metric(east, third, "门急诊人次", 150, "万人次", 2025, planned=True)
    _metric(east, first, "测试专用杂项", 7, "个", 2022)
    _metric(east, first, "平均住院日", 8.5, "天", 2022)
    _metric(west, second, "门急诊人次", 1300000, "人次", 2022)
    _metric(west, second, "平均住院日", 7.2, "天", 2022)
    _metric(north, third, "门诊量", 90, "万人次", 2022)
    _metric(north, third, "平均住院日", 9.1, "天", 2022)
    _rebuild()
    return {"east": east, "west": west, "north": north}


def test_the_profile_shows_each_indicator_once_with_its_latest_value_change_trend_and_sources(
    client, reported
):
    response = client.get(reported["east"].get_absolute_url())
    rows = {row["indicator"].name: row for _, rows in response.context["domains"] for row in rows}
    visits = rows["门急诊人次"]
    assert visits["latest"].year == 2022 and visits["latest"].value == 1200000
    assert visits["latest"].source_count == 2
    assert visits["change"]["previous"].year == 2021 and round(visits["change"]["pct"]) == 20
    assert 'class="trend"' in str(visits["trend"])
    body = response.content.decode()
    assert "共 2 篇报道" in body and "?hl=0-" in body and "#evidence" in body
    # The plan is listed apart and never as the current value.
    assert [o.value for o in response.context["planned"]] == [1500000]
    assert "目标/计划" in body
    assert body.index("测试专用杂项") > body.index("门急诊人次")
    assert [o.name for o in response.context["other_facts"]] == ["测试专用杂项"]


def test_a_better_or_worse_change_follows_the_indicator_direction(client, reported):
    stay = reported["east"]
    _metric(stay, make_article(), "平均住院日", 9.0, "天", 2021)
    _rebuild()
    response = client.get(stay.get_absolute_url())
    rows = {row["indicator"].name: row for _, rows in response.context["domains"] for row in rows}
    assert rows["平均住院日"]["change"]["better"] is True  # 9.0 -> 8.5 days: shorter is better
    assert 'class="better"' in response.content.decode()


def test_the_indicator_page_ranks_hospitals_by_latest_value_in_one_unit(client, reported):
    visits = Indicator.objects.get(name="门急诊人次")
    response = client.get(visits.get_absolute_url())
    ranked = [(obs.hospital.slug, obs.value) for _, obs in response.context["rows"]]
    assert ranked == [("west", 1300000), ("east", 1200000), ("north", 900000)]
    assert "<svg" in response.content.decode()
    stay = client.get(Indicator.objects.get(name="平均住院日").get_absolute_url())
    assert [obs.hospital.slug for _, obs in stay.context["rows"]] == ["west", "east", "north"]


def test_the_indicator_page_filters_and_downloads_its_table(client, reported):
    url = Indicator.objects.get(name="门急诊人次").get_absolute_url()
    response = client.get(url, {"province": "甲省", "level": "3a"})
    assert [obs.hospital.slug for _, obs in response.context["rows"]] == ["east", "north"]
    response = client.get(url, {"year": "2021"})
    assert [(obs.hospital.slug, obs.year) for _, obs in response.context["rows"]] == [("east", 2021)]
    assert client.get(url, {"province": "无此省", "year": "abc"}).status_code == 200
    csv_response = client.get(url, {"format": "csv", "province": "甲省"})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("排名,医院")
    assert lines[1].startswith("1,东岭测试医院,甲省") and ",1200000,人次,2022," in lines[1]
    assert len(lines) == 3


def test_the_indicator_list_counts_hospitals_and_metrics_leads_there(client, reported):
    response = client.get("/indicators/")
    counts = {i.name: i.hospital_count for _, items in response.context["domains"] for i in items}
    assert counts["门急诊人次"] == 3 and counts["平均住院日"] == 3
    visits = Indicator.objects.get(name="门急诊人次")
    assert client.get("/metrics/", {"name": "门诊量"})["Location"] == visits.get_absolute_url()
    assert client.get("/metrics/")["Location"] == "/indicators/"
    assert client.get("/indicators/no-such-thing/").status_code == 404


def test_csv_cells_never_start_a_formula(client, reported):
    Hospital.objects.filter(slug="west").update(name="=HYPERLINK(1)")
    url = Indicator.objects.get(name="门急诊人次").get_absolute_url()
    body = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body and "\n1,=" not in body


def test_the_ranking_query_picks_what_latest_values_picks(reported):
    from hospitals.models import Observation
    from hospitals.observations import latest_values
    from hospitals.views import _ranked_latest

    _metric(reported["west"], make_article(), "门急诊人次", 1400000, "人次", None)  # undated: older
    _metric(reported["north"], make_article(), "门诊量", 95, "万人次", 2023)  # a newer year wins
    _rebuild()
    for name in ("门急诊人次", "平均住院日"):
        indicator = Indicator.objects.get(name=name)
        expected = [(o.hospital_id, o.value, o.year) for o in latest_values(indicator)]
        got = [(o.hospital_id, o.value, o.year) for o in _ranked_latest(indicator, Observation.objects.all())]
        assert got == expected and len(got) == 3


def test_the_indicator_table_links_each_value_to_its_evidence(client, reported):
    response = client.get(Indicator.objects.get(name="门急诊人次").get_absolute_url())
    body = response.content.decode()
    assert body.count("#evidence") == 3  # one source link per hospital
    assert "共 2 篇报道" in body  # the east hospital's value, stated twice


def test_compare_offers_hospitals_written_about_with_the_first_one(client, reported):
    article = make_article()
    for slug in ("east", "north"):
        Mention.objects.create(hospital=reported[slug], article=article, role="subject")
    response = client.get("/compare/", {"h": "east"})
    assert response.context["suggested"] == ["北岭测试医院"]
    assert '<option value="北岭测试医院">' in response.content.decode()
    assert client.get("/compare/").context["suggested"] == []
