"""Scoring extraction against hand-made expectations: the seed spec, the evaluation set and the
held-out set (written like the evaluation set but not looked at while the rules are tuned).

Both are JSON files whose articles are named relative to the file's own folder. Each article says
which hospital it is about (name, aliases, place), its leaders, the metrics a careful reader records
and literal snippets whose numbers are not metrics. The score is precision, recall and F1 per kind
of fact, overall and per article.
"""

import json
import re
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from .extraction.text import to_simplified
from .receivers import extract_item

SETS = {
    "seeds": Path("fixtures") / "seed_expectations.json",
    "own": Path("evaluation") / "own" / "expectations.json",
    "heldout": Path("evaluation") / "heldout" / "expectations.json",
}


def set_path(name):
    return Path(settings.BASE_DIR) / SETS[name]


def parse_file(text):
    from articles.cleaning import parse_article

    return parse_article(text)


def extract_file(text):
    """[(ParsedArticle, Extraction)] for every item of one file, read as the import reads them."""
    page_context = {}
    return [(parsed, extract_item(parsed, page_context)) for parsed in parse_file(text)]


def _dec(x):
    return None if x is None else Decimal(str(x))


# The same unit written differently is the same measurement.
_UNIT_SPELLINGS = (("％", "%"), ("m²", "平方米"), ("㎡", "平方米"), ("m2", "平方米"), ("平米", "平方米"))


def normalize_unit(unit):
    for spelling, canonical in _UNIT_SPELLINGS:
        unit = unit.replace(spelling, canonical)
    return unit


def metric_matches(found, spec, qualifier=True):
    """Same value, unit, start value (and qualifier, when the spec gives one and `qualifier` is
    asked for); names are not compared."""
    return (
        found.value == _dec(spec["value"])
        and normalize_unit(found.unit) == normalize_unit(spec["unit"])
        and found.from_value == _dec(spec.get("from_value"))
        and (not qualifier or not spec.get("qualifier") or found.qualifier == spec["qualifier"])
    )


# Words around the thing measured that do not change what it is: "全年门诊量" is "门诊量", "职工总数"
# is "职工". Stripped from both names before comparing.
_NAME_PREFIX = re.compile(
    r"^(?:全年|全院|年均|每年|今年|去年|当年|上年|累计|共计|总计|共|总|现有|拥有|其中|医院|该院|我院|本院|年度|年)+"
)
_NAME_SUFFIX = re.compile(r"(?:总数|总量|人数|人次|例数|台次|数量|数|量)+$")


def name_key(name):
    name = to_simplified(name or "")
    key = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", name))
    return key or name


def names_similar(found_name, spec):
    """The emitted name and the spec's (or one of its accepted `names`) contain one another."""
    a = name_key(found_name)
    for wanted in [spec["name"], *spec.get("names", [])]:
        b = name_key(wanted)
        if a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)):
            return True
    return False


def is_planned(found):
    # Extraction marks targets and projections with `planned`; before it does, nothing is planned.
    return bool(getattr(found, "planned", False))


def metric_counts(found, spec):
    """An emitted metric that stands for an expected one: numbers, name, and planned or not alike.
    余/多/约 is annotated but not scored: "1.8万人次" for "1.8万余人次" is the same fact."""
    return (
        metric_matches(found, spec, qualifier=False)
        and names_similar(found.name, spec)
        and is_planned(found) == bool(spec.get("planned"))
    )


def match_metrics(emitted, expected):
    """One-to-one pairing, first come first served: [(spec, metric)], unmatched specs, unmatched metrics."""
    free = list(emitted)
    pairs, missed = [], []
    for spec in expected:
        hit = next((m for m in free if metric_counts(m, spec)), None)
        if hit is None:
            missed.append(spec)
        else:
            free.remove(hit)
            pairs.append((spec, hit))
    return pairs, missed, free


# Pinyin after characters ("醫(yī)院") and spacing, as web pages carry them and the cleaner may drop them.
_PINYIN = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\s?)+\)")


