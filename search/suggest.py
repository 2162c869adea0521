"""What to offer when a search finds nothing: fewer words, or hospitals with a similar name."""

from django.db.models import Q

from hospitals.models import Hospital

from . import syntax
from .analysis import normalize

MAX_SUGGESTIONS = 5


def _hospitals_like(text):
    """Hospitals whose name or alias shares a two-character piece with the query."""
    pieces = {text[i : i + 2] for i in range(len(text) - 1)}
    pieces = {p for p in pieces if p not in ("医院", "人民", "中心", "中医")}
    if not pieces:
        return []
    condition = Q()
    for piece in list(pieces)[:20]:
        condition |= Q(name__contains=piece) | Q(aliases__name__contains=piece)
    return list(Hospital.objects.filter(condition).distinct().order_by("name")[:MAX_SUGGESTIONS])


def suggestions(q, search):
    """[(label, query)] alternatives that do find something. `search` is search.query.search."""
    parsed = syntax.parse(q)
    offered = []
    terms = parsed.positive_terms
    if len(terms) > 1:
        for dropped in terms:
            rest = " ".join(t.text for t in terms if t is not dropped)
            if rest and search(rest, per_page=1).total:
                offered.append((f"去掉“{dropped.text}”", rest))
    for hospital in _hospitals_like(normalize("".join(t.compact for t in terms))):
        offered.append((hospital.name, hospital.name))
    return offered[:MAX_SUGGESTIONS]
