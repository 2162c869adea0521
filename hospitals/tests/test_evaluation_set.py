"""The evaluation set (evaluation/own) is well formed, its scorer counts right, and extraction
does not fall below the scores it has reached on it."""

import json
import re
import unicodedata
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from hospitals.evaluation import (
    evaluate_spec,
    match_metrics,
    names_similar,
    normalize_unit,
    not_metric_violations,
    plain_text,
    score_article,
    set_path,
)
from hospitals.extraction import Extraction, HospitalFact, MetricFact, PersonFact
from hospitals.extraction.numbers import CN_DIGITS, parse_number

SET_DIR = Path(settings.BASE_DIR) / "evaluation" / "own"
SPEC = json.loads((SET_DIR / "expectations.json").read_text(encoding="utf-8"))
ARTICLES = SPEC["articles"]
KINDS = {"profile", "news", "feature", "report", "web_traditional"}


def _text(art):
    return (SET_DIR / art["file"]).read_text(encoding="utf-8")


def _plain(text):
    # What the annotations are checked against: simplified, no pinyin or spaces, no thousands commas.
    return re.sub(r"(?<=\d),(?=\d{3})", "", plain_text(text))


def _unit_pattern(unit):
    # "68万余人次": 余/多 may follow the number or the 万 of a unit.
    unit = plain_text(unit)
    if unit[:1] in "万亿" and len(unit) > 1:
        return rf"(?:余|多)?{re.escape(unit[0])}(?:余|多)?{re.escape(unit[1:])}"
    return rf"(?:余|多)?{re.escape(unit)}"


def _num(value):
    return format(Decimal(str(value)).normalize(), "f")


def _ids(art):
    return art["file"][:3]


# ---- the set is well formed -------------------------------------------------------------------


def test_every_article_file_is_annotated_once_and_every_annotation_has_its_file():
    files = [a["file"] for a in ARTICLES]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(p.name for p in SET_DIR.glob("*.txt"))


def test_the_set_is_large_and_varied_enough():
    assert len(ARTICLES) >= 30
    assert len({a["hospital"]["province"] for a in ARTICLES}) >= 10
    kinds = [a["kind"] for a in ARTICLES]
    assert set(kinds) == KINDS
    assert kinds.count("web_traditional") >= 5
    assert sum(1 for a in ARTICLES for m in a["metrics"] if m.get("planned")) >= 5
    assert sum(len(a["not_metrics"]) for a in ARTICLES) >= 40


def check_shape(art, text):
    """An annotated article as both sets write them: file name, length and annotation keys."""
    assert re.fullmatch(r"\d{3}_[a-z_]+_[a-z]+\.txt", art["file"])
    assert art["file"].split("_", 1)[1].startswith(art["kind"] + "_")
    assert 300 <= len(text) <= 2500
    hospital = art["hospital"]
    assert set(hospital) == {"name", "aliases", "province", "city", "county"}
    assert hospital["province"].endswith(("省", "自治区", "市"))
    for leader in art["leaders"]:
        assert set(leader) == {"name", "titles"} and leader["titles"]
    for m in art["metrics"]:
        assert set(m) <= {"name", "names", "value", "unit", "from_value", "qualifier", "planned", "year"}
        assert m["name"] and isinstance(m["unit"], str) and m.get("planned", True) is True


_CN_RUN = re.compile(rf"(?<![\d.])[{CN_DIGITS}]+")


def _arabic(m):
    # "九十二万人次" is 92万人次: a closing 万 or 亿 is the unit's scale, kept as written.
    run = m.group()
    scale = run[-1] if run[-1] in "万亿" and len(run) > 1 else ""
    number = parse_number(run[: len(run) - len(scale)])
    return format(number, "f") + scale if number is not None else run


_CN_DECIMAL = re.compile(rf"([{CN_DIGITS}]+)点([零〇一二三四五六七八九]+)")


def _decimal(m):
    digits = "".join(
        str("零一二三四五六七八九".index(c)) if c in "零一二三四五六七八九" else "0" for c in m.group(2)
    )
    return f"{parse_number(m.group(1)) or 0}.{digits}"


