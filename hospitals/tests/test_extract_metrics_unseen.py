"""Metric classes that failed on unseen texts (profile pages, year-end and anniversary reports, 本报讯
news): whose figure it is, event figures, values written without a link word, paired values and
levels held over years. Every text here is written for the test."""

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract
from hospitals.extraction.metrics import extract_metrics
from hospitals.extraction.text import split_sentences
from hospitals.tests.extracted import Paragraphs

_about = Paragraphs("繁峙县人民医院", "召开年度工作会议。")
metrics_of, values, named = _about.metrics_of, _about.values, _about.named


# ---- values not read -------------------------------------------------------------------------


def test_a_volume_in_wan_right_after_its_name():
    found = named("2023年，医院全年完成门诊诊疗人次43.5万，同比增长6.1%。")
    assert ("门诊诊疗人次", 43.5, "万") in found
    assert ("门诊诊疗人次", 6.1, "%") in found
    # A region's people stays out, with or without a link word.
    assert (52.0, "万") not in values("医院服务人口数52万。")


def test_a_growth_compared_with_the_same_period_names_the_volume_before_it():
    found = named("1至9月，医院门急诊人次为33.2万，较去年同期增长8.4%。")
    assert ("门急诊人次", 8.4, "%") in found
    assert not any(n.startswith("较") for n, _v, _u in found)


def test_an_index_changed_from_a_dated_value():
    assert ("CMI值", 1.12, "", 0.97, False) in metrics_of("CMI值由2021年的0.97提升至1.12。")


def test_people_named_by_how_they_came():
    found = named("全年公开招聘各类人员88名，其中博士2名。")
    assert ("招聘人员", 88.0, "名") in found and ("博士", 2.0, "名") in found


def test_a_part_said_with_a_copula():
    found = named("全年开展新技术新项目40项，其中9项为省内首次开展。")
    assert any(n.endswith("（省内首次开展）") and v == 9 for n, v, _u in found)


def test_a_total_after_the_new_ones_is_the_same_measure():
    found = named("医院新增省级临床重点专科2个，总数达到7个。")
    assert ("省级临床重点专科", 7.0, "个") in found
    assert not any(n == "总数" for n, _v, _u in found)


def test_a_round_guess_is_no_count():
    assert (1000.0, "台") not in values("其中四级手术2100台，较去年增加了近千台。")


# ---- paired values ---------------------------------------------------------------------------


def test_two_growth_rates_after_two_measures_with_comparison_words():
    found = named("全年门急诊量65.1万人次、出院患者2.6万人次，分别同比增长9.3%和7.2%。")
    assert ("门急诊量", 9.3, "%") in found and ("出院患者", 7.2, "%") in found
    found = named("门急诊量30.2万人次，出院患者1.4万人次，分别比上年增长5.5%和4.4%。")
    assert ("门急诊量", 5.5, "%") in found and ("出院患者", 4.4, "%") in found


def test_growth_rates_of_volumes_given_in_wan_alone():
    found = named("门诊人次为40.1万，出院人次为2.2万，同比分别增长3.3%和2.1%。")
    assert {("门诊人次", 3.3, "%"), ("出院人次", 2.1, "%"), ("门诊人次", 40.1, "万")} <= found


def test_a_level_held_for_years_is_the_level_not_a_run():
    found = metrics_of("患者满意度连续3年保持在96%以上。")
    assert [(n, v, u) for n, v, u, _f, _p in found] == [("患者满意度", 96.0, "%")]
    # A record kept for years is still a run of years.
    assert (4.0, "年") in values("医院连续4年进入全省县级医院综合排名前十名。")


# ---- whose figure ----------------------------------------------------------------------------


def test_the_area_opening_a_clause_owns_the_clauses_after_it():
    found = values(
        "全县县域内就诊率为90.4%，基层就诊率达到63.5%，医院出院患者2.1万人次。",
        "今年以来，繁峙县县域内就诊率提高到88.1%。",
        "全市共有乡镇卫生院31家，村卫生室520个。",
    )
    assert found == {(2.1, "万人次")}


def test_a_member_health_centre_in_its_own_clause_keeps_its_figures():
    found = values(
        "医院牵头的医共体覆盖14个乡镇卫生院，成员单位红旗镇中心卫生院开放床位35张，门诊量增长19%。",
        "其中白石乡卫生院编制床位20张，卫技人员31人。",
        "新城镇卫生院开放床位由15张增加到40张。",
    )
    assert found == {(14.0, "个")}


def test_helping_health_centres_or_listing_members_is_still_ours():
    found = values(
        "医院帮助乡镇卫生院开展新技术21项。",
        "医院牵头组建医疗集团，成员单位包括县中医院和12所乡镇卫生院。",
    )
    assert {(21.0, "项"), (12.0, "所")} <= found


