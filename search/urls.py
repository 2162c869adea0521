from django.urls import path

from . import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
    # JSON API
    path("api/search/", api.search, name="api"),
    path("api/suggest/", api.suggest, name="suggest"),
]
