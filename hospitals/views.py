from urllib.parse import quote

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article

from .charts import bar_chart
from .models import Hospital, HospitalRedirect, Initiative, Mention, Metric, Person


def _profile_queryset():
    return Hospital.objects.prefetch_related(
        "aliases",
        Prefetch("people", queryset=Person.objects.select_related("article")),
        Prefetch("metrics", queryset=Metric.objects.select_related("article").order_by("name", "id")),
        Prefetch(
            "initiatives", queryset=Initiative.objects.select_related("article").order_by("category", "name")
        ),
        Prefetch(
            "mentions", queryset=Mention.objects.select_related("article").order_by("-article__published_on")
        ),
    )


def _related_hospitals(hospital):
    """Hospitals that share an article with this one, with this hospital's role in mind."""
    article_ids = [m.article_id for m in hospital.mentions.all()]
    others = (
        Mention.objects.filter(article_id__in=article_ids)
        .exclude(hospital=hospital)
        .select_related("hospital")
        .order_by("hospital__name")
    )
    seen = {}
    for mention in others:
        seen.setdefault(mention.hospital_id, (mention.hospital, mention.role))
    return list(seen.values())


@require_safe
def home(request):
    ctx = {
        "counts": {
            "hospitals": Hospital.objects.count(),
            "articles": Article.objects.count(),
            "initiatives": Initiative.objects.count(),
            "metrics": Metric.objects.count(),
        },
        "provinces": Hospital.objects.exclude(province="")
        .values("province")
        .annotate(n=Count("id"))
        .order_by("-n", "province"),
        "latest_articles": Article.objects.latest_first()[:8],
    }
    return render(request, "hospitals/home.html", ctx)


SORTS = {"name": ("name",), "articles": ("-article_count", "name")}


@require_safe
def hospital_list(request):
    """Hospitals filtered by province, category and level; unknown filter values are ignored."""
    hospitals = Hospital.objects.annotate(article_count=Count("mentions", distinct=True))
    provinces = list(
        Hospital.objects.exclude(province="")
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )
    chosen = {
        "province": request.GET.get("province", "") if request.GET.get("province") in provinces else "",
        "category": request.GET.get("category", "")
        if request.GET.get("category") in Hospital.Category.values
        else "",
        "level": request.GET.get("level", "") if request.GET.get("level") in Hospital.Level.values else "",
    }
    for field, value in chosen.items():
        if value:
            hospitals = hospitals.filter(**{field: value})
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "articles"
    hospitals = list(hospitals.order_by(*SORTS[sort]))
    ctx = {
        "hospitals": hospitals,
        "count": len(hospitals),
        "chosen": chosen,
        "sort": sort,
        "provinces": provinces,
        "categories": Hospital.Category.choices,
        "levels": Hospital.Level.choices,
    }
    return render(request, "hospitals/list.html", ctx)


def _leaders(people):
    """One entry per person across articles, titles merged in the order first seen."""
    merged = {}
    for person in people:
        titles = merged.setdefault(person.name, [])
        titles.extend(t for t in person.titles if t not in titles)
    return list(merged.items())


def _group_initiatives(initiatives):
    groups = {}
    for initiative in initiatives:
        groups.setdefault(initiative.get_category_display(), []).append(initiative)
    return list(groups.items())


def _shared_metric_charts(hospital, metrics, limit=4):
    """Bar charts for metric names that other hospitals report too, in the same unit."""
    mine = {(m.name, m.unit): m for m in metrics if m.kind == Metric.Kind.LEVEL}
    if not mine:
        return []
    others = (
        Metric.objects.filter(name__in={name for name, _ in mine}, kind=Metric.Kind.LEVEL)
        .exclude(hospital=hospital)
        .select_related("hospital")
        .order_by("-value")
    )
    peers = {}
    for m in others:
        if (m.name, m.unit) in mine:
            peers.setdefault((m.name, m.unit), []).append(m)
    charts = []
    for key, group in list(peers.items())[:limit]:
        rows = [(m.hospital.name[:12], float(m.value), m.display_value()) for m in [mine[key], *group[:7]]]
        charts.append({"name": key[0], "svg": bar_chart(rows, width=480, label_width=170)})
    return charts