def test_gaiyuan_after_a_sentence_about_a_partner_is_the_partner():
    found = values(
        "医院是山西医科大学第一医院的对口帮扶医院。该院年门急诊量超过280万人次，目前有9名专家在医院坐诊。",
        "在专家带动下，医院今年开展新技术15项。",
    )
    assert found == {(15.0, "项")}


def test_a_partner_opening_after_a_topic_phrase_and_visiting_experts():
    found = values(
        "医联体建设方面，山西医科大学第一医院全年门急诊量达到300万人次。",
        "全年累计来院专家75人次，医院向成员单位派驻医师31名。",
    )
    assert found == {(31.0, "名")}


# ---- event figures ---------------------------------------------------------------------------


def test_the_day_of_the_event_and_those_honoured_at_it():
    found = values(
        "全院500余名干部职工及离退休老同志代表参加大会。",
        "大会表彰了36名优秀医师和12个先进科室。",
        "当天，医院共转运住院患者180名，用时不到5小时。",
        "医院现有职工1300人。",
    )
    assert found == {(1300.0, "人")}


def test_honoured_after_the_count_and_a_team_gathered_for_one_case():
    found = values(
        "会上，对获评的9个先进科室、40名优秀员工进行了表彰。",
        "麻醉科、骨科等5个科室的22名医护人员迅速集结，医院现有护理单元26个。",
    )
    assert found == {(26.0, "个")}


def test_a_university_a_government_a_person_or_the_past_opening_the_clause():
    found = values(
        "据介绍，江城学院作为医院的举办高校，在校生1.6万人，每年有200余名学生在医院实习。",
        "县财政每年安排专项经费150万元。",
        "他本人累计完成手术5000余台。",
        "过去每年约有3万名患者外出就医，如今医院年门诊量达到48万人次。",
        "此前已有9名护士到省城进修。",
    )
    assert found == {(48.0, "万人次"), (9.0, "名")}


def test_a_partner_health_centre_told_as_one_of_the_network():
    found = values("医院与8家基层医院组建专科联盟。其中，合作单位之一的一家镇卫生院，目前只有医护人员40名。")
    assert found == {(8.0, "家")}


def test_the_population_served_and_a_rank_moved_by_places():
    found = values("医院服务人口38万人，在全省县级医院排名中较上年提升4个位次。")
    assert (38.0, "万人") not in found and (4.0, "个") not in found


def test_a_change_to_a_dated_value_and_growths_against_an_earlier_year():
    assert ("业务收入", 7.4, "亿元", 3.6, False) in metrics_of(
        "医院业务收入由2017年的3.6亿元增加到2023年的7.4亿元。"
    )
    found = named(
        "医院门诊量为41.5万人次，年均增长6.2%。全院完成四级手术1960台，较前年增长18.5%，占住院手术的16.4%。"
    )
    assert {("门诊量", 6.2, "%"), ("四级手术", 18.5, "%"), ("四级手术占比", 16.4, "%")} <= found


def test_another_hospital_of_the_county_by_its_short_name():
    found = values("县中医院开放床位260张，县妇幼保健院开放床位90张。县人民医院开放床位760张。")
    # The subject's own short name stays ours.
    assert found == {(760.0, "张")}


def test_a_university_after_a_preposition_does_not_own_the_clause():
    assert (6.0, "个") in values("医院与江城大学附属医院共建的专科联盟增加到6个。")


def test_founding_days_end_where_the_present_begins_and_give_the_start_value():
    found = metrics_of(
        "建院五十年来，医院从建院时的4个科室、30张病床，发展到如今的38个临床医技科室、960张床位。"
    )
    assert ("临床医技科室", 38.0, "个", 4.0, False) in found
    assert ("床位", 960.0, "张", 30.0, False) in found
    assert len(found) == 2
    found = metrics_of(
        "医院已由建院初期只有15张病床的卫生院，发展成为占地面积4.2万平方米、编制床位520张的综合医院。"
    )
    assert {(n, v, f) for n, v, _u, f, _p in found} == {("占地面积", 4.2, None), ("编制床位", 520.0, 15.0)}


def test_beds_counted_before_the_word():
    found = named("医院现有980张床位。医院开放1020张床位，其中ICU床位48张。")
    assert {("床位", 980.0, "张"), ("开放床位", 1020.0, "张"), ("ICU床位", 48.0, "张")} <= found


