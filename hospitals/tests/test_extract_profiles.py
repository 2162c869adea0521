"""Basic facts of hospital profile pages, news and year-end reports (texts written for these tests)."""

from decimal import Decimal

import pytest

from articles.cleaning import parse_article
from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def metrics_of(*paragraphs, title="广安市人民医院简介"):
    parsed = ParsedArticle(title=title, sections=[Section("", ["广安市人民医院创建于1951年。", *paragraphs])])
    ex = extract(parsed)
    return {(m.value, m.unit, m.from_value): m for m in ex.metrics}


def test_staff_by_title_and_degree_and_their_share():
    found = metrics_of(
        "医院在岗职工1530人，其中卫生技术人员1302人，占85.1%；正高职称88人、副高241人；博士21人、硕士315人。"
    )
    assert found[(Decimal(1530), "人", None)].name == "在岗职工"
    assert found[(Decimal(1302), "人", None)].name == "卫生技术人员"
    assert found[(Decimal("85.1"), "%", None)].name == "卫生技术人员占比"
    assert found[(Decimal(88), "人", None)].name == "正高职称"
    assert found[(Decimal(241), "人", None)].name == "副高职称"
    assert found[(Decimal(21), "人", None)].name == "博士"
    assert found[(Decimal(315), "人", None)].name == "硕士"


def test_beds_keep_their_standing_and_areas_their_scale():
    found = metrics_of(
        "核定床位650张，开放床位732张。",
        "医院占地126亩，建筑面积8.6万平方米，其中业务用房面积从1.2万平方米扩大至6.4万平方米。",
        "新院区绿化面积12000㎡。",
    )
    assert found[(Decimal(650), "张", None)].name == "核定床位"
    assert found[(Decimal(732), "张", None)].name == "开放床位"
    assert found[(Decimal(126), "亩", None)].name == "占地"
    assert found[(Decimal("8.6"), "万平方米", None)].name == "建筑面积"
    assert found[(Decimal("6.4"), "万平方米", Decimal("1.2"))].name == "业务用房面积"
    assert found[(Decimal(12000), "平方米", None)].name.endswith("绿化面积")
    # Two scales of one unit: the value stays as written, the old one in its unit.
    again = metrics_of("业务用房面积由8000平方米增至2.4万平方米。")
    assert again[(Decimal("2.4"), "万平方米", Decimal("0.8"))].name == "业务用房面积"


def test_annual_volumes_with_scale_and_qualifier():
    found = metrics_of(
        "全年完成门急诊68.3万人次，收治住院病人2.6万余人次，分娩新生儿3100余人，开展手术1.1万台次。"
    )
    outpatients = found[(Decimal("68.3"), "万人次", None)]
    assert outpatients.name == "门急诊"
    inpatients = found[(Decimal("2.6"), "万人次", None)]
    assert inpatients.qualifier == "余" and "病人" in inpatients.name
    assert (Decimal("1.1"), "万台次", None) in found
    assert (Decimal(3100), "人", None) in found


def test_traditional_scaled_counts_read_as_their_scale():
    parsed = parse_article(
        "德陽市人民醫院概況\n\n德陽市人民醫院年門診量約150萬人次，年出院病人6萬餘人次。\n"
    )[0]
    found = {(m.value, m.unit): m for m in extract(parsed).metrics}
    assert found[(Decimal(6), "万人次")].qualifier == "余"
    assert found[(Decimal(150), "万人次")].qualifier == "约"
    assert not any(m.value == Decimal(10000) for m in found.values())


def test_money_equipment_multiples_and_runs_of_years():
    found = metrics_of(
        "医院固定资产4.8亿元，拥有3.0T磁共振等万元以上设备1800余台（件）。",
        "手术量是五年前的2.5倍。",
        "医院连续6年获评省级文明单位。",
    )
    assert found[(Decimal("4.8"), "亿元", None)].name == "固定资产"
    assert found[(Decimal(1800), "台", None)].qualifier == "余"
    assert found[(Decimal("2.5"), "倍", None)].name == "手术量"
    run = found[(Decimal(6), "年", None)]
    assert "省级文明单位" in run.name


def test_others_numbers_ordinals_and_plans():
    found = metrics_of(
        "医院是全省首批试点的46家县级医院之一。",
        "5月，医院迎来第50万名就诊患者。",
        "预计到2027年，医院开放床位将达到1000张。",
        "医院计划投资3亿元建设住院综合楼。",
        "门诊患者满意度达96.2%。",
    )
    assert not any(m.value in (Decimal(46), Decimal(50), Decimal(500000)) for m in found.values())
    assert found[(Decimal(1000), "张", None)].planned
    assert found[(Decimal(3), "亿元", None)].planned
    assert not found[(Decimal("96.2"), "%", None)].planned


