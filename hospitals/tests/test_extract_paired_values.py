"""Paired and bounded values: measures listed before 分别 with their values after it, a value
compared with an earlier one (较2019年的…), doubling (翻了一番, 翻番), before-and-after series
(由2019年的M增加到N) and lower bounds (超过, 突破, 逾)."""

from decimal import Decimal

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract

HOSPITAL = "嵊州市人民医院"


def metrics_of(*paragraphs):
    parsed = ParsedArticle(
        title=HOSPITAL, sections=[Section("", [f"{HOSPITAL}召开年度工作会议。", *paragraphs])]
    )
    return extract(parsed).metrics


def facts(*paragraphs):
    return {
        (m.name, float(m.value), m.unit, None if m.from_value is None else float(m.from_value))
        for m in metrics_of(*paragraphs)
    }


def test_two_measures_two_values_in_order_after_fenbie():
    found = facts("医院日间手术占比和微创手术占比分别达到18.5%和31.2%。")
    assert {("日间手术占比", 18.5, "%", None), ("微创手术占比", 31.2, "%", None)} <= found


def test_volumes_in_wan_alone_after_fenbie_wei():
    found = facts("去年，医院门急诊人次和出院人次分别为71.6万和3.4万。")
    assert {("门急诊人次", 71.6, "万", None), ("出院人次", 3.4, "万", None)} <= found


def test_growths_after_fenbie_are_changes_of_the_named_measures():
    found = {
        (m.name, float(m.value), m.unit, m.kind) for m in metrics_of("门急诊量和手术量分别增长7.5%和11.2%。")
    }
    assert {("门急诊量", 7.5, "%", "change"), ("手术量", 11.2, "%", "change")} <= found


def test_unitless_indices_after_fenbie():
    found = facts("医院CMI和费用消耗指数分别为0.98和0.91。")
    assert {("CMI", 0.98, "", None), ("费用消耗指数", 0.91, "", None)} <= found


def test_a_list_whose_length_differs_from_the_values_pairs_nothing():
    # Three measures, two values: which is which cannot be told.
    found = facts("门诊量、急诊量和出院量分别为60万和5万。")
    assert not any(unit == "万" for _n, _v, unit, _f in found)


def test_an_earlier_value_compared_with_becomes_the_measure_s_start_value():
    found = facts("患者平均住院日为6.8天，较2020年的8.1天缩短了1.3天。")
    assert ("患者平均住院日", 6.8, "天", 8.1) in found
    assert not any(v == 8.1 and f is None for _n, v, _u, f in found)
    assert any(n.endswith("缩短") and v == 1.3 for n, v, _u, _f in found)


def test_an_earlier_value_in_another_scale_is_restated_in_the_later_unit():
    found = facts(
        "医院年手术量达到2.4万台次，较2018年的1.2万台次翻了一番。",
        "门诊量48万人次，比2017年的240000人次翻了一番。",
    )
    assert ("手术量", 2.4, "万台次", 1.2) in found
    assert ("门诊量", 48.0, "万人次", 24.0) in found
    # The pair tells the doubling; no separate multiple is made up.
    assert not any(u == "倍" for _n, _v, u, _f in found)


def test_doubling_without_an_earlier_value_is_a_multiple_of_two():
    ms = metrics_of("医院年出院患者达到3.2万人次，比2019年翻了一番。医院业务收入实现翻番。")
    doubled = {(m.name, m.value, m.unit, m.year) for m in ms if m.unit == "倍"}
    assert doubled == {("出院患者", Decimal(2), "倍", None), ("业务收入", Decimal(2), "倍", None)}


def test_a_before_after_series_keeps_the_start_value_and_dates_only_the_later_one():
    ms = [m for m in metrics_of("医院职工人数由2019年的910人增加到1350人。") if m.unit == "人"]
    assert [(m.value, m.from_value, m.year) for m in ms] == [(Decimal(1350), Decimal(910), None)]


def test_lower_bounds_are_values_with_a_note_and_no_verb_in_the_name():
    ms = metrics_of("年出院患者突破4万人次，科研经费逾300万元，年门诊量超过65万人次。")
    found = {(m.name, float(m.value), m.unit, m.qualifier) for m in ms}
    assert ("出院患者", 4.0, "万人次", "超") in found
    assert ("科研经费", 300.0, "万元", "超") in found
    assert ("门诊量", 65.0, "万人次", "超") in found


def test_a_growth_after_a_volume_in_wan_alone_is_that_volume_s():
    found = {(m.name, float(m.value), m.unit) for m in metrics_of("全年门急诊人次达到77.3万，同比增长6.4%。")}
    assert ("门急诊人次", 6.4, "%") in found


def test_per_hundred_yuan_is_a_rate_s_base_not_an_amount():
    found = facts("百元医疗收入卫生材料消耗降至17.2元。")
    assert not any(v == 100 for _n, v, _u, _f in found)
    assert any(v == 17.2 and "卫生材料消耗" in n for n, v, _u, _f in found)


def test_a_partner_s_help_in_the_years_to_come_is_a_plan():
    ms = metrics_of("根据协议，对方将用3年时间帮助医院建设4个重点专科。")
    assert [(m.name, m.planned) for m in ms if m.unit == "个"] == [("重点专科", True)]
