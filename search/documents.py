"""What each record looks like to the search index, and which documents a change touches.

A document is a plain dict (see `Document`), built from the database in a few queries per
kind, so that `rebuild` and incremental updates share one code path.
"""

import re
from collections import defaultdict
from typing import TypedDict

from django.urls import reverse

from articles.models import Article
from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person, evidence_url

KINDS = ("article", "hospital", "initiative", "metric")
KIND_LABELS = {"article": "文章", "hospital": "医院", "initiative": "举措", "metric": "指标"}


class Document(TypedDict):
    key: str  # "article:42"
    kind: str
    title: str
    url: str
    text: str  # indexed and shown in snippets
    names: list[str]  # hospital name and aliases (hospital documents only)
    date: str  # ISO date or ""
    provinces: list[str]
    hospitals: list[str]
    categories: list[str]
    article: int | None  # the article itself, or the one a fact comes from (grouping results)


def key_for(kind, pk):
    return f"{kind}:{pk}"


def split_key(key):
    kind, _, pk = key.partition(":")
    return kind, int(pk)


def _iso(d):
    return d.isoformat() if d else ""


def _join(lines):
    # Facts often repeat their description as evidence: index and show it once.
    return "\n".join(dict.fromkeys(line for line in lines if line))


def _choice_labels(model, field):
    """{stored value: label}, as get_FOO_display() shows it (unknown values show as themselves)."""
    return dict(model._meta.get_field(field).flatchoices)


def _grouped(pairs):
    """{key: [value, ...]} from (key, value) pairs, values in the order given."""
    groups = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return groups


# What Django's `slug` path converter accepts; reverse() leaves such a slug unquoted.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _detail_url(viewname):
    """slug -> reverse(viewname, args=[slug]), reversing once: reverse() costs ~70 µs a call.

    Slugs reverse() might quote or reject still go through it, so URLs stay exactly the same.
    """
    marker = "search-slug-marker"
    prefix, _, suffix = reverse(viewname, args=[marker]).partition(marker)

    def url(slug):
        if _PLAIN_SLUG.fullmatch(slug):
            return f"{prefix}{slug}{suffix}"
        return reverse(viewname, args=[slug])

    return url


def _article_refs(ids=None):
    """{article pk: (url, published_on)} without loading article bodies."""
    qs = Article.objects.order_by()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    article_url = _detail_url("articles:detail")
    return {
        pk: (article_url(slug), published_on)
        for pk, slug, published_on in qs.values_list("pk", "slug", "published_on").iterator(chunk_size=5000)
    }


def _hospital_refs(ids=None):
    """{hospital pk: (name, province)}."""
    qs = Hospital.objects.order_by()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return {pk: (name, province) for pk, name, province in qs.values_list("pk", "name", "province")}


def _fact_rows(model, fields, ids):
    """Rows of facts (named tuples) with the hospitals and articles they point to.

    A full rebuild reads every hospital and article reference once; a handful of keys reads
    only the ones those facts use.
    """
    qs = model.objects.order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    rows = list(
        qs.values_list("pk", "hospital_id", "article_id", *fields, named=True).iterator(chunk_size=5000)
    )
    if ids is None:
        return rows, _hospital_refs(), _article_refs()
    hospital_ids = {row.hospital_id for row in rows}
    article_ids = {row.article_id for row in rows}
    return rows, _hospital_refs(hospital_ids), _article_refs(article_ids)


def _article_docs(ids=None):
    qs = Article.objects.order_by("pk")
    mentions = Mention.objects.order_by()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
        mentions = mentions.filter(article_id__in=ids)
    # Subject hospitals first, then by name (names are unique, so the order is total).
    by_article = _grouped(
        (article_id, (role != "subject", name, province))
        for article_id, role, name, province in mentions.values_list(
            "article_id", "role", "hospital__name", "hospital__province"
        ).iterator(chunk_size=5000)
    )
    article_url = _detail_url("articles:detail")
    fields = ("pk", "slug", "title", "subtitle", "body", "captions", "publication", "authors", "published_on")
    for pk, slug, title, subtitle, body, captions, publication, authors, published_on in qs.values_list(
        *fields
    ).iterator(chunk_size=500):
        hospitals = sorted(by_article.get(pk, ()))
        yield Document(
            key=key_for("article", pk),
            kind="article",
            title=title,
            url=article_url(slug),
            text=_join([subtitle, body, *captions, publication, " ".join(authors)]),
            names=[],
            date=_iso(published_on),
            provinces=sorted({province for _, _, province in hospitals if province}),
            hospitals=[name for _, name, _ in hospitals],
            categories=[],
            article=pk,
        )