@pytest.mark.parametrize(
    "sentence",
    [
        "急诊科医生连续奋战18个小时。",  # a story, not a measurement
        "医院连续3年的努力终有回报。",
    ],
)
def test_spans_of_time_in_a_story_are_not_metrics(sentence):
    assert metrics_of(sentence) == {}


def test_waiting_time_in_hours_is_a_metric():
    found = metrics_of("检验报告出具时间由48小时缩短至24小时。")
    assert found[(Decimal(24), "小时", Decimal(48))].name == "检验报告出具时间"


def test_a_run_on_line_is_cut_into_bounded_sentences_that_cover_it():
    from hospitals.extraction.text import MAX_SENTENCE, split_sentences

    text = "门诊量12万人次，" * 2000 + "医院" * 500 + "。结束"
    sentences = split_sentences(text)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert covered.replace("。", "") == text.replace("。", "")
    # Every count of the run-on line is still read.
    found = metrics_of("门诊量12万人次，" * 400)
    assert (Decimal(12), "万人次", None) in found


def test_a_sentence_about_a_partner_hospital_gives_none_of_our_metrics():
    found = metrics_of(
        "医院与四川大学华西医院建立协作关系。",
        "四川大学华西医院现有职工1.3万人，编制床位4300张。",
        "医院现有职工980人。",
    )
    assert (Decimal(980), "人", None) in found
    assert (Decimal(4300), "张", None) not in found and (Decimal("1.3"), "万人", None) not in found


def test_leaders_named_before_their_title_and_with_joined_titles():
    parsed = ParsedArticle(
        title="遂宁市中心医院：改善就医体验",
        sections=[
            Section(
                "",
                [
                    "遂宁市中心医院党委书记、院长刘建华介绍，医院推行一站式服务。",
                    "周红梅副院长表示，医院将继续优化流程。",
                    "記者：請談談醫院的變化。",
                ],
            )
        ],
    )
    people = {p.name: p.titles for p in extract(parsed).people}
    assert people["刘建华"] == ["党委书记", "院长"]
    assert people["周红梅"] == ["副院长"]


def test_a_dateline_places_a_university_hospital():
    (item,) = parse_article(
        "华中科技大学同济医学院附属协和医院推出夜间门诊\n\n"
        "本报武汉讯（记者 陈晓 通讯员 郑洁）华中科技大学同济医学院附属协和医院日前开设夜间门诊，"
        "医院年门急诊量超过500万人次。\n"
    )
    assert item.dateline == "本报武汉讯"
    subject = extract(item).hospitals[0]
    assert (subject.province, subject.city) == ("湖北省", "武汉市")


def test_experts_a_partner_sends_are_not_our_staff():
    found = metrics_of(
        "医院与郑州大学第一附属医院结成专科联盟，对方每季度派出4名专家来院坐诊。",
        "川大一附院常驻专家达到9名。",
        "医院选派骨干医师赴上级医院进修21人次。",
        "医院现有专家团队12个。",
    )
    assert not any(m.value in (Decimal(4), Decimal(9)) for m in found.values())
    assert found[(Decimal(21), "人次", None)].name == "选派进修"
    assert (Decimal(12), "个", None) in found


def test_label_lists_and_leader_label_lines_of_a_profile_page():
    (item,) = parse_article(
        "广元市中心医院概况\n\n"
        "广元市中心医院创建于1941年，是川北地区的区域医疗中心。\n\n"
        "- 编制床位：1500张；开放床位：1860张\n"
        "- 一、门急诊人次：121.6万人次\n"
        "- 平均住院日：8.1天（2022年为8.6天）\n\n"
        "党委书记：罗建平\n"
        "院　　长：何文涛\n"
        "副院长：蒲晓燕　杜明\n"
    )
    ex = extract(item)
    found = {(m.value, m.unit): m for m in ex.metrics}
    assert found[(Decimal(1500), "张")].name == "编制床位"
    assert found[(Decimal(1860), "张")].name == "开放床位"
    assert found[(Decimal("121.6"), "万人次")].name == "门急诊人次"
    assert found[(Decimal("8.6"), "天")].year == 2022 and found[(Decimal("8.6"), "天")].name == "平均住院日"
    assert found[(Decimal("8.1"), "天")].year is None
    people = {p.name: p.titles for p in ex.people}
    assert people == {"罗建平": ["党委书记"], "何文涛": ["院长"], "蒲晓燕": ["副院长"], "杜明": ["副院长"]}


