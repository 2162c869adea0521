"""Saving one article's extraction: hospitals resolved across articles, facts replaced in place."""

import re
import unicodedata

from django.db.models import Q

from articles.slugs import unique_slug

from .extraction.names import is_short_form
from .extraction.text import to_simplified
from .models import (
    Hospital,
    HospitalAlias,
    Initiative,
    Mention,
    Metric,
    Origin,
    Person,
    SuppressedFact,
    SuppressedHospital,
)
from .observations import current_linker, paused, rebuild_observations

_HOSPITAL_FIELDS = ("province", "city", "county", "category", "level", "founded_year")


def normalise_name(name):
    """Simplified, half-width, bracket-uniform form used to match long official names."""
    name = unicodedata.normalize("NFKC", name or "")
    name = to_simplified(name)
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def _find(name):
    """Exact name, then alias, then the normalised form; never substrings (青山医院 ≠ 青山县医院)."""
    hospital = Hospital.objects.filter(name=name).first()
    if hospital:
        return hospital
    alias = HospitalAlias.objects.select_related("hospital").filter(name=name).first()
    if alias:
        return alias.hospital
    norm = normalise_name(name)
    if norm != name:
        hospital = Hospital.objects.filter(name=norm).first()
        if hospital:
            return hospital
        alias = HospitalAlias.objects.select_related("hospital").filter(name=norm).first()
        if alias:
            return alias.hospital
    return None


def resolve_hospital(fact):
    """The Hospital for a HospitalFact (by name or any stated alias), created when new."""
    candidates = [fact.name, *fact.aliases]
    hospital = None
    for name in candidates:
        hospital = _find(name)
        if hospital:
            break
    created = hospital is None
    if created:
        hospital = Hospital(name=normalise_name(fact.name)[:100], slug=unique_slug(Hospital, fact.name))
    owned = hospital.origin == Origin.IMPORTER and not hospital.admin_edited
    changed = created
    for field in _HOSPITAL_FIELDS:
        value = getattr(fact, field, None)
        if value in ("", None):
            continue
        current = getattr(hospital, field)
        if current in ("", None) or (
            owned and current != value and field in ("category", "level", "founded_year")
        ):
            setattr(hospital, field, value)
            changed = True
    if changed:
        hospital.save()
    for alias in [fact.name, *fact.aliases]:
        alias = normalise_name(alias)
        if alias == hospital.name or is_short_form(alias):
            continue
        if (
            not HospitalAlias.objects.filter(name=alias).exists()
            and not Hospital.objects.filter(name=alias).exists()
        ):
            HospitalAlias.objects.create(hospital=hospital, name=alias[:100])
    return hospital, created


def _replace_facts(article):
    for model in (Person, Initiative, Metric):
        model.objects.filter(article=article, origin=Origin.IMPORTER, admin_edited=False).delete()
    Mention.objects.filter(article=article, origin=Origin.IMPORTER, admin_edited=False).delete()


def _protected(model, article):
    """(hospital id, name) of facts an admin made or edited; the importer must not duplicate them."""
    rows = model.objects.filter(article=article).filter(Q(origin=Origin.ADMIN) | Q(admin_edited=True))
    return set(rows.values_list("hospital_id", "name"))


def _suppressed(article):
    """(hospital id, kind, key) of importer facts an admin deleted or rewrote."""
    rows = SuppressedFact.objects.filter(article=article)
    return set(rows.values_list("hospital_id", "kind", "key"))


def _deleted_by_admin(fact, deleted_names):
    """True when no hospital answers to the fact's names and an admin deleted one of them."""
    if not deleted_names:
        return False
    names = [fact.name, *fact.aliases]
    if any(_find(name) for name in names):
        return False
    return any(normalise_name(name) in deleted_names or name in deleted_names for name in names)


