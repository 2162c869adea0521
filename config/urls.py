from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_safe

from .sitemaps import SITEMAPS


@require_safe
def robots_txt(request):
    ctx = {"sitemap_url": request.build_absolute_uri("/sitemap.xml")}
    return render(request, "robots.txt", ctx, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("", include("hospitals.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path("robots.txt", robots_txt),
    path(
        "sitemap.xml",
        require_safe(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("admin/", admin.site.urls),
]
