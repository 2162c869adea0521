"""The search part of the JSON API (docs/api.md): /api/search/ and /api/suggest/."""

from django.views.decorators.http import require_safe

from articles.api import json_response

from . import shortforms
from .query import search as run_search
from .serializers import completions, search_page
from .suggest import complete
from .views import did_you_mean, request_params


@require_safe
def search(request):
    q, kind, filters, page, sort = request_params(request)
    result = run_search(q, kind=kind, filters=filters, page=page, sort=sort)
    correction = did_you_mean(q, result) if q.strip() else None
    return json_response(search_page(result, correction, shortforms.lookup(q)))


@require_safe
def suggest(request):
    """Completions while typing: hospitals, indicators and initiatives by name, alias, pinyin
    or initials (see search.suggest.complete)."""
    q = request.GET.get("q", "")
    return json_response(completions(q, complete(q)))
