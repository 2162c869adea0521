import csv

from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.paging import page_or_404

from .charts import bar_chart, trend_chart
from .models import Hospital, HospitalRedirect, Indicator, Initiative, Mention, Metric, Observation
from .observations import series

HOSPITALS_PER_PAGE = 50
INITIATIVES_PER_PAGE = 50
HOSPITALS_PER_INITIATIVE = 10
# The profile shows this many initiatives and articles; the rest are one link away.
PROFILE_LIST_LIMIT = 50
SOURCES_PER_FACT = 5
SORTS = {"name": ("name",), "articles": ("-article_count", "name")}
COMPARE_ROWS = 100
INDICATOR_ROWS_PER_PAGE = 50
INDICATOR_CHART_BARS = 20
COMPARE_SUGGESTIONS = 50


def _slug_url(name):
    """slug -> the URL of route `name` for that slug, from a single reverse(): a page that links
    hundreds of hospitals or articles would otherwise spend a third of its time in reverse()."""
    pattern = reverse(name, args=["__slug__"])
    return lambda slug: pattern.replace("__slug__", slug, 1)


def _attach_sources(observations, limit):
    """Give each observation `source_list`: up to `limit` of its metrics, newest article first, each
    with `href`, the address of its evidence sentence. One query (and its prefetch) for them all."""
    article_url = _slug_url("articles:detail")
    found = Observation.objects.filter(pk__in=[o.pk for o in observations]).with_sources(limit)
    sources = {o.pk: o.source_list for o in found}
    for obs in observations:
        obs.source_list = sources.get(obs.pk, [])
        for m in obs.source_list:
            m.href = article_url(m.article.slug)
            if m.span_start is not None:
                m.href += f"?hl={m.span_start}-{m.span_end}#evidence"


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
        "latest_articles": Article.objects.latest_first().only("slug", "title", "published_on")[:8],
    }
    return render(request, "hospitals/home.html", ctx)