def _hospital_docs(ids=None):
    qs = Hospital.objects.order_by("pk")
    # Each model's Meta.ordering (what the hospital pages show), pk breaking ties.
    related = {
        "aliases": HospitalAlias.objects.order_by("name"),
        "people": Person.objects.order_by("hospital_id", "id"),
        "initiatives": Initiative.objects.order_by("category", "name", "pk"),
        "metrics": Metric.objects.order_by("name", "pk"),
        "mentions": Mention.objects.order_by().filter(article__published_on__isnull=False),
    }
    if ids is not None:
        qs = qs.filter(pk__in=ids)
        related = {name: rel.filter(hospital_id__in=ids) for name, rel in related.items()}
    aliases = _grouped(related["aliases"].values_list("hospital_id", "name"))
    people = _grouped(
        (row.hospital_id, row)
        for row in related["people"].values_list("hospital_id", "name", "titles", named=True)
    )
    initiatives = _grouped(related["initiatives"].values_list("hospital_id", "name"))
    metrics = _grouped(
        (row.hospital_id, f"{row.name} {Metric.display_value(row)}")
        for row in related["metrics"]
        .values_list("hospital_id", "name", "value", "unit", "qualifier", "from_value", named=True)
        .iterator(chunk_size=5000)
    )
    latest = {}
    for hospital_id, published_on in related["mentions"].values_list("hospital_id", "article__published_on"):
        if hospital_id not in latest or published_on > latest[hospital_id]:
            latest[hospital_id] = published_on
    hospital_url = _detail_url("hospitals:detail")
    categories = _choice_labels(Hospital, "category")
    levels = _choice_labels(Hospital, "level")
    fields = ("pk", "name", "slug", "province", "city", "county", "category", "level")
    for pk, name, slug, province, city, county, category, level in qs.values_list(*fields):
        own_aliases = aliases.get(pk, [])
        place = "".join(part for part in (province, city, county) if part)
        facts = " · ".join(
            part for part in (place, categories.get(category, category), levels.get(level, level)) if part
        )
        lines = [facts]
        if own_aliases:
            lines.append("又称：" + "、".join(own_aliases))
        own_people = [
            f"{p.name}（{Person.title.fget(p)}）" if p.titles else p.name for p in people.get(pk, ())
        ]
        if own_people:
            lines.append("人物：" + "、".join(dict.fromkeys(own_people)))
        if pk in initiatives:
            lines.append("举措：" + "、".join(dict.fromkeys(initiatives[pk])))
        if pk in metrics:
            lines.append("指标：" + "；".join(metrics[pk]))
        yield Document(
            key=key_for("hospital", pk),
            kind="hospital",
            title=name,
            url=hospital_url(slug),
            text=_join(lines),
            names=[name, *own_aliases],
            date=_iso(latest.get(pk)),
            provinces=[province] if province else [],
            hospitals=[name],
            categories=[],
            article=None,
        )


def _initiative_docs(ids=None):
    fields = ("name", "category", "description", "evidence", "span_start", "span_end")
    rows, hospitals, articles = _fact_rows(Initiative, fields, ids)
    labels = _choice_labels(Initiative, "category")
    for item in rows:
        if item.hospital_id not in hospitals or item.article_id not in articles:
            continue  # deleted (cascade) between the two reads: the fact is gone too
        hospital, province = hospitals[item.hospital_id]
        article_url, published_on = articles[item.article_id]
        category = labels.get(item.category, item.category)
        yield Document(
            key=key_for("initiative", item.pk),
            kind="initiative",
            title=item.name,
            url=evidence_url(article_url, item.span_start, item.span_end),
            text=_join([f"{hospital} · {category}", item.description, item.evidence]),
            names=[],
            date=_iso(published_on),
            provinces=[province] if province else [],
            hospitals=[hospital],
            categories=[category],
            article=item.article_id,
        )