def check_annotations_in(art, text):
    """Every annotated name, snippet and value is written in the article's text."""
    art_text = text
    text = _plain(text)
    assert plain_text(art["hospital"]["name"]) in text
    raw = text
    if art.get("numerals"):
        # Figures written in Chinese numerals (一千二百张, 百分之九十三点五) or full-width digits are
        # checked as numbers.
        text = unicodedata.normalize("NFKC", text)
        arabic = _CN_DECIMAL.sub(_decimal, text)
        arabic = re.sub(r"百分之([\d.]+)", r"\1%", arabic)
        text += "\n" + _CN_RUN.sub(_arabic, arabic)
    for person in [*(p["name"] for p in art["leaders"]), *art["other_people"]]:
        assert person in text
    for literal in art["not_metrics"]:
        assert _plain(literal) in raw, literal
    for m in art["metrics"]:
        # The value is written right before its unit (余/多 may sit between them).
        pattern = rf"(?<![\d.]){re.escape(_num(m['value']))}(?:\.0+)?{_unit_pattern(m['unit'])}"
        # In a table the unit may head the column ("| 门急诊人次（万人次） | 76.8 |"), bars or not.
        in_cell = rf"(?<![\d.]){re.escape(_num(m['value']))}(?:\.0+)?(?![\d.])"
        # A table laid out with spaces keeps its cells apart only in the text as written.
        cells = re.sub(r"(?<=\d),(?=\d{3})", "", unicodedata.normalize("NFKC", art_text))
        text_and_cells = text + "\n" + cells
        assert re.search(pattern, text) or (re.search(in_cell, text_and_cells) and m["unit"] in text), m
        if "from_value" in m:
            start = Decimal(str(m["from_value"]))
            # A start value written in a smaller unit (由3000平方米增至2.9万平方米) is converted.
            written = {_num(start), _num(start * 10000) if m["unit"].startswith("万") else _num(start)}
            assert any(
                re.search(rf"(?<![\d.]){re.escape(w)}(?:\.0+)?(?![\d.])", text_and_cells) for w in written
            ), m


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_article_shape_and_length(art):
    check_shape(art, _text(art))


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_every_annotation_is_in_the_text(art):
    check_annotations_in(art, _text(art))


# ---- the scorer -------------------------------------------------------------------------------


def _metric(name, value, unit, hospital="甲县人民医院", from_value=None, evidence="", planned=None):
    m = MetricFact(
        name=name,
        value=Decimal(str(value)),
        unit=unit,
        qualifier="",
        from_value=None if from_value is None else Decimal(str(from_value)),
        kind="level",
        year=None,
        period="",
        evidence=evidence,
        span=(0, 0),
        hospital=hospital,
    )
    if planned is not None:
        m.planned = planned
    return m


def _results(metrics=(), people=(), subject="甲县人民医院", place=("乙省", "丙市", "甲县")):
    ex = Extraction()
    if subject:
        ex.hospitals.append(HospitalFact(subject, [], "subject", *place))
    ex.metrics = list(metrics)
    ex.people = list(people)
    return [(None, ex)]


def _art(metrics=(), leaders=(), not_metrics=(), other_people=()):
    return {
        "file": "x.txt",
        "kind": "news",
        "hospital": {
            "name": "甲县人民医院",
            "aliases": [],
            "province": "乙省",
            "city": "丙市",
            "county": "甲县",
        },
        "leaders": list(leaders),
        "other_people": list(other_people),
        "metrics": list(metrics),
        "not_metrics": list(not_metrics),
    }


def test_names_are_similar_after_dropping_words_that_do_not_change_the_measure():
    assert names_similar("全年门诊量", {"name": "门诊"})
    assert names_similar("门急诊人次", {"name": "门急诊量"})
    assert names_similar("床位", {"name": "编制床位"})
    assert names_similar("卫技人员", {"name": "卫生技术人员", "names": ["卫技人员"]})
    assert not names_similar("职工", {"name": "博士"})
    # A single character left over never stands for a name.
    assert not names_similar("院", {"name": "医院"})