def _moved_to(slug):
    """The hospital a former profile address now belongs to (merged or renamed), or None."""
    moved = HospitalRedirect.objects.select_related("hospital").filter(old_slug=slug).first()
    return moved.hospital if moved else None


@require_safe
def hospital_detail(request, slug):
    hospital = _profile_queryset().filter(slug=slug).first()
    if hospital is None:
        moved = _moved_to(slug)
        if moved is None:
            raise Http404("没有这家医院")
        return redirect(moved, permanent=True)
    metrics = hospital.metrics.all()
    changes = [m for m in metrics if m.from_value is not None]
    change_charts = [
        {
            "metric": m,
            "svg": bar_chart(
                [
                    ("之前", float(m.from_value), f"{m.from_value.normalize():f}{m.unit}"),
                    ("之后", float(m.value), f"{m.value.normalize():f}{m.unit}"),
                ],
                width=360,
                label_width=60,
            ),
        }
        for m in changes
    ]
    ctx = {
        "hospital": hospital,
        "leaders": _leaders(hospital.people.all()),
        "initiative_groups": _group_initiatives(hospital.initiatives.all()),
        "shared_charts": _shared_metric_charts(hospital, metrics),
        # Changes first: they say the most about what a hospital achieved.
        "metrics": changes + [m for m in metrics if m.from_value is None],
        "change_charts": change_charts,
        "related": _related_hospitals(hospital),
    }
    return render(request, "hospitals/detail.html", ctx)


@require_safe
def metric_compare(request):
    """Every hospital's value of one metric, side by side; `name` picks names containing it."""
    name = request.GET.get("name", "").strip()[:50]
    names = (
        Metric.objects.values("name")
        .annotate(hospitals=Count("hospital", distinct=True), n=Count("id"))
        .order_by("-hospitals", "name")
    )
    rows = []
    charts = []
    if name:
        metrics = (
            Metric.objects.filter(name__icontains=name)
            .select_related("hospital", "article")
            .order_by("unit", "-value")
        )
        rows = list(metrics)
        by_unit = {}
        for m in rows:
            by_unit.setdefault(m.unit, []).append(m)
        for unit, group in by_unit.items():
            chart_rows = [
                (f"{m.hospital.name} · {m.name}"[:24], float(m.value), m.display_value()) for m in group
            ]
            charts.append({"unit": unit or "无单位", "svg": bar_chart(chart_rows)})
    ctx = {"name": name, "names": names[:60], "rows": rows, "charts": charts}
    return render(request, "hospitals/metrics.html", ctx)


@require_safe
def hospital_compare(request):
    """Two or three hospitals side by side: facts, shared metric names, initiative categories."""
    slugs = [s for s in request.GET.getlist("h") if s][:3]
    chosen = list(_profile_queryset().filter(slug__in=slugs))
    chosen.sort(key=lambda h: slugs.index(h.slug))
    metric_names = sorted({m.name for h in chosen for m in h.metrics.all()})
    table = [
        (metric, [next((m for m in h.metrics.all() if m.name == metric), None) for h in chosen])
        for metric in metric_names
    ]
    # Shared metrics first: those are the ones worth comparing.
    table.sort(key=lambda row: -sum(1 for m in row[1] if m))
    ctx = {
        "chosen": chosen,
        "table": table,
        "all_hospitals": Hospital.objects.order_by("name").only("slug", "name"),
    }
    return render(request, "hospitals/compare.html", ctx)


@require_safe
def initiative_list(request):
    """Initiatives grouped by category, each with the hospitals that run it."""
    initiatives = Initiative.objects.select_related("hospital").order_by("category", "name", "hospital__name")
    groups = {}
    for initiative in initiatives:
        entry = groups.setdefault(initiative.get_category_display(), {}).setdefault(initiative.name, [])
        if initiative.hospital not in entry:
            entry.append(initiative.hospital)
    ctx = {"groups": [(label, sorted(items.items())) for label, items in groups.items()]}
    return render(request, "hospitals/initiatives.html", ctx)


@require_safe
def indicator_detail(request, slug):
    """Until the indicator page exists: the metrics page for the indicator's name."""
    from .models import Indicator

    indicator = Indicator.objects.filter(slug=slug).only("name").first()
    if indicator is None:
        raise Http404("没有这个指标")
    return redirect(f"{reverse('hospitals:metrics')}?name={quote(indicator.name)}")
