"""The importer against what a careful reader takes out of the five seed articles."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from hospitals.evaluation import extract_file, metric_matches, not_metric_violations

SPEC_PATH = Path(settings.BASE_DIR) / "fixtures" / "seed_expectations.json"
SPEC = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
ARTICLES = SPEC["articles"]

LEVEL_LABELS = {"二级甲等": "2a", "三级甲等": "3a", "二级乙等": "2b", "三级乙等": "3b"}
CATEGORY_LABELS = {"中医医院": "tcm", "综合医院": "general", "专科医院": "specialist"}


@pytest.fixture(scope="module")
def results():
    out = {}
    for art in ARTICLES:
        text = (Path(settings.BASE_DIR) / "fixtures" / art["file"]).read_text(encoding="utf-8")
        out[art["file"]] = extract_file(text)
    return out


def _ids(art):
    return art["file"][:3]


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_the_subject_hospital_and_its_place(results, art):
    subject = results[art["file"]][0][1].subject
    spec = art["hospital"]
    assert subject is not None
    assert spec["name"] == subject.name or spec["name"] in subject.aliases
    assert subject.province == spec["province"]
    assert subject.city == spec["city"]
    assert subject.county == (spec["county"] or "")
    if "founded_year" in spec:
        assert subject.founded_year == spec["founded_year"]
    if "level" in spec:
        assert subject.level == LEVEL_LABELS[spec["level"]]
    if "category" in spec:
        assert subject.category == CATEGORY_LABELS[spec["category"]]


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_knows_the_subject_by_its_aliases_but_not_by_short_forms(results, art):
    subject = results[art["file"]][0][1].subject
    names = {subject.name, *subject.aliases}
    for alias in art["hospital"]["aliases"]:
        assert alias in names
    for short in art["hospital"].get("short_forms", []):
        assert short not in subject.aliases


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_lists_other_hospitals_as_mentioned(results, art):
    mentioned = {
        n
        for _p, ex in results[art["file"]]
        for h in ex.hospitals
        if h.role == "mentioned"
        for n in [h.name, *h.aliases]
    }
    for name in art.get("other_hospitals", []):
        assert name in mentioned


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_the_leaders_with_their_titles_and_not_the_reporters(results, art):
    people = {}
    for _p, ex in results[art["file"]]:
        for p in ex.people:
            people.setdefault(p.name, set()).update(p.titles)
    for person in art["people"]:
        assert person["title"] in people.get(person["name"], set())
    for writer in art.get("byline", []):
        assert writer not in people


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_nine_in_ten_metrics_with_the_same_value_unit_and_start(results, art):
    metrics = [m for _p, ex in results[art["file"]] for m in ex.metrics]
    found = [s for s in art["metrics"] if any(metric_matches(m, s) for m in metrics)]
    assert len(found) >= 0.9 * len(art["metrics"]), [s for s in art["metrics"] if s not in found]


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_takes_no_dates_ages_or_names_for_metrics(results, art):
    metrics = [m for _p, ex in results[art["file"]] for m in ex.metrics]
    assert not_metric_violations(metrics, art["not_metrics"]) == []
    for literal in art["not_metrics"]:
        # A literal with no unit of ours ("80岁", "500强") never yields a metric of that number.
        digits = "".join(ch for ch in literal if ch.isdigit())
        if digits and not any(u in literal for u in ("%", "个", "项", "人", "名")):
            assert not any(literal in m.evidence and m.value == Decimal(digits) for m in metrics), literal


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_most_named_initiatives(results, art):
    names = [i.name for _p, ex in results[art["file"]] for i in ex.initiatives]
    wanted = art["initiatives_any"]
    found = [w for w in wanted if any(w in n or n in w for n in names)]
    assert len(found) >= 0.6 * len(wanted), set(wanted) - set(found)


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_every_span_points_at_its_evidence(results, art):
    for parsed, ex in results[art["file"]]:
        body = parsed.body
        for fact in [*ex.metrics, *ex.initiatives]:
            assert body[fact.span[0] : fact.span[1]] == fact.evidence


def test_evaluate_extraction_prints_recall_precision_and_timing_as_json():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("evaluate_extraction", "--spec", str(SPEC_PATH), stdout=out)
    result = json.loads(out.getvalue())
    assert len(result["seeds"]) == len(ARTICLES)
    assert result["overall"]["metrics_recall"] >= 0.9
    assert result["overall"]["ms_per_article"] > 0
