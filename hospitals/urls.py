from django.urls import path

from . import api, views

app_name = "hospitals"

urlpatterns = [
    path("", views.home, name="home"),
    # Pages
    path("hospitals/", views.hospital_list, name="list"),
    path("hospitals/<slug:slug>/", views.hospital_detail, name="detail"),
    path("hospitals/<slug:slug>/articles/", views.hospital_articles, name="articles"),
    path("compare/", views.hospital_compare, name="compare"),
    path("metrics/", views.metric_compare, name="metrics"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator"),
    # JSON API
    path("api/hospitals/", api.api_list, name="api-list"),
    path("api/hospitals/<slug:slug>/", api.api_detail, name="api-detail"),
    path("api/indicators/", api.api_indicator_list, name="api-indicators"),
    path("api/indicators/<slug:slug>/", api.api_indicator_detail, name="api-indicator"),
]
