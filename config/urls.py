from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
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
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]
