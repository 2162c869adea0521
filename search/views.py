from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .documents import KIND_LABELS
from .query import FILTER_FIELDS, search
from .spelling import correction
from .suggest import complete, suggestions

# A query that finds at most this many records gets a spelling correction when one finds more.
FEW_RESULTS = 2


def _did_you_mean(q, result):
    if result is None or result.message or result.total > FEW_RESULTS:
        return None
    corrected = correction(q)
    if corrected and search(corrected, per_page=1).total > result.total:
        return corrected
    return None


def _params(request):
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
    q, kind, filters, page, sort = _params(request)
    result = search(q, kind=kind, filters=filters, page=page, sort=sort) if q.strip() else None
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
    did_you_mean = _did_you_mean(q, result)
    offered = (
        suggestions(q, search)
        if result and not result.total and not result.message and not did_you_mean
        else []
    )
    context = {
        "query": q,
        "result": result,
        "facets": facets,
        "sort": sort,
        "suggestions": offered,
        "did_you_mean": did_you_mean,
    }
    return render(request, "search/results.html", context)


@require_safe
def api(request):
    q, kind, filters, page, sort = _params(request)
    result = search(q, kind=kind, filters=filters, page=page, sort=sort)
    data = {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "did_you_mean": _did_you_mean(q, result) if q.strip() else None,
        "facets": result.facets,
        "results": [
            {
                "type": h.kind,
                "title": h.title,
                # Whose record it is: every kind but an article (which may name several).
                "hospital": None if h.kind == "article" else h.hospital,
                "url": h.url,
                "snippet": h.snippet_html,
                "score": h.score,
                # Facts matched only through their evidence, listed under their article.
                "grouped": h.grouped,
            }
            for h in result.hits
        ],
    }
    if result.message:
        data["message"] = result.message
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
def suggest(request):
    """Completions while typing: hospitals, indicators and initiatives by name, alias, pinyin
    or initials (see search.suggest.complete)."""
    q = request.GET.get("q", "")
    data = {"query": q[:200], "suggestions": complete(q)}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
