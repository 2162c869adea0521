"""The sitemap in sections: /sitemap.xml is an index of /sitemap-<section>.xml, each paginated
(?p=2…) so that no response grows with the number of articles."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article
from hospitals.models import Hospital, Indicator

# Well under the protocol's 50,000: one page of a section stays a quick query and a small file.
URLS_PER_PAGE = 500


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "hospitals:home",
            "hospitals:list",
            "articles:list",
            "hospitals:initiatives",
            "hospitals:indicators",
        ]

    def location(self, item):
        return reverse(item)


class HospitalSitemap(Sitemap):
    limit = URLS_PER_PAGE

    def items(self):
        return Hospital.objects.order_by("pk").only("slug")


class IndicatorSitemap(Sitemap):
    def items(self):
        return Indicator.objects.order_by("pk").only("slug")


class ArticleSitemap(Sitemap):
    limit = URLS_PER_PAGE

    def items(self):
        return Article.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every article; the index needs only the newest.
        return Article.objects.aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "static": StaticSitemap,
    "hospitals": HospitalSitemap,
    "indicators": IndicatorSitemap,
    "articles": ArticleSitemap,
}
