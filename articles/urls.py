from django.urls import path

from . import api, views

app_name = "articles"

urlpatterns = [
    # Pages
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    # JSON API
    path("api/articles/", api.api_list, name="api-list"),
    path("api/articles/<slug:slug>/", api.api_detail, name="api-detail"),
]
