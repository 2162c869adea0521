"""Merging duplicate hospital records into one, so that future imports route to the survivor."""

from django.db import transaction

from .models import HospitalAlias, HospitalRedirect, Initiative, Mention, Metric, Person, SuppressedFact

_FILLABLE = ("province", "city", "county", "category", "level", "founded_year")


@transaction.atomic
def merge_hospitals(keep, others):
    """Move everything of `others` onto `keep` and delete `others`; returns the names merged.

    Aliases, people, metrics, initiatives, suppressions and article links move to `keep`; where
    both were linked to one article, a single link stays (报道对象 wins over 提及). Each merged
    name becomes an alias of `keep`, so `store.resolve_hospital` finds `keep` by it on the next
    import, and each merged profile's address redirects to `keep`'s. Empty fields of `keep`
    are filled from the others.
    """
    others = [h for h in others if h.pk != keep.pk]
    merged = []
    for other in others:
        for field in _FILLABLE:
            if getattr(keep, field) in ("", None) and getattr(other, field) not in ("", None):
                setattr(keep, field, getattr(other, field))
        for model in (Person, Initiative, Metric):
            for fact in model.objects.filter(hospital=other):
                # Saved one by one so search re-indexes each moved document.
                fact.hospital = keep
                fact.save(update_fields=["hospital"])
        for mention in Mention.objects.filter(hospital=other):
            kept = Mention.objects.filter(article_id=mention.article_id, hospital=keep).first()
            if kept is None:
                mention.hospital = keep
                mention.save(update_fields=["hospital"])
                continue
            if mention.role == Mention.Role.SUBJECT and kept.role != Mention.Role.SUBJECT:
                kept.role = Mention.Role.SUBJECT
                kept.save(update_fields=["role"])
            mention.delete()
        for record in SuppressedFact.objects.filter(hospital=other):
            if SuppressedFact.objects.filter(
                article_id=record.article_id, hospital=keep, kind=record.kind, key=record.key
            ).exists():
                record.delete()
            else:
                record.hospital = keep
                record.save(update_fields=["hospital"])
        for alias in HospitalAlias.objects.filter(hospital=other):
            if alias.name == keep.name:
                alias.delete()
            else:
                alias.hospital = keep
                alias.save(update_fields=["hospital"])
        name, slug = other.name, other.slug
        HospitalRedirect.objects.filter(hospital=other).update(hospital=keep)
        other.delete()
        HospitalRedirect.point(slug, keep)
        if name != keep.name and not HospitalAlias.objects.filter(name=name).exists():
            HospitalAlias.objects.create(hospital=keep, name=name)
        merged.append(name)
    keep.save()
    return merged


def pick_survivor(hospitals):
    """The record to keep when the admin names none: the oldest (lowest id)."""
    return min(hospitals, key=lambda h: h.pk)
