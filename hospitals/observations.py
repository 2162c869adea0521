"""Observations: the metrics of a hospital that state the same fact, counted once.

Two metrics are one fact when they agree on the indicator (or, unlinked, the normalised
name), the kind, the value and from-value folded into one unit, the years covered and
whether the value is a plan. `rebuild_observations` recomputes this from the metrics of
a few hospitals in a handful of queries; import and admin edits call it.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .indicators import fold, load_linker, normalise, resolve_span
from .models import Hospital, Indicator, IndicatorSynonym, Metric, Observation, Origin

_PLACES = Decimal("0.000001")
# Fields whose change moves a metric to another observation.
_FACT_FIELDS = {
    "name",
    "value",
    "unit",
    "from_value",
    "kind",
    "year",
    "period",
    "planned",
    "indicator",
    "hospital",
}


def _fits(value):
    # Observation.value holds 18 integer digits; an absurd fold (3亿元 as a per-visit fee in 元)
    # keeps the metric's own unit rather than overflow.
    return value is not None and abs(value) < 10**17


def _number(value):
    if value is None:
        return None
    return Decimal(value).quantize(_PLACES).normalize()


def _text(value):
    return "" if value is None else format(value, "f")


def describe(row):
    """The observation a metric (a dict of Metric values, see _FIELDS) belongs to, as a dict with `key`."""
    year, years = resolve_span(row["year"], row["period"], row["article__published_on"])
    unit = row["unit"]
    value, from_value = row["value"], row["from_value"]
    if row["indicator_id"] is not None:
        target = row["indicator__unit"]
        folded = fold(value, unit, target)
        folded_from = fold(from_value, unit, target) if from_value is not None else None
        if folded is not None and _fits(folded) and (from_value is None or _fits(folded_from)):
            value, unit, from_value = folded, target, folded_from
        identity = f"i{row['indicator_id']}"
        name = row["indicator__name"]
    else:
        identity = "n" + normalise(row["name"])
        name = row["name"]
    value, from_value = _number(value), _number(from_value)
    planned = bool(row["planned"])
    key = "|".join(
        [
            identity,
            row["kind"],
            _text(value),
            unit,
            _text(from_value),
            str(year or ""),
            str(years),
            "p" if planned else "",
        ]
    )[:250]
    return {
        "key": key,
        "indicator_id": row["indicator_id"],
        "name": name[:100],
        "value": value,
        "unit": unit[:20],
        "from_value": from_value,
        "kind": row["kind"],
        "year": year,
        "years": years,
        "planned": planned,
    }


_FIELDS = (
    "id",
    "hospital_id",
    "indicator_id",
    "indicator__name",
    "indicator__unit",
    "name",
    "value",
    "unit",
    "qualifier",
    "from_value",
    "kind",
    "year",
    "period",
    "planned",
    "observation_id",
    "article_id",
    "article__published_on",
)
_COPIED = (
    "indicator_id",
    "name",
    "value",
    "unit",
    "qualifier",
    "from_value",
    "kind",
    "year",
    "years",
    "planned",
)


def _newest_first(row):
    published = row["article__published_on"]
    return (published is not None, published.toordinal() if published else 0, row["article_id"], row["id"])


def rebuild_observations(hospital_ids):
    """Recompute the observations of these hospitals from their metrics; returns the number kept.

    Rows whose key survives are updated in place, new facts are created, facts no metric
    states any more are deleted, and only metrics whose observation changed are written.
    """
    hospital_ids = {h for h in hospital_ids if h is not None}
    if not hospital_ids:
        return 0
    rows = list(Metric.objects.filter(hospital_id__in=hospital_ids).values(*_FIELDS))
    groups = {}
    for row in sorted(rows, key=_newest_first, reverse=True):
        fact = describe(row)
        group = groups.setdefault((row["hospital_id"], fact["key"]), {**fact, "rows": []})
        group["rows"].append(row)
    existing = {(o.hospital_id, o.key): o for o in Observation.objects.filter(hospital_id__in=hospital_ids)}
    to_create, to_update = [], []
    for (hospital_id, key), group in groups.items():
        newest = group["rows"][0]
        values = {field: group[field] for field in _COPIED if field != "qualifier"}
        values["qualifier"] = newest["qualifier"]
        values["source_count"] = len({r["article_id"] for r in group["rows"]})
        values["latest_published_on"] = newest["article__published_on"]
        obs = existing.pop((hospital_id, key), None)
        if obs is None:
            to_create.append(Observation(hospital_id=hospital_id, key=key, **values))
            continue
        if any(getattr(obs, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(obs, f, v)
            to_update.append(obs)
        group["observation"] = obs
    if existing:
        Observation.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()
    if to_update:
        Observation.objects.bulk_update(to_update, [*_COPIED, "source_count", "latest_published_on"])
    created = Observation.objects.bulk_create(to_create)
    for obs in created:
        groups[(obs.hospital_id, obs.key)]["observation"] = obs
    moved = [
        Metric(pk=row["id"], observation_id=group["observation"].pk)
        for group in groups.values()
        for row in group["rows"]
        if row["observation_id"] != group["observation"].pk
    ]
    if moved:
        Metric.objects.bulk_update(moved, ["observation"], batch_size=500)
    return len(groups)


def latest_values(indicator, observations=None):
    """Each hospital's latest current value of `indicator` (one Observation per hospital, hospital
    selected), best first by the indicator's direction; highest first when it has none.

    Latest means the latest year, then the newest source; undated values count as oldest.
    Multi-year totals (近三年) don't compete with yearly values. `observations` narrows the rows
    (e.g. filtered by province or year)."""
    qs = Observation.objects.all() if observations is None else observations
    rows = qs.current().filter(indicator=indicator, years=1).select_related("hospital").newest_first()
    latest = {}
    for obs in rows:
        latest.setdefault(obs.hospital_id, obs)
    return rank(list(latest.values()), indicator.direction)


def rank(observations, direction):
    """Observations best first: ascending when lower is better, otherwise descending."""
    return sorted(observations, key=lambda o: o.value, reverse=direction != Indicator.Direction.LOWER)


def series(observations):
    """{indicator id: [observation, …] by year} of dated yearly current values, one per year
    (the one with the newest source when several values claim a year)."""
    by_indicator = {}
    for obs in observations:
        if (
            obs.indicator_id is None
            or obs.year is None
            or obs.years != 1
            or obs.planned
            or obs.kind != "level"
        ):
            continue
        years = by_indicator.setdefault(obs.indicator_id, {})
        kept = years.get(obs.year)
        if kept is None or _newer(obs, kept):
            years[obs.year] = obs
    return {key: [years[y] for y in sorted(years)] for key, years in by_indicator.items()}


def _newer(a, b):
    return (a.latest_published_on or date.min, a.source_count) > (
        b.latest_published_on or date.min,
        b.source_count,
    )


_linker = (None, None)


def _table_version():
    # Rows added or removed elsewhere (another process, a rolled-back transaction) change this.
    return (
        tuple(Indicator.objects.aggregate(n=Count("id"), top=Max("id")).values()),
        tuple(IndicatorSynonym.objects.aggregate(n=Count("id"), top=Max("id")).values()),
    )


def current_linker():
    """The linker over the current synonym table, kept while the table is unchanged."""
    global _linker
    version = _table_version()
    if _linker[0] != version or _linker[1] is None:
        _linker = (version, load_linker())
    return _linker[1]


@receiver(post_save, sender=Indicator, dispatch_uid="observations.indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="observations.indicator_deleted")
@receiver(post_save, sender=IndicatorSynonym, dispatch_uid="observations.synonym_saved")
@receiver(post_delete, sender=IndicatorSynonym, dispatch_uid="observations.synonym_deleted")
def forget_linker(**kwargs):
    global _linker
    _linker = (None, None)


def link_metrics(metrics=None, linker=None):
    """Set `indicator` of metrics (a Metric queryset, default all) from names, units and evidence.

    An indicator an admin chose on their own metric is kept. Returns (linked, changed hospital ids).
    """
    linker = linker or current_linker()
    qs = Metric.objects.all() if metrics is None else metrics
    changed, hospitals, linked = [], set(), 0
    for m in qs.only(
        "pk", "hospital_id", "name", "unit", "evidence", "indicator_id", "origin", "admin_edited"
    ):
        by_admin = m.origin == Origin.ADMIN or m.admin_edited
        if by_admin and m.indicator_id is not None:
            linked += 1
            continue
        key = linker.link(m.name, m.unit, m.evidence)
        linked += key is not None
        if key != m.indicator_id:
            m.indicator_id = key
            changed.append(m)
            hospitals.add(m.hospital_id)
    if changed:
        Metric.objects.bulk_update(changed, ["indicator"], batch_size=500)
    return linked, hospitals


def relink(metrics=None, linker=None, chunk=500):
    """Link metrics (a queryset, default all) again after the synonym table changed, and rebuild
    the observations of the hospitals whose metrics moved. Returns the number of metrics changed.

    Names are linked once per distinct (name, unit) and the changes written per indicator, so
    relinking the whole table after an admin edit takes a few queries. Indicators an admin set
    on their own metrics stay; bare names the sentence must qualify (满意度) are linked row by row.
    """
    linker = linker or current_linker()
    qs = Metric.objects.all() if metrics is None else metrics
    qs = qs.exclude((Q(origin=Origin.ADMIN) | Q(admin_edited=True)) & Q(indicator__isnull=False))
    links, by_sentence, moves, hospitals = {}, [], {}, set()
    rows = qs.order_by().values_list("pk", "hospital_id", "name", "unit", "indicator_id")
    for pk, hospital_id, name, unit, current in rows.iterator(chunk_size=5000):
        if (name, unit) not in links:
            links[name, unit] = "evidence" if linker.needs_evidence(name) else linker.link(name, unit)
        key = links[name, unit]
        if key == "evidence":
            by_sentence.append(pk)
        elif key != current:
            moves.setdefault(key, []).append(pk)
            hospitals.add(hospital_id)
    changed = 0
    for key, pks in moves.items():
        for start in range(0, len(pks), chunk):
            changed += Metric.objects.filter(pk__in=pks[start : start + chunk]).update(indicator_id=key)
    for start in range(0, len(by_sentence), chunk):
        _, moved = link_metrics(Metric.objects.filter(pk__in=by_sentence[start : start + chunk]), linker)
        hospitals |= moved
    ids = sorted(hospitals)
    for start in range(0, len(ids), 200):
        rebuild_observations(ids[start : start + 200])
    return changed


def rebuild_all(batch=200):
    """Rebuild every hospital's observations, `batch` hospitals at a time; returns observations kept."""
    ids = list(Hospital.objects.order_by("pk").values_list("pk", flat=True))
    return sum(rebuild_observations(ids[i : i + batch]) for i in range(0, len(ids), batch))


