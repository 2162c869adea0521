"""Scoring extraction against the seed expectations (what a careful reader takes out)."""

import json
import re
import time
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from .extraction import extract

SHARED_SPEC = Path("/work/shared/spec/seed_expectations.json")


def default_spec_path():
    return (
        SHARED_SPEC
        if SHARED_SPEC.exists()
        else Path(settings.BASE_DIR) / "fixtures" / "seed_expectations.json"
    )


def parse_file(text):
    from articles.cleaning import parse_article

    return parse_article(text)


def extract_file(text):
    """[(ParsedArticle, Extraction)] for every item of one file; items that name no hospital
    belong to the lead item's subject (a hospital's own newsletter page)."""
    items = parse_file(text)
    out = []
    lead_subject = None
    for parsed in items:
        ex = extract(parsed, fallback_subject=lead_subject)
        if lead_subject is None and ex.subject is not None:
            lead_subject = ex.subject
        out.append((parsed, ex))
    return out


def _dec(x):
    return None if x is None else Decimal(str(x))


def metric_matches(found, spec):
    return (
        found.value == _dec(spec["value"])
        and found.unit == spec["unit"]
        and found.from_value == _dec(spec.get("from_value"))
        and (not spec.get("qualifier") or found.qualifier == spec["qualifier"])
    )


def not_metric_violations(metrics, literals):
    """not_metrics literals that some metric's evidence covers with that literal's number as value."""
    bad = []
    for literal in literals:
        numbers = re.findall(r"\d+(?:\.\d+)?", literal)
        for m in metrics:
            if literal in m.evidence and any(m.value == Decimal(n) for n in numbers):
                # The same number may be a real metric elsewhere in the sentence; only flag it when
                # the literal's number is right next to the metric's unit.
                if any(
                    f"{n}{m.qualifier if m.qualifier in ('余', '多') else ''}{m.unit}" in literal
                    for n in numbers
                ):
                    bad.append((literal, m.name))
    return bad


def _similar(a, b):
    return a in b or b in a


def evaluate(spec_path=None, fixtures_dir=None):
    """Per-seed and overall recall/precision of metrics, initiatives recall, people, ms per article."""
    spec_path = Path(spec_path or default_spec_path())
    fixtures_dir = Path(fixtures_dir or Path(settings.BASE_DIR) / "fixtures")
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    seeds, totals = (
        [],
        {
            "metrics_spec": 0,
            "metrics_found": 0,
            "metrics_emitted": 0,
            "initiatives_spec": 0,
            "initiatives_found": 0,
            "ms": 0.0,
        },
    )
    for art in spec["articles"]:
        text = (fixtures_dir / art["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        results = extract_file(text)
        ms = (time.perf_counter() - t0) * 1000
        metrics = [m for _p, ex in results for m in ex.metrics]
        initiatives = [i for _p, ex in results for i in ex.initiatives]
        people = {(p.name, t) for _p, ex in results for p in ex.people for t in p.titles}
        matched_spec = [s for s in art.get("metrics", []) if any(metric_matches(m, s) for m in metrics)]
        matched_emitted = [m for m in metrics if any(metric_matches(m, s) for s in art.get("metrics", []))]
        inits = art.get("initiatives_any", [])
        found_inits = [n for n in inits if any(_similar(n, i.name) for i in initiatives)]
        subject = results[0][1].subject if results else None
        seeds.append(
            {
                "file": art["file"],
                "subject": subject.name if subject else None,
                "metrics_recall": f"{len(matched_spec)}/{len(art.get('metrics', []))}",
                "metrics_precision": f"{len(matched_emitted)}/{len(metrics)}",
                "missed_metrics": [
                    f"{s['name']} {s['value']}{s['unit']}"
                    for s in art.get("metrics", [])
                    if s not in matched_spec
                ],
                "not_metric_violations": not_metric_violations(metrics, art.get("not_metrics", [])),
                "initiatives_recall": f"{len(found_inits)}/{len(inits)}",
                "people": sorted(f"{n}:{t}" for n, t in people),
                "ms": round(ms, 1),
            }
        )
        totals["metrics_spec"] += len(art.get("metrics", []))
        totals["metrics_found"] += len(matched_spec)
        totals["metrics_emitted"] += len(metrics)
        totals["initiatives_spec"] += len(inits)
        totals["initiatives_found"] += len(found_inits)
        totals["ms"] += ms
    n = max(len(seeds), 1)
    overall = {
        "metrics_recall": round(totals["metrics_found"] / max(totals["metrics_spec"], 1), 3),
        "metrics_precision_matched_over_emitted": round(
            sum(int(s["metrics_precision"].split("/")[0]) for s in seeds) / max(totals["metrics_emitted"], 1),
            3,
        ),
        "initiatives_recall": round(totals["initiatives_found"] / max(totals["initiatives_spec"], 1), 3),
        "ms_per_article": round(totals["ms"] / n, 1),
    }
    return {"spec": str(spec_path), "seeds": seeds, "overall": overall}
