"""The importer against what a careful reader takes out of the five seed articles."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from hospitals.evaluation import (
    extract_file,
    fold_name,
    initiative_found,
    metric_matches,
    not_metric_violations,
)

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


# Each check runs on the articles whose spec says something for it, so none passes on an empty list.
WITH_OTHER_HOSPITALS = [a for a in ARTICLES if a.get("other_hospitals")]
WITH_BYLINE = [a for a in ARTICLES if a.get("byline")]


def test_the_spec_gives_every_check_something_to_check():
    assert WITH_OTHER_HOSPITALS and WITH_BYLINE
    for art in ARTICLES:
        assert art["people"] and art["metrics"] and art["not_metrics"] and art["initiatives_any"], art["file"]


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
    names = {fold_name(n) for n in [subject.name, *subject.aliases]}
    for alias in art["hospital"]["aliases"]:
        assert fold_name(alias) in names
    for short in art["hospital"].get("short_forms", []):
        assert fold_name(short) not in names


def _mentioned(results):
    return {
        fold_name(n)
        for _p, ex in results
        for h in ex.hospitals
        if h.role == "mentioned"
        for n in [h.name, *h.aliases]
    }


@pytest.mark.parametrize("art", WITH_OTHER_HOSPITALS, ids=_ids)
def test_it_lists_other_hospitals_as_mentioned(results, art):
    mentioned = _mentioned(results[art["file"]])
    for name in art["other_hospitals"]:
        assert fold_name(name) in mentioned


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_does_not_also_list_the_subject_as_another_hospital(results, art):
    spec = art["hospital"]
    assert not {fold_name(n) for n in [spec["name"], *spec["aliases"]]} & _mentioned(results[art["file"]])


def _people(results):
    people = {}
    for _p, ex in results:
        for p in ex.people:
            people.setdefault(p.name, set()).update(p.titles)
    return people


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_the_leaders_with_their_titles(results, art):
    people = _people(results[art["file"]])
    for person in art["people"]:
        assert person["title"] in people.get(person["name"], set())


@pytest.mark.parametrize("art", WITH_BYLINE, ids=_ids)
def test_it_does_not_take_the_writers_for_people_of_the_hospital(results, art):
    people = _people(results[art["file"]])
    for writer in art["byline"]:
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
        # A literal with no unit of ours ("75岁", "百强" written as a number) never yields a metric of that number.
        digits = "".join(ch for ch in literal if ch.isdigit())
        if digits and not any(u in literal for u in ("%", "个", "项", "人", "名")):
            assert not any(literal in m.evidence and m.value == Decimal(digits) for m in metrics), literal


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_it_finds_most_named_initiatives(results, art):
    names = [i.name for _p, ex in results[art["file"]] for i in ex.initiatives]
    wanted = art["initiatives_any"]
    found = [w for w in wanted if initiative_found(w, names)]
    assert len(found) >= 0.6 * len(wanted), set(wanted) - set(found)


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_every_span_points_at_its_evidence(results, art):
    for parsed, ex in results[art["file"]]:
        body = parsed.body
        for fact in [*ex.metrics, *ex.initiatives]:
            assert body[fact.span[0] : fact.span[1]] == fact.evidence


def test_an_initiative_is_not_found_by_a_generic_stem_of_its_name():
    assert initiative_found("互联网+护理服务", ["互联网+护理服务工程"])
    assert initiative_found("互联网+护理服务", ["互联网+护理服"])
    assert not initiative_found("互联网+护理服务", ["互联网"])
    assert not initiative_found("智慧药房", ["药房"])


def test_evaluate_extraction_prints_recall_precision_and_timing_as_json():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("evaluate_extraction", "--set", "seeds", stdout=out)
    result = json.loads(out.getvalue())["sets"]["seeds"]
    rows, overall = result["articles"], result["overall"]
    assert [r["file"] for r in rows] == [a["file"] for a in ARTICLES]
    # The overall figures add up the per-article ones: counts, ratios and the mean time.
    metrics = overall["metrics"]
    assert metrics["expected"] == sum(len(a["metrics"]) for a in ARTICLES)
    assert metrics["correct"] == sum(r["metrics"]["correct"] for r in rows)
    assert metrics["emitted"] == sum(r["metrics"]["emitted"] for r in rows)
    assert metrics["recall"] == round(metrics["correct"] / metrics["expected"], 3) >= 0.9
    assert metrics["precision"] == round(metrics["correct"] / metrics["emitted"], 3)
    assert overall["hospital"]["correct"] == sum(r["hospital_ok"] for r in rows) == len(ARTICLES)
    assert all(r["ms"] > 0 for r in rows)
    assert abs(overall["ms_per_article"] - sum(r["ms"] for r in rows) / len(rows)) <= 0.1