def test_units_compare_by_meaning_not_spelling():
    assert normalize_unit("万m²") == normalize_unit("万平方米") == "万平方米"
    assert normalize_unit("％") == "%"


def test_matching_is_one_to_one_and_needs_value_unit_start_and_name():
    expected = [
        {"name": "编制床位", "value": 500, "unit": "张"},
        {"name": "开放床位", "value": 500, "unit": "张"},
        {"name": "平均住院日", "value": 7.2, "unit": "天", "from_value": 8},
    ]
    emitted = [
        _metric("床位", 500, "张"),
        _metric("平均住院日", "7.20", "天", from_value=8),
        _metric("平均住院日", 7.2, "天"),  # no start value: not the same fact
        _metric("职工", 500, "人"),
    ]
    pairs, missed, spurious = match_metrics(emitted, expected)
    assert [(s["name"], m.name) for s, m in pairs] == [("编制床位", "床位"), ("平均住院日", "平均住院日")]
    assert [s["name"] for s in missed] == ["开放床位"]
    assert [(m.name, m.from_value) for m in spurious] == [("平均住院日", None), ("职工", None)]


def test_a_qualifier_is_annotated_but_not_scored():
    expected = [{"name": "职工", "value": 900, "unit": "人", "qualifier": "余"}]
    row = score_article(_art(expected), _results([_metric("职工", 900, "人")]))
    assert row["metrics"]["correct"] == 1