def test_an_activity_its_day_its_attendees_and_other_hospitals_counted():
    found = values(
        "医院组织60名医护人员开展义诊，当天共接诊群众500余人次。",
        "会议期间，共有28个单位的95名代表参加交流。",
        "医院选派的10名选手获得一等奖2个。",
        "省内已有40余家医院加入该联盟。",
    )
    assert found == {(2.0, "个")}


def test_a_target_sentence_and_changes_named_without_the_year_compared():
    found = metrics_of("目标到2030年，三级手术占比达到55%，四级手术占比达到25%。")
    assert {(n, v, p) for n, v, _u, _f, p in found} == {
        ("三级手术占比", 55.0, True),
        ("四级手术占比", 25.0, True),
    }
    found = named("全年医疗收入较上年增加0.9亿元，增幅为11.4%。平均住院日7.6天，较上年缩短0.3天。")
    assert {("医疗收入", 0.9, "亿元"), ("医疗收入增幅", 11.4, "%"), ("平均住院日", 0.3, "天")} <= found
    assert not any(n in ("增加", "增幅", "缩短", "上年") for n, _v, _u in found)


def test_labels_between_bars_and_a_time_given_as_an_average():
    found = named("医院概况 ｜ 床位：760张 ｜ 职工：940人", "胸痛中心D2B时间平均为58分钟。")
    assert {("床位", 760.0, "张"), ("职工", 940.0, "人")} <= found
    assert any(n.endswith("D2B时间") and (v, u) == (58.0, "分钟") for n, v, u in found)


def test_ratios_per_thousand_people_are_the_areas_and_a_span_of_years_is_no_name():
    found = named("每千人口执业医师数为2.3人。力争三年内新增省级重点专科3个。")
    assert {(n, v) for n, v, _u in found} == {("省级重点专科", 3.0)}


def test_how_it_was_before_now_comes_back():
    found = values(
        "“刚来时，医院只有200多张床，一年门诊量不到20万人次。”",
        "过去，医院的短板很明显，2016年时，全院只有2个市级重点专科。",
        "那时全院只有职工15人。",
        "如今医院开放床位820张。",
    )
    assert found == {(2.0, "个"), (820.0, "张")}


def test_a_partner_opening_a_later_clause_and_its_gaiyuan():
    found = values(
        "记者了解到，山西医科大学第一医院是医院的帮扶医院，该院每月派出6名专家坐诊。",
        "据悉，医院与山西医科大学第一医院合作，山西医科大学第一医院每年派驻专家12名，该院年手术量超过8万台，"
        "医院今年开展新技术20项。",
        "根据协议，山西医科大学第一医院将用3年时间帮助繁峙县人民医院建设4个重点专科。",
    )
    assert found == {(20.0, "项"), (4.0, "个")}


def test_one_case_one_patient_and_one_thing_bought_are_no_metrics():
    found = values(
        "医院引进价值980万元的3.0T磁共振。",
        "当晚，急诊科先后接诊4名车祸伤员。",
        "经过7名医护人员连续10小时的抢救，患者转危为安。",
        "该患者住院期间共花费医疗费用2.8万元。",
        "医院设备总价值2.9亿元，患者满意度达到97.6%。",
    )
    assert found == {(2.9, "亿元"), (97.6, "%")}


def test_a_measure_word_shared_by_a_list_before_fenbie():
    found = named("三级手术、四级手术占比分别为36.4%、17.9%。门诊量、住院量同比分别增长4.4%和2.7%。")
    assert {
        ("三级手术占比", 36.4, "%"),
        ("四级手术占比", 17.9, "%"),
        ("门诊量", 4.4, "%"),
        ("住院量", 2.7, "%"),
    } <= found


def test_hospitals_the_subject_helps_or_runs_keep_their_figures():
    found = values(
        "在医院的帮扶下，受援的岢岚县人民医院今年门诊量增长了26%。",
        "医院托管的县第二人民医院开放床位150张。",
        "医共体内各乡镇卫生院门诊量同比增长14.2%，各成员单位共开放床位640张。",
        "医院开放床位880张。",
    )
    assert found == {(880.0, "张")}


def test_moves_and_earlier_values_in_clauses_of_their_own():
    found = metrics_of(
        "药占比由2018年的36.2%下降到2023年的25.9%，下降了10.3个百分点。",
        "1-9月，门急诊量为38.4万人次，去年同期为34.9万人次。",
        "医院职工总数1150人，比2016年增加了430人。",
        "住院量同比增长9.5%，达到2.6万人次。",
    )
    assert {(n, v, u, f, p) for n, v, u, f, p in found} == {
        ("药占比", 25.9, "%", 36.2, False),
        ("药占比", 10.3, "个百分点", None, False),
        ("门急诊量", 38.4, "万人次", 34.9, False),
        ("职工总数", 1150.0, "人", None, False),
        ("职工总数", 430.0, "人", None, False),
        ("住院量", 9.5, "%", None, False),
        ("住院量", 2.6, "万人次", None, False),
    }