def test_rates_given_together_with_fenbie_belong_to_the_measures_before_them():
    found = metrics_of("全年门急诊量93万人次、出院病人5.1万人次，分别增长11.2%和6.4%。")
    assert found[(Decimal("11.2"), "%", None)].name == "门急诊量"
    assert found[(Decimal("6.4"), "%", None)].name == "出院病人"
    assert found[(Decimal("6.4"), "%", None)].kind == "change"


def test_area_wide_figures_and_audiences_are_not_the_hospitals():
    found = metrics_of("全县住院率达到8.6%。", "800余名干部职工参加表彰大会。", "医院现有高级职称者186人。")
    assert [(k, m.name) for k, m in found.items()] == [((Decimal(186), "人", None), "高级职称")]


def test_several_leaders_after_one_title_and_transliterated_names():
    parsed = ParsedArticle(
        title="和田地区人民医院：援疆专家助力学科建设",
        sections=[
            Section(
                "",
                [
                    "和田地区人民医院党委书记、院长阿不都·热合曼表示，医院将继续深化对口支援。",
                    "副院长王建新、李春梅和赵刚参加了座谈。",
                    "医院院长为阿不都·热合曼，党委副书记为周立。",
                ],
            )
        ],
    )
    people = {p.name: p.titles for p in extract(parsed).people}
    assert people["阿不都·热合曼"] == ["党委书记", "院长"]
    assert people["王建新"] == people["李春梅"] == people["赵刚"] == ["副院长"]
    assert people["周立"] == ["党委副书记"]


def test_a_headline_short_form_of_a_county_hospital_is_the_same_hospital():
    parsed = ParsedArticle(
        title="宁都县医院：把专家请到家门口",
        sections=[
            Section("", ["南昌大学第一附属医院专家来到宁都县人民医院坐诊。", "宁都县人民医院开放床位960张。"])
        ],
    )
    subject = extract(parsed).hospitals[0]
    assert subject.name == "宁都县人民医院" and "宁都县医院" in subject.aliases


def test_leader_lines_without_colons_at_the_end_of_a_page_are_kept():
    (item,) = parse_article(
        "通辽市医院简介\n\n通辽市医院始建于1950年，是一所三级综合医院，开放床位1200张。\n\n"
        "党委书记 孙海峰 | 院长 宋立新\n副院长 白雪 陈志强 王宇\n"
    )
    people = {p.name: p.titles for p in extract(item).people}
    assert people == {
        "孙海峰": ["党委书记"],
        "宋立新": ["院长"],
        "白雪": ["副院长"],
        "陈志强": ["副院长"],
        "王宇": ["副院长"],
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("赵磊，男，汉族，现任医院党委书记、院长。", {"赵磊": ["党委书记", "院长"]}),
        ("医院院长、主任医师冯刚带领团队查房。", {"冯刚": ["院长"]}),
        ("心内科主任医师王明说，手术很成功。", {}),  # a professional rank, not a post
    ],
)
def test_leaders_in_biographies_and_with_professional_ranks(sentence, expected):
    parsed = ParsedArticle(title="眉山市人民医院", sections=[Section("", ["眉山市人民医院简讯。", sentence])])
    assert {p.name: p.titles for p in extract(parsed).people} == expected


def test_a_leader_after_a_partner_hospital_and_a_clause_break_is_ours():
    parsed = ParsedArticle(
        title="乐山市人民医院与四川大学华西医院签约",
        sections=[
            Section("", ["乐山市人民医院与四川大学华西医院签约后，该院院长张建华表示，将用好专家资源。"])
        ],
    )
    people = [(p.name, p.hospital) for p in extract(parsed).people]
    assert people == [("张建华", "乐山市人民医院")]


def test_lead_words_are_cut_only_between_words():
    found = metrics_of("其中：正高级职称95人、副高级职称346人、中级职称720人；有省级名中医6名。")
    assert [
        found[(Decimal(v), u, None)].name for v, u in ((95, "人"), (346, "人"), (720, "人"), (6, "名"))
    ] == [
        "正高级职称",
        "副高级职称",
        "中级职称",
        "省级名中医",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("领导班子成员：张志远 院长；李红 党委书记。", {"张志远": ["院长"], "李红": ["党委书记"]}),
        ("2021年，刘强同志任医院院长。", {"刘强": ["院长"]}),
        ("院长 | 陈明", {"陈明": ["院长"]}),
    ],
)
def test_leaders_named_before_a_spaced_title_appointed_or_after_a_pipe(sentence, expected):
    parsed = ParsedArticle(
        title="资阳市第一人民医院", sections=[Section("", ["资阳市第一人民医院概况。", sentence])]
    )
    assert {p.name: p.titles for p in extract(parsed).people} == expected