# Admin edits, deletions and merges change metrics one at a time; their hospital's observations
# follow once the transaction commits. The importer rebuilds in bulk and pauses this.
_paused = ContextVar("observations_paused", default=False)


@contextmanager
def paused():
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


class _Batch:
    """Hospitals whose observations to rebuild when the current transaction commits."""

    def __init__(self):
        self.hospitals, self.metrics = set(), set()
        self.done = False

    def __call__(self):
        self.done = True
        link_metrics(Metric.objects.filter(pk__in=self.metrics, indicator__isnull=True))
        rebuild_observations(self.hospitals)


def _schedule(hospital_id, metric_id=None):
    """Rebuild after commit, once per transaction however many metrics changed (a merge moves hundreds)."""
    if hospital_id is None:
        return
    connection = transaction.get_connection()
    batch = getattr(connection, "_observation_batch", None)
    # A batch is still to run while its callback waits in this transaction (a rolled-back
    # savepoint drops it from the list).
    pending = (
        batch is not None
        and not batch.done
        and connection.in_atomic_block
        and any(entry[1] is batch for entry in getattr(connection, "run_on_commit", ()))
    )
    if batch is None or not pending:
        batch = _Batch()
        connection._observation_batch = batch
        batch.hospitals.add(hospital_id)
        if metric_id is not None:
            batch.metrics.add(metric_id)
        transaction.on_commit(batch)
        return
    batch.hospitals.add(hospital_id)
    if metric_id is not None:
        batch.metrics.add(metric_id)


@receiver(post_save, sender=Metric, dispatch_uid="observations.metric_saved")
def _metric_saved(sender, instance, created, update_fields=None, **kwargs):
    if _paused.get() or (update_fields is not None and not (_FACT_FIELDS & set(update_fields))):
        return
    # A metric an admin adds is linked like an imported one.
    _schedule(instance.hospital_id, instance.pk if instance.indicator_id is None else None)


@receiver(post_delete, sender=Metric, dispatch_uid="observations.metric_deleted")
def _metric_deleted(sender, instance, **kwargs):
    if not _paused.get():
        _schedule(instance.hospital_id)