@require_safe
def hospital_list(request):
    """Hospitals filtered by province, category and level, 50 a page; unknown filter values are ignored."""
    # A correlated count per hospital walks the mention index; a JOIN + GROUP BY over every
    # mention is three times slower at 20,000 hospitals. One mention per article and hospital.
    articles = Mention.objects.filter(hospital=OuterRef("pk")).order_by().values("hospital")
    hospitals = Hospital.objects.annotate(
        article_count=Coalesce(Subquery(articles.annotate(n=Count("*")).values("n")), 0)
    )
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
    # Counted without the per-hospital article counts, which only the page's rows need.
    count = Hospital.objects.filter(**{f: v for f, v in chosen.items() if v}).count()
    page = page_or_404(request, hospitals.order_by(*SORTS[sort]), HOSPITALS_PER_PAGE, count=count)
    ctx = {
        "page": page,
        "hospitals": page.object_list,
        "count": page.paginator.count,
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


def _moved_to(slug):
    """The hospital a former profile address now belongs to (merged or renamed), or None."""
    moved = HospitalRedirect.objects.select_related("hospital").filter(old_slug=slug).first()
    return moved.hospital if moved else None


def _profile_initiatives(hospital):
    """The first initiatives of a hospital, one per (category, name) however many articles
    report it, with the number of such names."""
    names = hospital.initiatives.values("category", "name")
    first_ids = names.annotate(first=Min("id")).order_by("category", "name").values_list("first", flat=True)
    initiatives = list(
        Initiative.objects.filter(id__in=list(first_ids[:PROFILE_LIST_LIMIT]))
        .select_related("article")
        .only("name", "category", "description", "span_start", "span_end", "article__slug")
        .order_by("category", "name")
    )
    return initiatives, names.distinct().count()


def _related(hospital, limit=20):
    """Hospitals that share articles with this one, those sharing the most first."""
    return (
        Hospital.objects.filter(mentions__article__mentions__hospital=hospital)
        .exclude(pk=hospital.pk)
        .annotate(shared=Count("mentions__article", distinct=True))
        .order_by("-shared", "name")
        .only("slug", "name")[:limit]
    )


def _change(latest, previous, direction):
    """How `latest` moved from `previous` (observations of one indicator): delta, percent and
    whether that is better, worse or neither by the indicator's direction."""
    delta = latest.value - previous.value
    pct = float(delta / previous.value * 100) if previous.value else None
    better = None
    if delta and direction:
        better = (delta > 0) == (direction == Indicator.Direction.HIGHER)
    return {"previous": previous, "delta": delta, "pct": pct, "better": better}


def _latest(observations):
    """The value that stands now: latest year (yearly values before multi-year totals), then newest source."""
    return min(
        observations,
        key=lambda o: (
            o.years != 1,
            -(o.year or 0),
            -(o.latest_published_on.toordinal() if o.latest_published_on else 0),
            -o.pk,
        ),
    )


def _profile_facts(hospital):
    """The hospital's observations as the profile shows them:

    - `domains`: [(domain label, [row])], one row per indicator with its latest current value,
      the change from the year before, a trend line over the years and its sources;
    - `other`: unlinked facts and increments, most reported first (at most PROFILE_LIST_LIMIT);
    - `planned`: targets and projections, never shown as current values.
    """
    observations = list(hospital.observations.select_related("indicator").order_by("name", "year", "id"))
    by_indicator, other, planned = {}, [], []
    for obs in observations:
        if obs.planned:
            planned.append(obs)
        elif obs.indicator is None or obs.kind != "level":
            other.append(obs)
        else:
            by_indicator.setdefault(obs.indicator, []).append(obs)
    yearly = series(observations)
    rows = []
    for indicator, group in by_indicator.items():
        latest = _latest(group)
        points = yearly.get(indicator.pk, [])
        row = {"indicator": indicator, "latest": latest, "trend": "", "change": None, "years": len(points)}
        if len(points) >= 2:
            row["trend"] = trend_chart([(o.year, float(o.value)) for o in points])
            if latest.year == points[-1].year and latest.years == 1:
                row["change"] = _change(points[-1], points[-2], indicator.direction)
        rows.append(row)
    order = {value: i for i, value in enumerate(Indicator.Domain.values)}
    rows.sort(
        key=lambda r: (order.get(r["indicator"].domain, 99), r["indicator"].position, r["indicator"].name)
    )
    other.sort(key=lambda o: (-o.source_count, o.name, -(o.year or 0)))
    other_count = len(other)
    other = other[:PROFILE_LIST_LIMIT]
    planned.sort(key=lambda o: (o.name, o.year or 0))
    planned = planned[:PROFILE_LIST_LIMIT]
    # Sources of the shown facts only, a few each, in one query.
    shown = [r["latest"] for r in rows] + other + planned
    _attach_sources(shown, SOURCES_PER_FACT)
    domains = {}
    for row in rows:
        domains.setdefault(row["indicator"].get_domain_display(), []).append(row)
    return {
        "domains": list(domains.items()),
        "other_facts": other,
        "other_count": other_count,
        "planned": planned,
    }


@require_safe
def hospital_detail(request, slug):
    hospital = Hospital.objects.prefetch_related("aliases").filter(slug=slug).first()
    if hospital is None:
        moved = _moved_to(slug)
        if moved is None:
            raise Http404("没有这家医院")
        return redirect(moved, permanent=True)
    initiatives, initiative_count = _profile_initiatives(hospital)
    mentions = (
        hospital.mentions.select_related("article")
        .only("role", "hospital", "article__slug", "article__title", "article__published_on")
        .order_by(F("article__published_on").desc(nulls_last=True), "-article_id")
    )
    ctx = {
        "hospital": hospital,
        # Names repeat across articles; a few hundred rows name every leader there is.
        "leaders": _leaders(hospital.people.only("hospital", "name", "titles").order_by("id")[:500]),
        **_profile_facts(hospital),
        "initiatives": initiatives,
        "initiative_groups": _group_initiatives(initiatives),
        "initiative_count": initiative_count,
        "mentions": mentions[:PROFILE_LIST_LIMIT],
        "article_count": hospital.mentions.count(),
        "related": _related(hospital),
    }
    return render(request, "hospitals/detail.html", ctx)


@require_safe
def hospital_articles(request, slug):
    """Every article about or mentioning one hospital, newest first, 30 a page."""
    hospital = Hospital.objects.only("slug", "name").filter(slug=slug).first()
    if hospital is None:
        raise Http404("没有这家医院")
    mentions = (
        hospital.mentions.select_related("article")
        .only(
            "role",
            "hospital",
            "article__slug",
            "article__title",
            "article__published_on",
            "article__publication",
        )
        .order_by(F("article__published_on").desc(nulls_last=True), "-article_id")
    )
    page = page_or_404(request, mentions, 30)
    ctx = {"hospital": hospital, "page": page, "count": page.paginator.count}
    return render(request, "hospitals/articles.html", ctx)


@require_safe
def metric_compare(request):
    """The former substring comparison: a name that is an indicator (or one of its synonyms)
    goes to that indicator's page, anything else to the list of indicators."""
    name = request.GET.get("name", "").strip()[:100]
    indicator = None
    if name:
        indicator = (
            Indicator.objects.filter(Q(name=name) | Q(synonyms__name=name)).only("slug").distinct().first()
        )
    return redirect(indicator or reverse("hospitals:indicators"), permanent=True)


def _chosen_hospitals(values, limit=3):
    """Hospitals named by slug or by full name, in the order given; unknown values are dropped."""
    values = [v.strip()[:100] for v in values if v.strip()][:limit]
    found = Hospital.objects.filter(Q(slug__in=values) | Q(name__in=values))
    by_key = {}
    for h in found:
        by_key[h.slug] = by_key[h.name] = h
    chosen = []
    for value in values:
        h = by_key.get(value)
        if h is not None and h not in chosen:
            chosen.append(h)
    return chosen


@require_safe
def hospital_compare(request):
    """Two or three hospitals side by side: their facts, then each indicator's latest value
    (shared indicators first), then facts of the same name that no indicator covers."""
    chosen = _chosen_hospitals(request.GET.getlist("h"))
    groups = {}
    for obs in Observation.objects.filter(hospital__in=chosen).current().select_related("indicator"):
        key = ("i", obs.indicator_id) if obs.indicator_id else ("n", obs.name)
        groups.setdefault(key, {}).setdefault(obs.hospital_id, []).append(obs)
    order = {value: i for i, value in enumerate(Indicator.Domain.values)}
    rows = []
    for key, by_hospital in groups.items():
        cells = [_latest(by_hospital[h.pk]) if h.pk in by_hospital else None for h in chosen]
        first = next(c for c in cells if c)
        if key[0] == "n" and len(by_hospital) < min(2, len(chosen)):
            continue  # an unlinked fact only one hospital states compares with nothing
        indicator = first.indicator
        rank = (order.get(indicator.domain, 99), indicator.position) if indicator else (100, 0)
        rows.append(((-len(by_hospital), key[0], *rank, first.name), indicator, first.name, cells))
    rows.sort(key=lambda row: row[0])
    rows = rows[:COMPARE_ROWS]
    shown = [c for _, _, _, cells in rows for c in cells if c]
    _attach_sources(shown, 1)
    ctx = {
        "chosen": chosen,
        "table": [(indicator, name, cells) for _, indicator, name, cells in rows],
        "slots": [chosen[i].name if i < len(chosen) else "" for i in range(3)],
        # Type-ahead: hospitals written about together with the first one chosen (ranking every
        # hospital by coverage would cost a pass over all mentions); any other by its full name.
        "suggested": [h.name for h in _related(chosen[0], limit=COMPARE_SUGGESTIONS)] if chosen else [],
    }
    return render(request, "hospitals/compare.html", ctx)


@require_safe
def initiative_list(request):
    """Initiatives by name, 50 names a page, each with (some of) the hospitals that run it.

    `category` keeps one category and `hospital` (a slug) one hospital's; unknown values are ignored."""
    initiatives = Initiative.objects.all()
    hospital = None
    if request.GET.get("hospital"):
        hospital = Hospital.objects.only("slug", "name").filter(slug=request.GET["hospital"]).first()
        if hospital is not None:
            initiatives = initiatives.filter(hospital=hospital)
    labels = dict(Initiative.Category.choices)
    categories = [
        (row["category"], labels.get(row["category"], row["category"]), row["n"])
        for row in initiatives.values("category")
        .annotate(n=Count("name", distinct=True))
        .order_by("category")
    ]
    category = request.GET.get("category", "")
    if category in Initiative.Category.values:
        initiatives = initiatives.filter(category=category)
    else:
        category = ""
    names = (
        initiatives.values("category", "name")
        .annotate(hospital_count=Count("hospital", distinct=True))
        .order_by("category", "-hospital_count", "name")
    )
    # The category counts already say how many names there are: no second pass over the table.
    count = sum(n for value, _, n in categories if not category or value == category)
    page = page_or_404(request, names, INITIATIVES_PER_PAGE, count=count)
    rows = list(page.object_list)
    runners = {}
    hospital_url = _slug_url("hospitals:detail")
    if rows:
        # The first few hospitals of every name on the page in one query, however many run it.
        firsts = (
            initiatives.filter(name__in={row["name"] for row in rows})
            .values("category", "name", "hospital")
            .annotate(first=Min("id"))
            .values("first")
        )
        ranked = (
            Initiative.objects.filter(id__in=firsts)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=[F("category"), F("name")], order_by=F("hospital__name").asc()
                )
            )
            .filter(rank__lte=HOSPITALS_PER_INITIATIVE)
            .values("category", "name", "hospital__slug", "hospital__name")
            .order_by("hospital__name")
        )
        for r in ranked:
            runners.setdefault((r["category"], r["name"]), []).append(
                {
                    "slug": r["hospital__slug"],
                    "name": r["hospital__name"],
                    "url": hospital_url(r["hospital__slug"]),
                }
            )
    for row in rows:
        row["label"] = labels.get(row["category"], row["category"])
        row["hospitals"] = runners.get((row["category"], row["name"]), [])
        row["more"] = row["hospital_count"] - len(row["hospitals"])
    ctx = {
        "page": page,
        "rows": rows,
        "count": page.paginator.count,
        "categories": categories,
        "category": category,
        "hospital": hospital,
    }
    return render(request, "hospitals/initiatives.html", ctx)


