"""Figures of real hospital texts: volumes in 万 alone, unitless indices, staff counted with 的人员,
and numbers that are not the subject's current values (network members, partners, rank moves,
contestants, founding days, years long past, targets by a later year)."""

from articles.cleaning import parse_article
from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def metrics_of(*paragraphs):
    parsed = ParsedArticle(
        title="桂平市人民医院", sections=[Section("", ["桂平市人民医院召开年度工作会议。", *paragraphs])]
    )
    return [(m.name, float(m.value), m.unit, m.planned) for m in extract(parsed).metrics]


def values(*paragraphs):
    return {(v, unit) for _n, v, unit, _p in metrics_of(*paragraphs)}


def test_a_volume_given_in_wan_alone_after_wei():
    assert ("门急诊人次", 64.2, "万", False) in metrics_of("2023年，医院门急诊人次为64.2万，同比增长5%。")
    # A region's people in 万 is no volume of the hospital.
    assert (31.0, "万") not in values("医院服务人口为31万。")


def test_an_index_with_its_abbreviation_and_no_link_word():
    assert (0.97, "") in values("病例组合指数CMI 0.97，平均住院日7.5天。")
    assert (1.04, "") in values("CMI 1.04；平均住院日7.2天。")


def test_staff_counted_with_de_renyuan_between_category_and_count():
    assert ("高级职称", 281.0, "人", False) in metrics_of("医院现有高级职称的人员281人。")


def test_a_member_of_the_network_in_its_own_sentence_keeps_its_figures():
    found = values("医共体成员单位石龙镇中心卫生院开放床位70张，在岗职工88人。医院开放床位900张。")
    assert (900.0, "张") in found and (70.0, "张") not in found and (88.0, "人") not in found


def test_a_partner_introduced_after_ju_jieshao_is_the_subject_of_its_sentence():
    found = values(
        "据介绍，广西医科大学第一附属医院是区内规模最大的医院之一，该院去年门急诊量达到420万人次。"
        "广西医科大学第一附属医院下沉专家10人。"
    )
    assert not found


def test_rank_moves_and_contestants_are_no_counts():
    found = values("医院在全区排名上升9位。全院21个护理单元的64名护士参赛。")
    assert (9.0, "位") not in found and (64.0, "名") not in found and (21.0, "个") in found


def test_founding_days_and_years_long_past_are_history():
    found = values(
        "建院之初，医院仅有职工19人、病床25张。",
        "1985年，医院职工增加到210人，床位达到260张。",
        "2023年，医院在岗职工1800人，编制床位1100张。",
    )
    assert found == {(1800.0, "人"), (1100.0, "张")}


def test_a_target_by_a_later_year_is_planned_even_without_a_plan_word():
    found = metrics_of("2023年医院开放床位1000张。医院提出，到2027年建成区域医疗中心，床位增至1400张。")
    assert ("床位", 1400.0, "张", True) in found
    assert any(v == 1000.0 and not planned for _n, v, _u, planned in found)


def test_a_plan_to_send_staff_for_training_is_planned():
    found = metrics_of("今年6月，医院将选派4名骨干医师到南宁进修。")
    assert [(v, planned) for _n, v, _u, planned in found] == [(4.0, True)]


def test_leader_label_lines_with_pipes_close_a_profile_page():
    text = (
        "桂平市人民医院概况\n\n　　桂平市人民医院现有职工1680人。\n\n　　医院领导\n"
        "　　党委书记　韦海涛　　院长　黎国强\n　　纪委书记|蒙　丽|总会计师|甘　敏\n\n"
        "　　地址：桂平市人民路　　急诊电话：0775-3380120\n"
    )
    (parsed,) = parse_article(text)
    people = {p.name: p.titles for p in extract(parsed).people}
    assert people.get("蒙丽") == ["纪委书记"] and people.get("甘敏") == ["总会计师"]


def test_a_second_story_on_the_page_that_speaks_of_no_hospital_is_not_the_lead_hospitals():
    text = (
        "南漳县人民医院胸痛中心通过认证\n\n"
        "　　本报讯（通讯员 周丽）近日，南漳县人民医院胸痛中心通过国家认证。医院开放床位650张。\n\n"
        "全县春季植树面积创新高\n\n"
        "　　本报讯（记者 刘洋）今年春季，全县共有3.2万人次参加义务植树，植树面积同比增长12%。\n"
    )
    from hospitals.evaluation import extract_file

    items = extract_file(text)
    assert [p.title for p, _ex in items] == ["南漳县人民医院胸痛中心通过认证", "全县春季植树面积创新高"]
    assert [(m.name, float(m.value)) for m in items[0][1].metrics] == [("开放床位", 650.0)]
    assert items[1][1].subject is None and items[1][1].metrics == []