def test_the_university_running_the_hospital_and_the_areas_villages():
    parsed = ParsedArticle(
        title="江城医学院附属医院",
        sections=[
            Section(
                "",
                [
                    "江城医学院附属医院开放床位1500张。",
                    "据介绍，江城医学院作为医院的举办高校，在校生1.8万人。",
                    "医院力争实现全区52个行政村巡诊全覆盖。",
                ],
            )
        ],
    )
    assert {(float(m.value), m.unit) for m in extract(parsed).metrics} == {(1500.0, "张")}


def test_figures_under_a_heading_about_the_year_ahead_are_targets():
    found = metrics_of(
        "三、主要成绩。全年门急诊人次为46.2万，同比增长6.6%。",
        "四、2025年工作打算",
        "确保全年门急诊人次突破52万，出院人次达到2.9万。",
        "五、存在问题。人才总量不足，现有高级职称仅96人。",
    )
    assert {(v, u, p) for _n, v, u, _f, p in found} == {
        (46.2, "万", False),
        (6.6, "%", False),
        (52.0, "万", True),
        (2.9, "万", True),
        (96.0, "人", False),
    }


def test_people_sent_to_study_and_patients_sent_on_are_named_so():
    found = metrics_of(
        "选派16名骨干到上级医院进修，全年共有31名医生到省人民医院进修。",
        "向成员单位下转患者290人次，上转患者1120人次。",
        "医院将以名医工作室为平台，选派12名骨干医师到上海进修。",
    )
    assert {(n, v, p) for n, v, _u, _f, p in found} == {
        ("选派骨干进修", 16.0, False),
        ("医生进修", 31.0, False),
        ("下转患者", 290.0, False),
        ("上转患者", 1120.0, False),
        ("选派骨干医师进修", 12.0, True),
    }


def test_shares_and_growths_named_by_the_measure_not_by_a_bare_word():
    found = named(
        "全年手术2.8万台，其中四级手术5600台，占比提高到20.1%。",
        "全年医疗收入8.1亿元，较2019年的5.2亿元增长55.8%。",
        "预计药房服务能力再提升25%。医院设临床科室21个。",
    )
    assert {("四级手术占比", 20.1, "%"), ("医疗收入增长", 55.8, "%"), ("临床科室", 21.0, "个")} <= found
    assert not {n for n, _v, _u in found} & {"占比", "增长", "提升"}
    assert any(n.startswith("药房服务能力") for n, _v, _u in found)


def test_names_keep_no_plan_word_no_heading_no_comparison_and_no_doubled_verb():
    found = named(
        "2024年主要业务指标：门诊人次：55.1万人次。",
        "门急诊人次力争达到90万人次。",
        "选派45人次到上级医院进修。",
        "平均手术时间较传统开腹手术缩短约35%。",
    )
    assert {n for n, _v, _u in found} == {"门诊人次", "门急诊人次", "选派进修", "手术时间"}


def test_years_ago_is_the_past_and_money_is_named_by_what_it_went_to():
    found = named(
        "百年前，这里只是一间教会诊所，仅有医生2人。",
        "近五年来，医院累计投入2.6亿元用于基础设施建设和设备购置。",
    )
    assert found == {("基础设施建设投入", 2.6, "亿元")}


def test_gaiyuan_right_after_a_clause_naming_the_partner():
    found = values(
        "医院与山西医科大学第一医院开展合作，该院年门诊量超过300万人次，医院今年开展新技术18项。",
        "在山西医科大学第一医院专家指导下，该院今年开展新技术20项。",
        "医院与山西医科大学第一医院建立帮扶关系，该院每年派出专家40余人次来院坐诊，累计帮助医院开展新技术26项。",
    )
    assert found == {(18.0, "项"), (20.0, "项"), (26.0, "项")}


def test_the_area_runs_on_across_a_semicolon_until_the_subject_comes_back():
    found = values(
        "全县县域内就诊率达到89.4%；基层医疗卫生机构诊疗量占比达到61%；医院出院患者2.4万人次。",
    )
    assert found == {(2.4, "万人次")}


def test_points_and_people_more_than_last_year_are_differences_not_values():
    found = named("药占比28.6%，较上年下降1.9个百分点。全院职工1086人，较上年净增54人。")
    assert {("药占比", 28.6, "%"), ("职工", 1086.0, "人")} <= found
    assert not {v for _n, v, _u in found} & {1.9, 54.0}
    # Days saved and a growth rate stay metrics of their own.
    assert ("平均住院日", 0.4, "天") in named("平均住院日7.1天，较上年缩短0.4天。")