@require_safe
def indicator_list(request):
    """Every indicator, by domain, with how many hospitals report a current value of it."""
    # Counted over the (indicator, hospital) index alone: hospitals with any value, plans included.
    indicators = Indicator.objects.annotate(
        hospital_count=Count("observations__hospital", distinct=True)
    ).order_by("domain", "position", "name")
    order = {value: i for i, value in enumerate(Indicator.Domain.values)}
    domains = {}
    for indicator in sorted(indicators, key=lambda i: order.get(i.domain, 99)):
        domains.setdefault(indicator.get_domain_display(), []).append(indicator)
    return render(request, "hospitals/indicators.html", {"domains": list(domains.items())})


def _csv_cell(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _indicator_csv(indicator, ranked):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{indicator.slug}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        ["排名", "医院", "省份", "城市", "等级", "类别", "指标", "数值", "单位", "年份", "来源文章数"]
    )
    for place, obs in enumerate(ranked, 1):
        h = obs.hospital
        writer.writerow(
            [
                place,
                *map(
                    _csv_cell, (h.name, h.province, h.city, h.get_level_display(), h.get_category_display())
                ),
                _csv_cell(indicator.name),
                format(obs.value.normalize(), "f"),
                _csv_cell(obs.unit),
                obs.year_label(),
                obs.source_count,
            ]
        )
    return response


