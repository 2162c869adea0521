"""Extraction from articles outside the seed set: other provinces, Markdown and traditional text."""

from decimal import Decimal
from pathlib import Path

import pytest

from articles.cleaning import parse_article
from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract
from hospitals.extraction.initiatives import categorise

DATA = Path(__file__).resolve().parents[2] / "articles" / "tests" / "data"


def extracted(name):
    return extract(parse_article((DATA / name).read_text(encoding="utf-8"))[0])


def metrics(ex):
    return {(m.name, m.value, m.unit, m.qualifier, m.from_value) for m in ex.metrics}


def metrics_of(*paragraphs):
    parsed = ParsedArticle(
        title="长沙市第一医院", sections=[Section("", ["长沙市第一医院坚持改革。", *paragraphs])]
    )
    return metrics(extract(parsed))


def test_a_name_with_a_city_prefix_and_without_it_is_one_hospital():
    ex = extracted("unseen_shenzhen_traditional.txt")
    assert ex.hospitals[0].name == "深圳市宝安区中医院"
    assert "宝安区中医院" in ex.hospitals[0].aliases
    assert [h.name for h in ex.hospitals if h.role == "mentioned"] == ["香港大学深圳医院"]


def test_subject_people_stay_with_the_subject():
    ex = extracted("unseen_shenzhen_traditional.txt")
    assert [(p.name, p.hospital) for p in ex.people] == [("林志强", "深圳市宝安区中医院")]


def test_a_university_hospital_is_placed_in_the_city_its_name_gives():
    ex = extracted("unseen_shenzhen_traditional.txt")
    mentioned = ex.hospitals[1]
    assert (mentioned.province, mentioned.city) == ("广东省", "深圳市")


def test_a_province_and_city_prefixed_name_is_an_alias_of_the_city_name():
    ex = extracted("unseen_zhejiang_markdown.txt")
    assert ex.hospitals[0].name == "舟山市妇幼保健院"
    assert "浙江省舟山市妇幼保健院" in ex.hospitals[0].aliases


def test_a_chinese_numeral_in_ten_thousands_counts_in_wan():
    ex = extracted("unseen_shenzhen_traditional.txt")
    assert ("门诊量", Decimal(120), "万人次", "", None) in metrics(ex)
    found = metrics_of("医院年出院病人十二万余人次，培训三千余人，投入十余万元购置设备。")
    assert ("出院病人", Decimal(12), "万人次", "余", None) in found
    assert any(m[1:4] == (Decimal(10), "万元", "余") for m in found)
    assert any(m[1:4] == (Decimal(3000), "人", "余") for m in found)


def test_the_sichuan_feature_names_its_metrics_as_a_reader_would():
    found = metrics(extracted("unseen_sichuan_feature.txt"))
    assert ("门诊预约诊疗率", Decimal("12.6"), "个百分点", "", None) in found
    assert ("平均住院日", Decimal("7.2"), "天", "", Decimal("8.9")) in found
    assert ("四级手术占比", Decimal("21.7"), "%", "", None) in found
    assert ("党支部", Decimal(28), "个", "", None) in found
    assert ("门急诊量", Decimal("152.3"), "万人次", "", None) in found


def test_a_modifier_attached_to_the_noun_stays_in_the_name():
    found = metrics(extracted("unseen_zhejiang_markdown.txt"))
    assert ("下转患者", Decimal(200), "人次", "余", None) in found
    assert ("线上预约率", Decimal(78), "%", "", Decimal(35)) in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("患者满意度提升3.5个百分点。", ("患者满意度", Decimal("3.5"), "个百分点")),
        ("门诊量同比增长12%。", ("门诊量", Decimal(12), "%")),
        ("药占比下降4.2个百分点。", ("药占比", Decimal("4.2"), "个百分点")),
    ],
)
def test_a_change_is_named_by_what_changed_not_by_the_verb(sentence, expected):
    assert expected in {m[:3] for m in metrics_of(sentence)}


def test_days_and_minutes_count_only_for_measured_times():
    found = metrics_of(
        "平均候诊时间由40分钟缩短至15分钟，检查预约等待时间缩短至2天。",
        "医疗队逆行30余天，连续五天奋战，超过30天未休，急诊科24小时值守。",
    )
    assert ("平均候诊时间", Decimal(15), "分钟", "", Decimal(40)) in found
    assert ("检查预约等待时间", Decimal(2), "天", "", None) in found
    assert not [
        m
        for m in found
        if m[2] in ("天", "分钟", "小时") and m[0] not in ("平均候诊时间", "检查预约等待时间")
    ]


def test_a_grade_before_the_noun_is_part_of_the_name():
    found = metrics_of("三级手术占比达到62.4%，托管二级医院3家。")
    assert ("三级手术占比", Decimal("62.4"), "%", "", None) in found
    assert ("二级医院", Decimal(3), "家", "", None) in found