def test_a_value_reached_already_is_named_by_the_noun_before_the_adverb():
    assert ("门急诊量", 46.7, "万人次") in named("今年1—11月，该院门急诊量已达46.7万人次，同比增长8.3%。")


def test_what_was_added_is_named_by_the_noun_after_the_count():
    assert ("重点专科", 12.0, "个") in named("医院新增12个重点专科。")
    assert ("重点专科", 3.0, "个") in named("医院较上年增加3个重点专科。")
    found = metrics_of("医院力争三年内新增2个省级重点专科。")
    assert ("省级重点专科", 2.0, "个", None, True) in found
    # The hospital itself is never what a number counts.
    assert not any(n in ("医院", "该院", "增加") for n, *_ in found)


def test_a_round_mark_passed_then_the_value_reached():
    found = named("2024年，医院门急诊人次首次突破80万，达到86.2万人次，同比增长9.5%。")
    assert ("门急诊人次", 86.2, "万人次") in found
    assert ("门急诊人次", 9.5, "%") in found
    assert 80.0 not in {v for _n, v, _u in found}
    # A mark passed with nothing after it is the value told.
    assert ("手术量", 2.0, "万台次") in named("医院年手术量突破2万台次。")


def test_a_range_per_person_has_no_one_value():
    found = named("12名党委委员每人联系2至3个党支部，每季度参加30至40分钟的组织生活。")
    assert ("党委委员", 12.0, "名") in found
    assert not {v for _n, v, _u in found} & {2.0, 3.0, 30.0, 40.0}


def test_changes_without_a_verb_in_wan_alone_or_by_extending():
    assert ("床位", 900.0, "张", 20.0, False) in metrics_of("床位：从20张到900张（实际开放）。")
    assert ("门急诊人次", 42.1, "万", 38.6, False) in metrics_of(
        "2025年，医院门急诊人次由上年的38.6万增至42.1万，出院患者1.9万人次。"
    )
    assert ("重症医学科床位", 20.0, "张", 10.0, False) in metrics_of("重症医学科床位由10张扩至20张。")


def test_what_an_opening_brought_is_current_a_future_verb_makes_it_a_plan():
    found = metrics_of("新楼启用后，医院开放床位由520张增至800张，手术室由9间增至16间。")
    assert ("开放床位", 800.0, "张", 520.0, False) in found
    assert ("手术室", 16.0, "间", 9.0, False) in found
    assert ("开放床位", 800.0, "张", 520.0, True) in metrics_of(
        "新楼启用后，医院开放床位将由520张增至800张。"
    )
    assert all(m[-1] for m in metrics_of("外科大楼建成后，医院床位由520张增至800张。"))


def test_money_invested_is_named_by_what_it_builds_or_buys():
    found = metrics_of(
        "医院计划投资3.2亿元建设妇幼保健中心，新增床位260张。",
        "医院今年将再投入900万元购置直线加速器。",
        "启动急诊综合楼建设，项目总投资1.6亿元。",
    )
    assert ("妇幼保健中心投资", 3.2, "亿元", None, True) in found
    assert ("直线加速器投入", 900.0, "万元", None, True) in found
    assert ("急诊综合楼总投资", 1.6, "亿元", None, False) in found


def test_numbered_items_under_a_plan_heading_are_all_targets():
    parsed = ParsedArticle(
        title="繁峙县人民医院2025年工作总结",
        sections=[
            Section("", ["繁峙县人民医院全年门急诊人次38.2万。"]),
            Section(
                "",
                [
                    "三、2026年工作安排",
                    "（一）力争门急诊人次突破40万；（二）启动传染病综合楼建设，项目总投资8600万元，新增床位90张；"
                    "（三）四级手术占比提升到16%。",
                ],
            ),
        ],
    )
    found = {(m.name, float(m.value), m.planned) for m in extract(parsed).metrics}
    assert ("门急诊人次", 38.2, False) in found
    assert {("传染病综合楼总投资", 8600.0, True), ("四级手术占比", 16.0, True)} <= found
    assert not any(v in (90.0, 8600.0, 16.0) and not planned for _n, v, planned in found)


def test_a_labelled_value_given_with_its_year():
    found = {(n, v, u) for n, v, u, _f, _p in metrics_of("年出院人次：2025年达4.2万人次，是2010年的3倍。")}
    assert ("年出院人次", 4.2, "万人次") in found
    parsed = ParsedArticle(
        title="繁峙县人民医院", sections=[Section("", ["年出院人次：2025年达4.2万人次，是2010年的3倍。"])]
    )
    times = next(m for m in extract(parsed).metrics if m.unit == "倍")
    assert times.year != 2010  # the year compared with dates nothing
    # An earlier year's value after a value is still that value's start.
    assert ("门急诊量", 45.2, "万人次", 40.1, False) in metrics_of(
        "门急诊量为45.2万人次，去年同期为40.1万人次。"
    )