def test_planned_figures_count_only_as_planned():
    expected = [
        {"name": "床位", "value": 800, "unit": "张", "planned": True},
        {"name": "职工", "value": 90, "unit": "人"},
    ]
    # Without a `planned` attribute a metric is current: the target is missed and wrongly emitted.
    row = score_article(_art(expected), _results([_metric("床位", 800, "张"), _metric("职工", 90, "人")]))
    assert row["metrics"] == {
        "correct": 1,
        "expected": 2,
        "emitted": 2,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert row["missed_metrics"] == ["[计划]床位 800张"]
    assert row["spurious_metrics"] == ["床位 800张"]
    row = score_article(_art(expected), _results([_metric("床位", 800, "张", planned=True)]))
    assert (row["metrics"]["correct"], row["metrics"]["emitted"]) == (1, 1)
    # A current figure emitted as planned is as wrong as the other way round.
    row = score_article(_art(expected), _results([_metric("职工", 90, "人", planned=True)]))
    assert row["metrics"]["correct"] == 0 and row["spurious_metrics"] == ["[计划]职工 90人"]


def test_only_the_subjects_metrics_are_scored_and_a_wrong_subject_scores_nothing():
    expected = [{"name": "职工", "value": 90, "unit": "人"}]
    other = _metric("职工", 7000, "人", hospital="省人民医院")
    row = score_article(_art(expected), _results([_metric("职工", 90, "人"), other]))
    assert (row["metrics"]["correct"], row["metrics"]["emitted"]) == (1, 1)
    assert row["hospital_ok"] and row["place_ok"]
    wrong = _results([_metric("职工", 90, "人", hospital="丁县医院")], subject="丁县医院")
    row = score_article(_art(expected), wrong)
    assert not row["hospital_ok"] and not row["place_ok"]
    assert (row["metrics"]["correct"], row["metrics"]["emitted"]) == (0, 1)
    row = score_article(_art(expected), _results(place=("乙省", "丙市", "")))
    assert row["hospital_ok"] and not row["place_ok"]
    row = score_article(_art(expected), _results(subject=""))
    assert row["subject"] is None and row["metrics"]["recall"] == 0


def test_leaders_are_scored_by_name_and_title_of_the_subject():
    leaders = [{"name": "张三", "titles": ["党委书记", "院长"]}]
    people = [
        PersonFact("张三", ["院长"], "甲县人民医院", ""),
        PersonFact("李四", ["记者"], "甲县人民医院", ""),
        PersonFact("王五", ["主任"], "甲县人民医院", ""),
        PersonFact("赵六", ["院长"], "省人民医院", ""),
    ]
    row = score_article(_art(leaders=leaders, other_people=["王五"]), _results(people=people))
    assert (row["leaders"]["correct"], row["leaders"]["expected"], row["leaders"]["emitted"]) == (1, 2, 2)
    assert row["missed_leaders"] == ["张三:党委书记"]
    assert row["spurious_leaders"] == ["李四:记者"]


def test_a_not_metric_figure_given_to_another_hospital_is_no_violation():
    evidence = "合作医院编制床位7000张，本院开放床位700张"
    art = _art(not_metrics=["编制床位7000张"])
    theirs = _metric("编制床位", 7000, "张", hospital="省人民医院", evidence=evidence)
    assert score_article(art, _results([theirs]))["not_metric_violations"] == []
    ours = _metric("编制床位", 7000, "张", evidence=evidence)
    assert score_article(art, _results([ours]))["not_metric_violations"] == ["编制床位7000张 -> 编制床位"]


def test_not_metric_literals_catch_numbers_taken_from_them():
    evidence = "醫(yī)院迎來第50万名患者，全县31万群众受益，6月18日统计职工900人、病区18个"
    metrics = [
        _metric("患者", 500000, "名", evidence=evidence),
        _metric("群众", 31, "万人", evidence=evidence),
        _metric("职工", 900, "人", evidence=evidence),
        # 18 is also written outside the date: the metric may well come from there.
        _metric("病区", 18, "个", evidence=evidence),
    ]
    bad = not_metric_violations(metrics, ["第50万名患者", "全县31万群众", "6月18日", "醫(yī)院迎來"])
    assert bad == [("第50万名患者", "患者"), ("全县31万群众", "群众")]
    assert not_metric_violations([_metric("年龄", 75, "岁", evidence="老人今年75岁")], ["75岁"])


# ---- the command and the ratchet --------------------------------------------------------------


@pytest.fixture(scope="module")
def own_scores():
    return evaluate_spec(set_path("own"))


def test_evaluate_extraction_reports_each_set_chosen(own_scores):
    out = StringIO()
    call_command("evaluate_extraction", "--set", "own", "--summary", stdout=out)
    sets = json.loads(out.getvalue())["sets"]
    assert list(sets) == ["own"]
    out = StringIO()
    call_command("evaluate_extraction", "--summary", stdout=out)
    assert list(json.loads(out.getvalue())["sets"]) == ["seeds", "own", "heldout"]
    overall = sets["own"]["overall"]
    assert overall["articles"] == len(ARTICLES)
    for kind in ("hospital", "place", "leaders", "metrics"):
        assert set(overall[kind]) == {"correct", "expected", "emitted", "precision", "recall", "f1"}
    assert overall["metrics"]["expected"] == sum(len(a["metrics"]) for a in ARTICLES)
    assert [r["file"] for r in own_scores["articles"]] == [a["file"] for a in ARTICLES]


# Scores measured on the 34 articles when the set was written (2026-12-01, `evaluate_extraction --set
# own`); extraction must not fall below them by more than MARGIN, nor take more numbers from the
# not-metric snippets. Raise them as the rules improve.
# Raised when the set had 49 articles (measured 1.0 / 0.980 / 0.991 / 0.968 / 0.971 / 0.970, 11 violations).
FLOOR = {
    "hospital": 1.0,
    "place": 1.0,
    "leaders_recall": 0.99,
    "metrics_precision": 0.99,
    "metrics_recall": 0.98,
    "metrics_f1": 0.985,
}
MARGIN = 0.02
MAX_NOT_METRIC_VIOLATIONS = 2


def test_extraction_scores_on_the_set_do_not_fall(own_scores):
    overall = own_scores["overall"]
    measured = {
        "hospital": overall["hospital"]["recall"],
        "place": overall["place"]["recall"],
        "leaders_recall": overall["leaders"]["recall"],
        "metrics_precision": overall["metrics"]["precision"],
        "metrics_recall": overall["metrics"]["recall"],
        "metrics_f1": overall["metrics"]["f1"],
    }
    fallen = {k: (v, FLOOR[k]) for k, v in measured.items() if v < FLOOR[k] - MARGIN}
    assert not fallen, fallen
    assert overall["not_metric_violations"] <= MAX_NOT_METRIC_VIOLATIONS
