from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from hospitals.models import Hospital


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "hospitals:home",
            "hospitals:list",
            "articles:list",
            "hospitals:initiatives",
            "hospitals:metrics",
        ]

    def location(self, item):
        return reverse(item)


class HospitalSitemap(Sitemap):
    def items(self):
        return Hospital.objects.order_by("name")


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.order_by("id")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"static": StaticSitemap, "hospitals": HospitalSitemap, "articles": ArticleSitemap}
