from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
    path("api/search/", views.api, name="api"),
    path("api/suggest/", views.suggest, name="suggest"),
]