def test_counts_regrouped_between_two_numbers_and_extended_to_a_target():
    assert ("党支部", 21.0, "个", 9.0, False) in metrics_of("医院党委将原有的9个党支部调整为21个。")
    assert ("日间病房床位", 40.0, "张", None, True) in metrics_of(
        "下一步，医院计划将日间病房床位扩充至40张。"
    )


def test_figures_under_a_heading_of_main_goals_are_targets():
    parsed = ParsedArticle(
        title="繁峙县人民医院2025年工作总结",
        sections=[
            Section("", ["繁峙县人民医院全年门急诊量80.2万人次。"]),
            Section(
                "", ["三、2026年主要目标", "门急诊量力争达到88万人次；新增负压病房20间；CMI值达到1.05。"]
            ),
        ],
    )
    found = {(float(m.value), m.planned) for m in extract(parsed).metrics}
    assert (80.2, False) in found
    assert {(88.0, True), (20.0, True), (1.05, True)} <= found


def test_an_index_that_rose_with_zeng_zhi_is_a_change():
    assert ("病例组合指数", 1.04, "", 0.86, False) in metrics_of("病例组合指数（CMI）由0.86增至1.04。")
    assert ("时间消耗指数", 0.93, "", 1.05, False) in metrics_of("时间消耗指数由1.05减至0.93。")


def test_counties_of_the_region_the_hospital_guides_are_not_its_figures():
    assert values("医院负责指导全市9个县（市、区）的妇幼保健工作。") == set()
    assert values("医院是全省14个市州危重孕产妇救治的技术指导单位，开放床位600张。") == {(600.0, "张")}


def test_a_provincial_partner_named_short_after_its_full_name_keeps_its_figures():
    found = values(
        "在甘肃省人民医院的帮扶下，医院胸痛中心通过认证。省人民医院每月派出专家6名到院坐诊，"
        "累计带教手术220余台。",
        "医院开放床位420张。",
    )
    assert found == {(420.0, "张")}


def test_health_centres_of_the_county_joined_to_the_hospital_are_still_counted():
    assert (14.0, "家") in values("医院牵头组建医共体，将全县14家乡镇卫生院纳入统一管理。")


def test_growths_against_a_named_year_belong_to_the_volumes_before_and_are_not_dated_by_it():
    found = metrics_of("2024年，医院门急诊量达到96.2万人次，出院病人4.1万人次，分别较2019年增长31%和24%。")
    assert ("门急诊量", 31.0, "%", None, False) in found
    assert ("出院病人", 24.0, "%", None, False) in found


def test_a_running_total_after_new_ones_is_the_total_of_that_thing():
    assert ("四川省临床重点专科", 11.0, "个") in named("医院新获批四川省临床重点专科2个，累计达到11个。")


def test_a_share_the_clause_describes_is_named_by_it():
    found = named("全院设党支部18个，临床科室党支部书记由学科带头人担任的比例达到100%。")
    assert ("临床科室党支部书记由学科带头人担任的比例", 100.0, "%") in found


def test_departments_counted_by_what_they_were_made_are_named_by_it():
    assert ("盐城市重点专科", 6.0, "个") in named("骨科、妇产科等6个科室被评为盐城市重点专科。")


def test_sending_staff_in_batches_is_a_plan():
    assert ("选派业务骨干进修", 40.0, "名", None, True) in metrics_of(
        "医院将分批选派40名业务骨干到上级医院进修。"
    )


def test_money_planned_to_start_a_building_is_named_by_the_building():
    assert ("门诊综合楼投资", 2.4, "亿元", None, True) in metrics_of("计划投资2.4亿元启动门诊综合楼建设。")


def test_full_and_associate_seniors_in_brackets_and_a_year_between_name_and_value():
    found = named("医院有高级职称人员210人（其中正高46人、副高164人）。", "出院患者去年达到2.86万人次。")
    assert {("正高", 46.0, "人"), ("副高", 164.0, "人"), ("出院患者", 2.86, "万人次")} <= found


def test_dashed_targets_a_multiple_after_a_change_and_a_total_reached_now():
    found = metrics_of(
        "——门急诊量力争达到90万人次；",
        "年门诊量由1980年的3.6万人次增长到2024年的52.2万人次，是当年的14.5倍。",
        "市级临床重点专科从无到有，目前已达到6个。",
    )
    assert ("门急诊量", 90.0, "万人次", None, True) in found
    assert ("门诊量", 14.5, "倍", None, False) in found
    assert ("市级临床重点专科", 6.0, "个", None, False) in found


