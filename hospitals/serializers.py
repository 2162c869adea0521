"""JSON shapes of hospitals, observations and indicators in the API (docs/api.md)."""

from django.urls import reverse


def number(value):
    """Decimals as JSON numbers: integers stay integers, others become floats."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value.normalize())


def hospital_summary(hospital):
    return {
        "slug": hospital.slug,
        "name": hospital.name,
        "province": hospital.province,
        "city": hospital.city,
        "url": hospital.get_absolute_url(),
        "api_url": reverse("hospitals:api-detail", args=[hospital.slug]),
    }


def indicator_ref(indicator):
    if indicator is None:
        return None
    return {"slug": indicator.slug, "name": indicator.name, "domain": indicator.get_domain_display()}


def _sources(observation):
    """(article slug, evidence) of the observation's prefetched `source_list`, one per article."""
    seen, sources = set(), []
    for metric in observation.source_list:
        if metric.article_id not in seen:
            seen.add(metric.article_id)
            sources.append({"article": metric.article.slug, "evidence": metric.evidence})
    return sources


def observation(obs):
    """One fact however many articles state it (`obs` fetched with Observation.objects.with_sources)."""
    sources = _sources(obs)
    first = sources[0] if sources else {"article": None, "evidence": ""}
    return {
        "name": obs.name,
        "value": number(obs.value),
        "unit": obs.unit,
        "qualifier": obs.qualifier or None,
        "from_value": number(obs.from_value),
        "year": obs.year_label() or None,
        "planned": obs.planned,
        "indicator": indicator_ref(obs.indicator),
        "evidence": first["evidence"],
        "article": first["article"],
        "source_count": obs.source_count,
        "sources": sources,
    }


def hospital_detail(hospital, observations, related):
    return {
        "slug": hospital.slug,
        "name": hospital.name,
        "aliases": [a.name for a in hospital.aliases.all()],
        "province": hospital.province or None,
        "city": hospital.city or None,
        "county": hospital.county or None,
        "category": hospital.get_category_display() or None,
        "level": hospital.get_level_display() or None,
        "founded_year": hospital.founded_year,
        "url": hospital.get_absolute_url(),
        "people": [
            {"name": p.name, "title": p.title, "article": p.article.slug} for p in hospital.people.all()
        ],
        "metrics": [observation(o) for o in observations if o.source_list],
        "initiatives": [
            {
                "name": i.name,
                "category": i.get_category_display(),
                "description": i.description,
                "article": i.article.slug,
            }
            for i in hospital.initiatives.all()
        ],
        "articles": [
            {"slug": m.article.slug, "title": m.article.title, "url": m.article.get_absolute_url()}
            for m in hospital.mentions.all()
        ],
        "related_hospitals": [
            {"slug": r["hospital__slug"], "name": r["hospital__name"], "relation": r["relation"]}
            for r in related
        ],
    }


def indicator_summary(indicator):
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "domain": indicator.get_domain_display(),
        "unit": indicator.unit,
        "direction": indicator.direction or None,
        "hospitals": indicator.hospital_count,
        "url": indicator.get_absolute_url(),
        "api_url": reverse("hospitals:api-indicator", args=[indicator.slug]),
    }


def indicator_value(obs):
    """A hospital's latest value of an indicator (`obs` fetched with with_sources, hospital selected)."""
    newest = obs.source_list[0] if obs.source_list else None
    return {
        "hospital": {
            "slug": obs.hospital.slug,
            "name": obs.hospital.name,
            "url": obs.hospital.get_absolute_url(),
        },
        "value": number(obs.value),
        "unit": obs.unit,
        "year": obs.year_label() or None,
        "article": newest.article.slug if newest else None,
    }


def indicator_detail(indicator, values):
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "domain": indicator.get_domain_display(),
        "unit": indicator.unit,
        "direction": indicator.direction or None,
        "synonyms": [s.name for s in indicator.synonyms.all()],
        "values": [indicator_value(o) for o in values],
    }
