"""JSON shapes of search answers in the API (docs/api.md)."""


def hit(h):
    return {
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


def named_hospital(named):
    return {"name": named.name, "url": named.url}


def search_page(result, did_you_mean, match):
    """A SearchPage (search.query), its spelling correction and the hospital the query names
    (a search.shortforms.Match)."""
    data = {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "did_you_mean": did_you_mean,
        "facets": result.facets,
        "results": [hit(h) for h in result.hits],
        "hospital_match": named_hospital(match.hospital) if match.hospital else None,
        "hospital_choices": [named_hospital(n) for n in match.choices],
    }
    if result.message:
        data["message"] = result.message
    return data


def completions(query, suggestions):
    return {"query": query[:200], "suggestions": suggestions}
