import json
from pathlib import Path

from django.test import TestCase

from articles.importer import import_paths
from hospitals.models import Hospital, Metric

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
        self.assertEqual(response.context["counts"]["hospitals"], Hospital.objects.count())

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
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        article = self.subject.mentions.first().article
        others = Hospital.objects.exclude(pk=self.subject.pk)[:2]
        pages = {
            "/": 8,
            "/hospitals/": 6,
            self.subject.get_absolute_url(): 12,
            article.get_absolute_url(): 4,
            "/metrics/?name=满意度": 4,
            "/initiatives/": 4,
            f"/compare/?h={self.subject.slug}&h={others[0].slug}&h={others[1].slug}": 12,
            "/api/hospitals/": 2,
            f"/api/hospitals/{self.subject.slug}/": 12,
        }
        for url, limit in pages.items():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200, url)
            self.assertLessEqual(len(queries), limit, f"{url}: {len(queries)} queries")

    def test_the_compare_pages_show_values_side_by_side(self):
        metric = self.subject.metrics.first()
        response = self.client.get("/metrics/", {"name": metric.name})
        self.assertContains(response, self.subject.name)
        self.assertContains(response, "<svg", count=None)
        other = Hospital.objects.exclude(pk=self.subject.pk).first()
        response = self.client.get("/compare/", {"h": [self.subject.slug, other.slug]})
        self.assertEqual([h.slug for h in response.context["chosen"]], [self.subject.slug, other.slug])
        self.assertContains(response, metric.name)

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