def _metric_docs(ids=None):
    fields = ("name", "value", "unit", "qualifier", "from_value", "year", "period", "evidence")
    fields += ("span_start", "span_end")
    rows, hospitals, articles = _fact_rows(Metric, fields, ids)
    for metric in rows:
        if metric.hospital_id not in hospitals or metric.article_id not in articles:
            continue  # deleted (cascade) between the two reads: the fact is gone too
        hospital, province = hospitals[metric.hospital_id]
        article_url, published_on = articles[metric.article_id]
        when = metric.period or (f"{metric.year}年" if metric.year else "")
        yield Document(
            key=key_for("metric", metric.pk),
            kind="metric",
            # Metric.display_value reads only value/unit/qualifier/from_value, which the row has.
            title=f"{metric.name} {Metric.display_value(metric)}",
            # Its evidence sentence on the article page, marked and scrolled to.
            url=evidence_url(article_url, metric.span_start, metric.span_end),
            text=_join([" · ".join(p for p in (hospital, when) if p), metric.evidence]),
            names=[],
            date=_iso(published_on),
            provinces=[province] if province else [],
            hospitals=[hospital],
            categories=[],
            article=metric.article_id,
        )


_BUILDERS = {
    "article": _article_docs,
    "hospital": _hospital_docs,
    "initiative": _initiative_docs,
    "metric": _metric_docs,
}


def all_documents():
    """Every document, kind by kind (used by rebuild)."""
    for kind in KINDS:
        yield from _BUILDERS[kind]()


def count_documents():
    return (
        Article.objects.count()
        + Hospital.objects.count()
        + Initiative.objects.count()
        + Metric.objects.count()
    )


def documents_for_keys(keys):
    """{key: Document or None}; None means the record is gone and its document must go too."""
    by_kind = defaultdict(set)
    for key in keys:
        kind, pk = split_key(key)
        by_kind[kind].add(pk)
    found = {key: None for key in keys}
    for kind, ids in by_kind.items():
        for doc in _BUILDERS[kind](ids=ids):
            found[doc["key"]] = doc
    return found


def dictionary_words():
    """Hospital names, aliases and initiative names: kept whole by jieba."""
    words = set(Hospital.objects.values_list("name", flat=True))
    words.update(HospitalAlias.objects.values_list("name", flat=True))
    words.update(Initiative.objects.values_list("name", flat=True))
    return words


def affected_keys(instance):
    """Keys of the documents whose content depends on `instance` (itself included)."""
    if isinstance(instance, Article):
        keys = {key_for("article", instance.pk)}
        keys.update(key_for("initiative", pk) for pk in instance.initiatives.values_list("pk", flat=True))
        keys.update(key_for("metric", pk) for pk in instance.metrics.values_list("pk", flat=True))
        keys.update(key_for("hospital", pk) for pk in instance.mentions.values_list("hospital_id", flat=True))
        return keys
    if isinstance(instance, Hospital):
        keys = {key_for("hospital", instance.pk)}
        keys.update(key_for("initiative", pk) for pk in instance.initiatives.values_list("pk", flat=True))
        keys.update(key_for("metric", pk) for pk in instance.metrics.values_list("pk", flat=True))
        keys.update(key_for("article", pk) for pk in instance.mentions.values_list("article_id", flat=True))
        return keys
    if isinstance(instance, Initiative):
        return {key_for("initiative", instance.pk), key_for("hospital", instance.hospital_id)}
    if isinstance(instance, Metric):
        return {key_for("metric", instance.pk), key_for("hospital", instance.hospital_id)}
    if isinstance(instance, HospitalAlias | Person):
        return {key_for("hospital", instance.hospital_id)}
    # Mention: the article's hospital facets and the hospital's article dates.
    return {key_for("article", instance.article_id), key_for("hospital", instance.hospital_id)}
