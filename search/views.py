from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import shortforms
from .documents import KIND_LABELS
from .query import FILTER_FIELDS, search
from .spelling import correction
from .suggest import suggestions

# A query that finds at most this many records gets a spelling correction when one finds more.
FEW_RESULTS = 2


def did_you_mean(q, result):
    """A corrected query when `result` (for `q`) found little and the correction finds more."""
    if result is None or result.message or result.total > FEW_RESULTS:
        return None
    corrected = correction(q)
    if corrected and search(corrected, per_page=1).total > result.total:
        return corrected
    return None


def request_params(request):
    """(q, kind, filters, page, sort) of a search request; bad values fall back to defaults."""
    get = request.GET
    kind = get.get("type") or None
    filters = {name: get[name] for name in FILTER_FIELDS if get.get(name)}
    try:
        page = int(get.get("page", 1))
    except ValueError:
        page = 1
    sort = "date" if get.get("sort") == "date" else "relevance"
    return get.get("q", ""), kind, filters, page, sort


@require_safe
def results(request):
    q, kind, filters, page, sort = request_params(request)
    result = search(q, kind=kind, filters=filters, page=page, sort=sort) if q.strip() else None
    match = shortforms.lookup(q) if q.strip() else shortforms.Match()
    facet_labels = {"type": "类型", "province": "省份", "hospital": "医院", "category": "举措类别"}
    facets = []
    if result:
        for name, counts in result.facets.items():
            if counts:
                items = [(KIND_LABELS.get(v, v) if name == "type" else v, v, n) for v, n in counts.items()]
                selected = (result.kind if name == "type" else result.filters.get(name)) or ""
                facets.append(
                    {"name": name, "label": facet_labels[name], "items": items[:20], "selected": selected}
                )
    corrected = did_you_mean(q, result)
    offered = (
        suggestions(q, search) if result and not result.total and not result.message and not corrected else []
    )
    context = {
        "query": q,
        "result": result,
        "facets": facets,
        "sort": sort,
        "suggestions": offered,
        "did_you_mean": corrected,
        # The hospital the query names by name, alias or short form (市二医院), or those it may mean.
        "hospital_match": match.hospital,
        "hospital_choices": match.choices,
    }
    return render(request, "search/results.html", context)