def save_extraction(article, ex):
    """Store `ex` (an Extraction of `article`) and return counts.

    Metrics are linked to their indicators, and the observations of every hospital whose
    metrics changed are rebuilt.
    """
    before = set(Metric.objects.filter(article=article).values_list("hospital_id", flat=True).distinct())
    with paused():
        counts = _save_extraction(article, ex)
    after = set(Metric.objects.filter(article=article).values_list("hospital_id", flat=True).distinct())
    rebuild_observations(before | after)
    return counts


def _save_extraction(article, ex):
    """Store `ex` (an Extraction of `article`) and return counts.

    Runs in the caller's transaction. Hospitals are matched across articles; the article's
    importer-made people, initiatives, metrics and mentions are replaced; facts and links an
    admin created or edited are kept and not duplicated, and facts an admin deleted
    (SuppressedFact) are not written again. Hospitals an admin deleted (SuppressedHospital)
    are not re-created; the facts the article attributes to them are dropped.
    """
    _replace_facts(article)
    suppressed = _suppressed(article)

    def is_suppressed(hospital, kind, name, value=None):
        return (hospital.pk, kind, SuppressedFact.key_for(kind, name, value)) in suppressed

    counts = {"hospitals_created": 0, "mentions": 0, "people": 0, "initiatives": 0, "metrics": 0}
    # Links an admin made or edited stay as they are.
    kept_links = set(Mention.objects.filter(article=article).values_list("hospital_id", flat=True))
    by_name = {}
    deleted_names = set(SuppressedHospital.objects.values_list("name", flat=True))
    for fact in ex.hospitals:
        if _deleted_by_admin(fact, deleted_names):
            by_name[fact.name] = None
            continue
        hospital, created = resolve_hospital(fact)
        counts["hospitals_created"] += created
        if hospital.pk in {h.pk for h in by_name.values() if h is not None}:
            by_name[fact.name] = hospital
            continue
        by_name[fact.name] = hospital
        if is_suppressed(hospital, "mention", "") or hospital.pk in kept_links:
            continue
        Mention.objects.create(article=article, hospital=hospital, role=fact.role)
        counts["mentions"] += 1
    subject = (
        by_name.get(ex.hospitals[0].name) if ex.hospitals and ex.hospitals[0].role == "subject" else None
    )
    if subject is None:
        return counts

    def owner(name):
        return by_name.get(name, subject)

    taken = _protected(Person, article)
    for p in ex.people:
        h = owner(p.hospital)
        if h is None or (h.pk, p.name) in taken or is_suppressed(h, "person", p.name[:10]):
            continue
        taken.add((h.pk, p.name))
        Person.objects.create(
            hospital=h, article=article, name=p.name[:10], titles=p.titles, evidence=p.evidence
        )
        counts["people"] += 1
    taken = _protected(Initiative, article)
    for i in ex.initiatives:
        h = owner(i.hospital)
        if h is None or (h.pk, i.name) in taken or is_suppressed(h, "initiative", i.name[:100]):
            continue
        taken.add((h.pk, i.name))
        span = i.span or (None, None)
        Initiative.objects.create(
            hospital=h,
            article=article,
            name=i.name[:100],
            category=i.category,
            description=i.description,
            evidence=i.evidence,
            span_start=span[0],
            span_end=span[1],
        )
        counts["initiatives"] += 1
    taken = _protected(Metric, article)
    linker = current_linker() if ex.metrics else None
    for m in ex.metrics:
        h = owner(m.hospital)
        if h is None or (h.pk, m.name) in taken or is_suppressed(h, "metric", m.name[:100], m.value):
            continue
        Metric.objects.create(
            hospital=h,
            article=article,
            name=m.name[:100],
            value=m.value,
            unit=m.unit[:20],
            qualifier=m.qualifier,
            from_value=m.from_value,
            kind=m.kind,
            year=m.year,
            period=m.period[:30],
            evidence=m.evidence,
            span_start=m.span[0],
            span_end=m.span[1],
            # Targets (预计, 计划) are kept apart from current values.
            planned=getattr(m, "planned", False),
            indicator_id=linker.link(m.name, m.unit, m.evidence),
        )
        counts["metrics"] += 1
    return counts