def test_contestants_a_roll_call_and_who_was_sent_are_read_as_such():
    assert values("我院举行技能竞赛，来自18个科室的52名青年医师同台比拼。") == set()
    assert values("本次大会应到代表168名，实到161名，符合规定人数。") == set()
    assert ("医务人员", 118.0, "人次") in named("医院累计下派医务人员118人次到乡镇卫生院坐诊带教。")


def test_growths_against_a_described_year_are_not_dated_by_it_and_a_multiple_drops_the_comparison():
    found = {
        (n, v, u, y)
        for n, v, u, y in (
            (m.name, float(m.value), m.unit, m.year)
            for m in extract(
                ParsedArticle(
                    title="新蔡县人民医院",
                    sections=[
                        Section(
                            "",
                            [
                                "新蔡县人民医院召开年度工作会议。",
                                "2023年，医院门急诊量达到88.1万人次，出院病人5.2万人次，分别比创建前的2020年增长35%和31%。",
                                "四级手术例数较创建前增长了1.8倍。",
                            ],
                        )
                    ],
                )
            ).metrics
        )
    }
    assert ("门急诊量", 35.0, "%", 2023) in found
    assert ("出院病人", 31.0, "%", 2023) in found
    assert any(n == "四级手术例数" and v == 1.8 and u == "倍" for n, v, u, _y in found)


def test_young_staff_keep_their_age_word_and_so_does_their_share():
    found = named("据统计，全院35岁以下青年职工已达到760人，占职工总数的41.2%。")
    assert ("青年职工", 760.0, "人") in found
    assert ("青年职工占比", 41.2, "%") in found


def test_chinese_numerals_with_a_decimal_point():
    found = named("设备总值四点六亿元，危重症患者抢救成功率达到百分之九十三点五。")
    assert ("设备总值", 4.6, "亿元") in found


def test_national_counts_builders_and_a_change_from_an_average():
    assert values("据统计，我国每年新发急性心肌梗死患者约100万例。", "工地上300余名工人三班倒作业。") == set()
    assert ("救治时间", 38.0, "分钟", 70.0, False) in metrics_of(
        "去年，严重创伤患者院内救治时间由平均70分钟缩短至38分钟。"
    )


def test_the_county_network_the_hospital_leads_and_our_clause_after_a_partners():
    assert any(v == 17.0 and u == "家" for _n, v, u in named("医院牵头的县域医共体有成员单位17家。"))
    found = named("上级医院累计派出专家53人次，医院另有97名医护人员到上级医院进修。")
    assert ("医护人员进修", 97.0, "名") in found


def test_events_counted_in_sessions():
    found = named("医院党员服务队下乡义诊86场，举办健康讲座31场，服务群众1.4万人次。")
    assert any(n.endswith("下乡义诊") and (v, u) == (86.0, "场") for n, v, u in found)
    assert ("健康讲座", 31.0, "场") in found
    # A place word after a number is not the unit 场.
    assert not any(u == "场" for _n, _v, u in named("医院新建停车场1处，广场2000平方米。"))


def test_a_sentence_opening_with_a_partner_comes_back_to_the_subject():
    signed = "医院与首都医科大学附属北京天坛医院签订合作协议。"
    found = named(signed, "北京天坛医院常驻专家5人，医院每年接诊外地患者2.6万余人次。")
    assert any(n.endswith("患者") and (v, u) == (2.6, "万人次") for n, v, u in found)
    assert (5.0, "人") not in values(signed, "北京天坛医院常驻专家5人，医院每年接诊外地患者2.6万余人次。")
    # Without a clause of ours, the whole sentence is the partner's.
    assert not values(signed, "北京天坛医院年门诊量300万人次，出院病人12万人次。")


def test_small_chinese_counts_after_the_thing_counted_and_percentages_in_words():
    found = named(
        "医院设临床科室十九个、医技科室六个，新增省级重点专科两个。全年床位使用率达到百分之八十七点四。"
    )
    assert ("医技科室", 6.0, "个") in found
    assert any(n.endswith("重点专科") and (v, u) == (2.0, "个") for n, v, u in found)
    assert ("床位使用率", 87.4, "%") in found
    # Before the noun, or how often something happens, a small count is no figure.
    assert not values("医院坚持三个导向，建成两个中心。医疗队每月前往牧区一次。")