def plain_text(text):
    return re.sub(r"\s+", "", _PINYIN.sub("", to_simplified(text or "")))


_LITERAL_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?")
_SCALE = {None: 1, "万": 10_000, "亿": 100_000_000}


def _written_in(value, text):
    """Whether `value` is written in `text` as a number of its own (also as so many 万 or 亿)."""
    for scale in (1, 10_000, 100_000_000):
        written = format((value / scale).normalize(), "f")
        if re.search(rf"(?<![\d.]){re.escape(written)}(?![\d])", text):
            return True
    return False


def not_metric_violations(metrics, literals):
    """(literal, metric name) for every metric taken from a not-metric literal: the literal is in its
    evidence, holds its number (as written or scaled by 万/亿), and the rest of the evidence does not."""
    bad = []
    for literal in literals:
        lit = plain_text(literal)
        values = set()
        for num in _LITERAL_NUMBER.finditer(lit):
            value = Decimal(num.group(1))
            values |= {value, value * _SCALE[num.group(2)]}
        for m in metrics:
            evidence = plain_text(m.evidence)
            if lit in evidence and m.value in values and not _written_in(m.value, evidence.replace(lit, "|")):
                bad.append((literal, m.name))
    return bad


def initiative_found(wanted, names):
    """An initiative counts as found when an emitted name contains it, or is a part of it that
    keeps most of it: a generic stem ("互联网" for "互联网+护理服务") does not count."""
    return any(wanted in n or (n in wanted and 3 * len(n) >= 2 * len(wanted)) for n in names)


def _prf(correct, expected, emitted):
    precision = correct / emitted if emitted else (1.0 if not expected else 0.0)
    recall = correct / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "correct": correct,
        "expected": expected,
        "emitted": emitted,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def fold_name(name):
    """A name as compared: simplified characters, full-width punctuation folded ("（" is "(")."""
    return unicodedata.normalize("NFKC", to_simplified(name or ""))


def _same_name(a, b):
    return fold_name(a) == fold_name(b)


def _expected_leaders(art):
    if "leaders" in art:
        return [(p["name"], t) for p in art["leaders"] for t in p["titles"]]
    return [(p["name"], p["title"]) for p in art.get("people", [])]


def _plain_number(d):
    return None if d is None else format(d.normalize(), "f")


def _fmt_metric(name, value, unit, from_value=None, planned=False):
    start = f"{from_value}→" if from_value is not None else ""
    return f"{'[计划]' if planned else ''}{name} {start}{value}{unit}"


