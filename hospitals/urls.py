from django.urls import path

from . import views

app_name = "hospitals"

urlpatterns = [
    path("", views.home, name="home"),
    # Pages
    path("hospitals/", views.hospital_list, name="list"),
    path("hospitals/<slug:slug>/", views.hospital_detail, name="detail"),
    path("compare/", views.hospital_compare, name="compare"),
    path("metrics/", views.metric_compare, name="metrics"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    # JSON API
    path("api/hospitals/", views.api_list, name="api-list"),
    path("api/hospitals/<slug:slug>/", views.api_detail, name="api-detail"),
]