def test_a_series_over_the_years_gives_its_latest_value():
    found = metrics_of("出院患者2021年为3.02万人次，2022年为3.35万人次，2024年达到3.9万人次。")
    assert ("出院患者", 3.9, "万人次", None, False) in found
    assert not any(v in (3.02, 3.35) for _n, v, *_rest in found)
    # An earlier year stated after the value is the value it grew from.
    assert ("门急诊量", 52.6, "万人次", 47.1, False) in metrics_of(
        "2024年门急诊量为52.6万人次，2023年为47.1万人次。"
    )


def test_targets_after_a_colon_a_building_still_going_up_and_departments_praised():
    found = metrics_of(
        "会议强调，下半年要冲刺全年目标：门急诊量突破60万人次，出院患者3.1万人次；"
        "新门诊楼（建筑面积约4.8万平方米）力争年底前封顶。会上对9个先进科室进行了通报表扬。"
    )
    assert ("门急诊量", 60.0, "万人次", None, True) in found
    assert ("出院患者", 3.1, "万人次", None, True) in found
    assert any(v == 4.8 and u == "万平方米" and planned for _n, v, u, _f, planned in found)
    assert not any(u == "个" for _n, _v, u, _f, _p in found)
    assert ("门急诊量", 60.0, "万人次", None, False) in metrics_of(
        "全年门急诊量突破60万人次，超额完成年度目标。"
    )


def test_a_target_after_the_hospitals_own_building_project_is_ours():
    found = metrics_of("院长表示，东院区二期工程已于今年初动工，预计到2026年底全院开放床位将达到2,400张。")
    assert ("开放床位", 2400.0, "张", None, True) in found


def test_a_chinese_numeral_keeps_its_closing_wan_in_the_unit_as_an_arabic_one_does():
    found = named("医院总建筑面积十一万平方米，全年为基层出具诊断报告十二万余份，投入设备资金一千二百万元。")
    assert any(v == 11.0 and u == "万平方米" for _n, v, u in found)
    assert any(v == 12.0 and u == "万份" for _n, v, u in found)
    assert any(v == 1200.0 and u == "万元" for _n, v, u in found)


def test_a_university_hospitals_own_name_opens_its_figures_and_the_university_stays_out():
    # The canonical name may be the hospital's other one (延边大学第二医院): a sentence opening with
    # the university's hospital is still no university's figure.
    text = "据了解，延边大学康复医院始建于1950年，编制床位2800张。延边大学作为医院的举办高校，在校生1.6万人。"
    found = {
        (m.name, float(m.value), m.unit) for m in extract_metrics(split_sentences(text), "延边大学第二医院")
    }
    assert found == {("编制床位", 2800.0, "张")}


def test_operating_rooms_and_dental_chairs_are_named_by_themselves():
    found = metrics_of("新楼启用后，医院手术间从12间增加到20间，诊室86间，牙椅24台。")
    assert ("手术间", 20.0, "间", 12.0, False) in found
    assert ("诊室", 86.0, "间", None, False) in found
    assert ("牙椅", 24.0, "台", None, False) in found


def test_a_rate_brought_down_to_a_value_is_named_by_the_rate():
    found = named("县外转诊率降到了7.4%，平均住院日缩到7.1天。")
    assert ("县外转诊率", 7.4, "%") in found
    assert not any(n.startswith(("降", "缩")) for n, _v, _u in found)


def test_label_lines_with_volumes_in_wan_and_their_growth():
    found = named("门急诊人次：48.2万，同比增长6.3%；出院人次：2.71万，同比增长4.9%。")
    assert ("门急诊人次", 48.2, "万") in found and ("门急诊人次", 6.3, "%") in found
    assert ("出院人次", 2.71, "万") in found


def test_how_things_stand_at_a_date_is_current_and_a_goal_after_a_colon_in_numerals_is_planned():
    found = metrics_of("2023年医院门急诊量52万人次。截至2024年6月，医院有在岗职工1860人。")
    assert ("在岗职工", 1860.0, "人", None, False) in found
    found = metrics_of(
        "二〇二三年门急诊量30万人次。我们的目标是：到二〇二七年，开放床位达到六百张；"
        "投资二点八亿元建设的新住院综合楼力争二〇二六年主体完工。"
    )
    assert ("开放床位", 600.0, "张", None, True) in found
    assert ("新住院综合楼投资", 2.8, "亿元", None, True) in found


def test_money_for_what_it_builds_after_de_and_a_volume_said_with_quannian():
    found = metrics_of(
        "医院正加快推进投资6.2亿元的城东院区建设。明年我们将启动投资3.1亿元的新住院大楼建设。"
        "门急诊量全年达到四十六点二万人次。"
    )
    assert ("城东院区投资", 6.2, "亿元", None, True) in found
    assert ("新住院大楼投资", 3.1, "亿元", None, True) in found
    assert ("门急诊量", 46.2, "万人次", None, False) in found
