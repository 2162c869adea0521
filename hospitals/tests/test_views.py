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
            set(metric), {"name", "value", "unit", "qualifier", "from_value", "year", "evidence", "article"}
        )
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
