from pathlib import Path

from django.test import TestCase

from articles.importer import import_paths
from articles.models import Article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class ArticlePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        report = import_paths([FIXTURES])
        assert report.ok, [r.message for r in report.results]
        cls.feature = Article.objects.get(source_file="003_69f4fe6adc6ee305.txt", part=0)

    def test_the_list_shows_every_article_thirty_a_page_newest_first(self):
        shown, url = [], "/articles/"
        while url:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            page = response.context["page"]
            self.assertLessEqual(len(page.object_list), 30)
            shown += [a.slug for a in page.object_list]
            url = f"/articles/?page={page.next_page_number()}" if page.has_next() else None
        self.assertEqual(shown, list(Article.objects.latest_first().values_list("slug", flat=True)))
        self.assertEqual(self.client.get("/articles/", {"page": len(shown) // 30 + 2}).status_code, 404)

    def test_the_article_page_shows_metadata_sections_and_captions(self):
        response = self.client.get(self.feature.get_absolute_url())
        self.assertContains(response, f"<h1>{self.feature.title}</h1>", html=True)
        self.assertContains(response, self.feature.publication)
        for author in self.feature.authors:
            self.assertContains(response, author)
        for section in self.feature.sections:
            if section["heading"]:
                self.assertContains(response, section["heading"])
        for caption in self.feature.captions:
            self.assertContains(response, caption)

    def test_an_evidence_span_is_marked(self):
        start = self.feature.body.index("。") + 1
        end = self.feature.body.index("。", start) + 1
        response = self.client.get(f"{self.feature.get_absolute_url()}?hl={start}-{end}")
        marked = self.feature.body[start:end].strip()
        self.assertContains(response, 'id="evidence"')
        self.assertIn(marked[-10:], response.content.decode())

    def test_a_bad_span_is_ignored(self):
        for value in ("abc", "-5-3", "10-5", "0-99999999", "1-"):
            response = self.client.get(f"{self.feature.get_absolute_url()}?hl={value}")
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, 'id="evidence"')

    def test_article_text_is_escaped(self):
        Article.objects.filter(pk=self.feature.pk).update(
            title="<script>alert(1)</script>",
            sections=[{"heading": "<b>x</b>", "paragraphs": ["<img src=x>"]}],
        )
        response = self.client.get(self.feature.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertNotContains(response, "<img src=x>")
        self.assertContains(response, "&lt;script&gt;")

    def test_the_api_lists_articles(self):
        data = self.client.get("/api/articles/").json()
        self.assertEqual(data["count"], Article.objects.count())
        first = data["results"][0]
        self.assertEqual(set(first), {"slug", "title", "published_on", "url", "api_url"})

    def test_the_api_detail_follows_the_contract(self):
        response = self.client.get(f"/api/articles/{self.feature.slug}/")
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn(self.feature.title, response.content.decode("utf-8"))  # not \\u-escaped
        data = response.json()
        self.assertEqual(data["publication"], "株洲日报")
        self.assertEqual(data["published_on"], "2023-06-29")
        self.assertEqual(data["source_file"], "003_69f4fe6adc6ee305.txt")
        self.assertTrue(data["sections"] and {"heading", "text"} == set(data["sections"][0]))
        roles = {h["role"] for h in data["hospitals"]}
        self.assertIn("subject", roles)

    def test_unknown_slugs_are_404_with_a_json_error(self):
        response = self.client.get("/api/articles/no-such-article/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("error", response.json())
        self.assertEqual(self.client.get("/articles/no-such-article/").status_code, 404)

    def test_public_pages_answer_get_and_head_only(self):
        for url in ("/articles/", self.feature.get_absolute_url(), "/api/articles/"):
            self.assertEqual(self.client.head(url).status_code, 200)
            self.assertEqual(self.client.post(url).status_code, 405)