def test_growth_after_a_count_is_named_by_that_count():
    found = metrics(extracted("unseen_henan_feature.txt"))
    assert ("门急诊量", Decimal("15.3"), "%", "", None) in found
    assert ("日间手术占择期手术比例", Decimal("18.6"), "%", "", None) in found
    assert ("新技术新业务（填补省内空白）", Decimal(8), "项", "", None) in found


def test_reach_of_a_network_is_named_by_its_verb():
    found = metrics(extracted("unseen_shanghai_traditional.txt"))
    assert ("覆盖省份", Decimal(26), "个", "", None) in found
    assert ("覆盖医院", Decimal(180), "家", "余", None) in found
    assert ("平均候诊时间", Decimal(15), "分钟", "", Decimal(40)) in found


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("先诊疗后付费", "service"),
        ("床旁结算", "service"),
        ("院长负责制", "party"),
        ("清廉医院", "integrity"),
        ("英才计划", "talent"),
    ],
)
def test_initiatives_fall_in_the_category_a_reader_expects(name, category):
    assert categorise(name) == category


def test_a_quoted_programme_followed_by_jianshe_is_an_initiative():
    names = {i.name for i in extracted("unseen_zhejiang_markdown.txt").initiatives}
    assert "清廉医院" in names
    names = {i.name for i in extracted("unseen_shanghai_traditional.txt").initiatives}
    assert "清廉医院" in names


def test_hospitals_of_a_city_and_of_its_district_stay_apart():
    parsed = ParsedArticle(
        title="深圳市人民医院",
        sections=[Section("", ["深圳市人民医院与宝安区人民医院组建医联体。深圳市人民医院院长王强介绍。"])],
    )
    names = [h.name for h in extract(parsed).hospitals]
    assert names == ["深圳市人民医院", "宝安区人民医院"]


def test_an_interview_names_the_one_interviewed_only_in_its_subtitle():
    ex = extracted("unseen_yunnan_interview.txt")
    assert [(p.name, p.titles, p.hospital) for p in ex.people] == [("张建明", ["院长"], "曲靖市第一人民医院")]
    assert ex.people[0].evidence == "访曲靖市第一人民医院院长张建明"


def test_the_interviewer_and_the_answer_label_are_not_people():
    ex = extracted("unseen_yunnan_interview.txt")
    assert not {"杨丽", "记者", "答"} & {p.name for p in ex.people}


def test_a_year_opening_a_list_of_semicolon_clauses_dates_every_clause():
    ex = extracted("unseen_hebei_annual.txt")
    years = {m.name: m.year for m in ex.metrics}
    assert years["开放床位"] == 2023
    assert years["国家自然科学基金"] == 2023
    assert years["博士研究生"] is None  # a new sentence after the list


def test_a_year_does_not_carry_past_a_full_stop():
    found = {
        m.name: m.year
        for m in extract(
            ParsedArticle(
                title="长沙市第一医院",
                sections=[Section("", ["2022年，医院床位1200张；职工2100人。医院有党支部28个。"])],
            )
        ).metrics
    }
    assert found == {"床位": 2022, "职工": 2022, "党支部": None}


def test_the_annual_review_keeps_its_counts_and_drops_its_ranking():
    found = metrics(extracted("unseen_hebei_annual.txt"))
    assert ("开放床位", Decimal(2600), "张", "", None) in found
    assert ("国家自然科学基金", Decimal(3), "项", "", None) in found
    assert ("出院患者", Decimal("12.1"), "%", "", None) in found
    assert not any(m[1] == 5 for m in found)


def test_a_news_item_keeps_correspondents_and_spans_of_time_out_of_the_facts():
    ex = extracted("unseen_gansu_news.txt")
    assert [(h.name, h.role) for h in ex.hospitals] == [
        ("天水市中医医院", "subject"),
        ("上海交通大学医学院附属瑞金医院", "mentioned"),
    ]
    assert ex.hospitals[1].province == "上海市"
    assert [(p.name, p.hospital) for p in ex.people] == [("陈晓东", "天水市中医医院")]
    assert {m.unit for m in ex.metrics} == {"人次", "项"}


@pytest.mark.parametrize(
    ("name", "province", "city"),
    [
        ("大理州人民医院", "云南省", "大理白族自治州"),
        ("红河州第一人民医院", "云南省", "红河哈尼族彝族自治州"),
        ("恩施州中心医院", "湖北省", "恩施土家族苗族自治州"),
        ("黔东南州人民医院", "贵州省", "黔东南苗族侗族自治州"),
    ],
)
def test_an_autonomous_prefecture_named_short_is_a_place(name, province, city):
    ex = extract(ParsedArticle(title=f"访{name}院长王建国", sections=[Section("", ["医院现有床位1200张。"])]))
    subject = ex.hospitals[0]
    assert (subject.name, subject.role, subject.province, subject.city) == (name, "subject", province, city)
    assert [(p.name, p.hospital) for p in ex.people] == [("王建国", name)]