def score_article(art, results):
    """Scores of one article: `results` is extract_file's output for its text."""
    spec = art["hospital"]
    subject = next((ex.subject for _p, ex in results if ex.subject is not None), None)
    wanted_names = [spec["name"], *spec.get("aliases", [])]
    found_names = [subject.name, *subject.aliases] if subject else []
    hospital_ok = any(_same_name(a, b) for a in wanted_names for b in found_names)
    place = (subject.province, subject.city, subject.county) if subject else ("", "", "")
    place_ok = hospital_ok and place == (spec["province"] or "", spec["city"] or "", spec["county"] or "")
    # Facts stored under the subject found; when that is the wrong hospital, none of them can count.
    subject_names = {fold_name(n) for n in found_names}
    if hospital_ok:
        subject_names |= {fold_name(n) for n in wanted_names}

    metrics = [m for _p, ex in results for m in ex.metrics if fold_name(m.hospital) in subject_names]
    expected_metrics = art.get("metrics", [])
    pairs, missed, spurious = match_metrics(metrics if hospital_ok else [], expected_metrics)
    if not hospital_ok:
        spurious = metrics

    people = {
        (to_simplified(p.name), t)
        for _p, ex in results
        for p in ex.people
        if fold_name(p.hospital) in subject_names
        for t in p.titles
    }
    ignored = {to_simplified(n) for n in art.get("other_people", [])}
    people = {(n, t) for n, t in people if n not in ignored}
    expected_people = {(to_simplified(n), t) for n, t in _expected_leaders(art)}
    leaders_ok = people & expected_people if hospital_ok else set()

    # A figure rightly given to another hospital (a partner's beds) is no violation: only what is
    # stored for the subject found, or for the hospital expected, counts.
    ours = subject_names | {fold_name(n) for n in wanted_names}
    our_metrics = [m for _p, ex in results for m in ex.metrics if fold_name(m.hospital) in ours]
    return {
        "file": art["file"],
        "kind": art.get("kind", "seed"),
        "subject": subject.name if subject else None,
        "place": " ".join(x for x in place if x),
        "hospital_ok": hospital_ok,
        "place_ok": place_ok,
        "leaders": _prf(len(leaders_ok), len(expected_people), len(people)),
        "missed_leaders": sorted(f"{n}:{t}" for n, t in expected_people - leaders_ok),
        "spurious_leaders": sorted(f"{n}:{t}" for n, t in people - leaders_ok),
        "metrics": _prf(len(pairs), len(expected_metrics), len(metrics)),
        "missed_metrics": [
            _fmt_metric(s["name"], s["value"], s["unit"], s.get("from_value"), s.get("planned"))
            for s in missed
        ],
        "spurious_metrics": [
            _fmt_metric(m.name, _plain_number(m.value), m.unit, _plain_number(m.from_value), is_planned(m))
            for m in spurious
        ],
        "not_metric_violations": [
            f"{lit} -> {name}" for lit, name in not_metric_violations(our_metrics, art.get("not_metrics", []))
        ],
    }


def _overall(rows, ms):
    n = len(rows)
    emitted_subjects = sum(1 for r in rows if r["subject"])
    hospital = sum(r["hospital_ok"] for r in rows)
    place = sum(r["place_ok"] for r in rows)

    def total(kind):
        return _prf(*(sum(r[kind][k] for r in rows) for k in ("correct", "expected", "emitted")))

    return {
        "articles": n,
        "hospital": _prf(hospital, n, emitted_subjects),
        "place": _prf(place, n, emitted_subjects),
        "leaders": total("leaders"),
        "metrics": total("metrics"),
        "not_metric_violations": sum(len(r["not_metric_violations"]) for r in rows),
        "ms_per_article": round(ms / max(n, 1), 1),
    }


def evaluate_spec(spec_path):
    """Overall and per-article scores of one expectations file."""
    spec_path = Path(spec_path)
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    rows, ms_total = [], 0.0
    initiatives_wanted = initiatives_found = 0
    for art in spec["articles"]:
        text = (spec_path.parent / art["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        results = extract_file(text)
        ms = (time.perf_counter() - t0) * 1000
        ms_total += ms
        row = score_article(art, results)
        row["ms"] = round(ms, 1)
        wanted = art.get("initiatives_any", [])
        if wanted:
            names = [i.name for _p, ex in results for i in ex.initiatives]
            found = [w for w in wanted if initiative_found(w, names)]
            row["initiatives_recall"] = f"{len(found)}/{len(wanted)}"
            initiatives_wanted += len(wanted)
            initiatives_found += len(found)
        rows.append(row)
    overall = _overall(rows, ms_total)
    if initiatives_wanted:
        overall["initiatives_recall"] = round(initiatives_found / initiatives_wanted, 3)
    try:
        shown = spec_path.resolve().relative_to(Path(settings.BASE_DIR).resolve())
    except ValueError:
        shown = spec_path
    return {"spec": str(shown), "overall": overall, "articles": rows}


def evaluate(which="all", seed_spec=None, own_spec=None, heldout_spec=None):
    """{"sets": {name: evaluate_spec(...)}} for `which` in seeds | own | heldout | all."""
    paths = {
        "seeds": seed_spec or set_path("seeds"),
        "own": own_spec or set_path("own"),
        "heldout": heldout_spec or set_path("heldout"),
    }
    names = list(SETS) if which == "all" else [which]
    return {"sets": {name: evaluate_spec(paths[name]) for name in names}}
