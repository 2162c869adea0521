"""The hospitals and indicators part of the JSON API (docs/api.md). Every answer costs a fixed
number of queries whatever the data size; lists are paginated by articles.api."""

from django.db.models import Count, F, Max, Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.api import json_response, not_found, paginated_response

from .models import Hospital, HospitalRedirect, Indicator, Initiative, Mention, Observation, Person
from .observations import latest_values
from .serializers import hospital_detail, hospital_summary, indicator_detail, indicator_summary

SOURCES_PER_FACT = 10


def _moved(slug, route):
    """A permanent redirect when `slug` is a former address of a hospital (merged or renamed)."""
    moved = HospitalRedirect.objects.select_related("hospital").filter(old_slug=slug).first()
    if moved is None:
        return None
    return redirect(reverse(route, args=[moved.hospital.slug]), permanent=True)


def _detail_queryset():
    # Lists of facts name their article; the article's text stays unread.
    article_fields = ("article__slug", "article__title", "article__published_on")
    return Hospital.objects.prefetch_related(
        "aliases",
        Prefetch(
            "people",
            queryset=Person.objects.select_related("article")
            .only("hospital_id", "name", "titles", "article__slug")
            .order_by("id"),
        ),
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.select_related("article")
            .only("hospital_id", "name", "category", "description", "article__slug")
            .order_by("category", "name", "id"),
        ),
        Prefetch(
            "mentions",
            queryset=Mention.objects.select_related("article")
            .only("hospital_id", "article_id", *article_fields)
            .order_by(F("article__published_on").desc(nulls_last=True), "-article_id"),
        ),
    )


def _related(hospital):
    """Hospitals sharing an article with this one; relation 'subject' when any shared article is about them."""
    shared = Mention.objects.filter(hospital=hospital).values("article_id")
    return (
        Mention.objects.filter(article_id__in=shared)
        .exclude(hospital=hospital)
        .values("hospital__slug", "hospital__name")
        .annotate(relation=Max("role"))
        .order_by("hospital__name")
    )


@require_safe
def api_list(request):
    hospitals = Hospital.objects.only("slug", "name", "province", "city").order_by("name")
    return paginated_response(request, hospitals, hospital_summary)


@require_safe
def api_detail(request, slug):
    hospital = _detail_queryset().filter(slug=slug).first()
    if hospital is None:
        return _moved(slug, "hospitals:api-detail") or not_found(f"没有找到医院 {slug}")
    observations = (
        hospital.observations.select_related("indicator")
        .with_sources(SOURCES_PER_FACT)
        .order_by("name", F("year").desc(nulls_last=True), "id")
    )
    return json_response(hospital_detail(hospital, observations, _related(hospital)))


@require_safe
def api_indicator_list(request):
    reported = Q(observations__planned=False, observations__kind="level")
    indicators = Indicator.objects.annotate(
        hospital_count=Count("observations__hospital", filter=reported, distinct=True)
    ).order_by("domain", "position", "name")
    return paginated_response(request, indicators, indicator_summary)


@require_safe
def api_indicator_detail(request, slug):
    indicator = Indicator.objects.prefetch_related("synonyms").filter(slug=slug).first()
    if indicator is None:
        return not_found(f"没有找到指标 {slug}")
    values = latest_values(indicator, Observation.objects.with_sources(1))
    return json_response(indicator_detail(indicator, values))
