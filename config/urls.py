from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("hospitals.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
]
