"""What each record looks like to the search index, and which documents a change touches.

A document is a plain dict (see `Document`), built from the database in a few queries per
kind, so that `rebuild` and incremental updates share one code path.
"""

from collections import defaultdict
from typing import TypedDict

from articles.models import Article
from hospitals.models import Hospital, HospitalAlias, Initiative, Metric, Person

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


def _article_docs(ids=None):
    qs = Article.objects.prefetch_related("mentions__hospital")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for article in qs.iterator(chunk_size=500):
        hospitals = sorted(article.mentions.all(), key=lambda m: (m.role != "subject", m.hospital.name))
        yield Document(
            key=key_for("article", article.pk),
            kind="article",
            title=article.title,
            url=article.get_absolute_url(),
            text=_join(
                [
                    article.subtitle,
                    article.body,
                    *article.captions,
                    article.publication,
                    " ".join(article.authors),
                ]
            ),
            names=[],
            date=_iso(article.published_on),
            provinces=sorted({m.hospital.province for m in hospitals if m.hospital.province}),
            hospitals=[m.hospital.name for m in hospitals],
            categories=[],
        )


def _hospital_docs(ids=None):
    qs = Hospital.objects.prefetch_related("aliases", "people", "initiatives", "metrics", "articles")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for hospital in qs.iterator(chunk_size=200):
        aliases = [a.name for a in hospital.aliases.all()]
        place = "".join(part for part in (hospital.province, hospital.city, hospital.county) if part)
        facts = " · ".join(
            part for part in (place, hospital.get_category_display(), hospital.get_level_display()) if part
        )
        lines = [facts]
        if aliases:
            lines.append("又称：" + "、".join(aliases))
        people = [f"{p.name}（{p.title}）" if p.titles else p.name for p in hospital.people.all()]
        if people:
            lines.append("人物：" + "、".join(dict.fromkeys(people)))
        initiatives = [i.name for i in hospital.initiatives.all()]
        if initiatives:
            lines.append("举措：" + "、".join(dict.fromkeys(initiatives)))
        metrics = [f"{m.name} {m.display_value()}" for m in hospital.metrics.all()]
        if metrics:
            lines.append("指标：" + "；".join(metrics))
        dates = [a.published_on for a in hospital.articles.all() if a.published_on]
        yield Document(
            key=key_for("hospital", hospital.pk),
            kind="hospital",
            title=hospital.name,
            url=hospital.get_absolute_url(),
            text=_join(lines),
            names=[hospital.name, *aliases],
            date=_iso(max(dates)) if dates else "",
            provinces=[hospital.province] if hospital.province else [],
            hospitals=[hospital.name],
            categories=[],
        )


def _initiative_docs(ids=None):
    qs = Initiative.objects.select_related("hospital", "article")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for item in qs.iterator(chunk_size=500):
        yield Document(
            key=key_for("initiative", item.pk),
            kind="initiative",
            title=item.name,
            url=item.get_absolute_url(),
            text=_join(
                [f"{item.hospital.name} · {item.get_category_display()}", item.description, item.evidence]
            ),
            names=[],
            date=_iso(item.article.published_on),
            provinces=[item.hospital.province] if item.hospital.province else [],
            hospitals=[item.hospital.name],
            categories=[item.get_category_display()],
        )


def _metric_docs(ids=None):
    qs = Metric.objects.select_related("hospital", "article")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for metric in qs.iterator(chunk_size=500):
        when = metric.period or (f"{metric.year}年" if metric.year else "")
        yield Document(
            key=key_for("metric", metric.pk),
            kind="metric",
            title=f"{metric.name} {metric.display_value()}",
            url=metric.get_absolute_url(),
            text=_join([" · ".join(p for p in (metric.hospital.name, when) if p), metric.evidence]),
            names=[],
            date=_iso(metric.article.published_on),
            provinces=[metric.hospital.province] if metric.hospital.province else [],
            hospitals=[metric.hospital.name],
            categories=[],
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