def _ranked_latest(indicator, observations):
    """Each hospital's latest current yearly value of `indicator`, best first by its direction,
    as one query: the choice `observations.latest_values` makes, made by the database so a page
    reads only its rows."""
    newest = Window(
        RowNumber(),
        partition_by=[F("hospital_id")],
        order_by=[
            F("year").desc(nulls_last=True),
            F("latest_published_on").desc(nulls_last=True),
            F("id").desc(),
        ],
    )
    best = F("value").asc() if indicator.direction == Indicator.Direction.LOWER else F("value").desc()
    return (
        observations.current()
        .filter(indicator=indicator, years=1)
        .annotate(newest=newest)
        .filter(newest=1)
        .select_related("hospital")
        .order_by(best, "hospital__name", "hospital_id")
    )


@require_safe
def indicator_detail(request, slug):
    """Hospitals ranked by their latest value of one indicator, best first by its direction.

    Filters: province, level, category (unknown values ignored) and year (that year's values
    instead of the latest). `?format=csv` downloads the whole table."""
    indicator = Indicator.objects.filter(slug=slug).first()
    if indicator is None:
        raise Http404("没有这个指标")
    provinces = list(
        Hospital.objects.exclude(province="")
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )
    years = list(
        Observation.objects.filter(indicator=indicator)
        .current()
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    get = request.GET
    chosen = {
        "province": get.get("province") if get.get("province") in provinces else "",
        "level": get.get("level") if get.get("level") in Hospital.Level.values else "",
        "category": get.get("category") if get.get("category") in Hospital.Category.values else "",
        "year": get.get("year") if get.get("year", "").isdigit() and int(get["year"]) in years else "",
    }
    observations = Observation.objects.all()
    for field in ("province", "level", "category"):
        if chosen[field]:
            observations = observations.filter(**{f"hospital__{field}": chosen[field]})
    if chosen["year"]:
        observations = observations.filter(year=int(chosen["year"]))
    ranked = _ranked_latest(indicator, observations)
    if get.get("format") == "csv":
        return _indicator_csv(indicator, ranked.iterator())
    # One row per hospital with such a value: counted on the (indicator, hospital) index.
    count = (
        observations.current()
        .filter(indicator=indicator, years=1)
        .order_by()
        .values("hospital")
        .distinct()
        .count()
    )
    page = page_or_404(request, ranked, INDICATOR_ROWS_PER_PAGE, count=count)
    rows = list(page.object_list)
    _attach_sources(rows, 1)
    top = rows[:INDICATOR_CHART_BARS] if page.number == 1 else list(ranked[:INDICATOR_CHART_BARS])
    ctx = {
        "indicator": indicator,
        "page": page,
        "rows": [(page.start_index() + i, obs) for i, obs in enumerate(rows)],
        "count": page.paginator.count,
        "chart": bar_chart(
            [
                (obs.hospital.name[:14], float(obs.value), obs.display_value())
                for obs in top
                if obs.value >= 0
            ],
            label_width=190,
        ),
        "chart_count": len(top),
        "chosen": chosen,
        "provinces": provinces,
        "years": years,
        "levels": Hospital.Level.choices,
        "categories": Hospital.Category.choices,
        "synonyms": indicator.synonyms.order_by("name").values_list("name", flat=True)[:30],
    }
    return render(request, "hospitals/indicator.html", ctx)
