"""Classes of wrong metrics seen on real hospital texts never used for tuning: one event's tallies,
national and area statistics, hospitals a text counts, programmes and awards, founding days, plans
and names that are verbs or fragments. Every text here is written for the test; each keeps only the
structure of what was seen."""

from hospitals.tests.extracted import Paragraphs

_about = Paragraphs("奉新县人民医院", "召开工作会议。")
metrics_of, values, named = _about.metrics_of, _about.values, _about.named


# ---- one event's tallies ---------------------------------------------------------------------


def test_the_tallies_of_one_event_are_not_the_hospitals():
    found = values(
        "此次义诊活动为群众免费测血压300余人次、提供健康咨询400余人次。",
        "本次活动期间咨询人数达90余人次，发放宣传资料180份。",
        "在此次义诊中，医院共接待市民咨询150余人，发放各类宣传资料260余份。",
        "活动过程中，共发放宣传材料420余份，测量血糖130余人次。",
        "截至当日中午，医院共接待咨询群众80余名，发放宣传册300余份。",
    )
    assert found == set()


def test_a_yearly_count_of_events_is_still_a_metric():
    found = named("医院全年开展义诊活动46次，门诊量达到38万人次。")
    assert {("义诊活动", 46.0, "次"), ("门诊量", 38.0, "万人次")} <= found


# ---- national and area statistics ------------------------------------------------------------


def test_a_quarter_of_national_statistics_and_its_parts():
    found = values(
        "2022年第2季度全国医疗卫生机构总诊疗人次达15.2亿人次，同比增长4.1%。"
        "其中：医院总诊疗人次为5.6亿人次，同比增长3.2%；基层医疗卫生机构诊疗人次为9.1亿人次，同比增长5.3%。",
        "2022年末，全国医疗卫生机构总数103万个，其中医院3.7万个，比上年增加1200个。",
    )
    assert found == set()


def test_a_five_year_plan_period_opening_national_figures():
    found = values("“十三五”期间全国800家城市三级医院累计选派医务人员超过7万人次，在600个县蹲点帮扶。")
    assert found == set()


def test_a_sentence_after_national_figures_that_is_about_the_subject_is_kept():
    found = named("全国医疗卫生机构总数103万个。医院开放床位860张。")
    assert found == {("开放床位", 860.0, "张")}


def test_hospitals_the_text_counts_are_others():
    found = values(
        "截至2020年底，达到三级水平的县医院超过40家，同比增加30%。",
        "全市实现全县5家县级医院、18家乡镇卫生院共享一个数据中心。",
    )
    assert (40.0, "家") not in found and (5.0, "家") not in found and (18.0, "家") not in found


def test_hospitals_of_the_subjects_network_are_still_counted():
    found = values(
        "医院牵头组建医共体，以县医院为龙头，以14家乡镇卫生院为成员。",
        "医院托管乡镇卫生院6家。",
    )
    assert {(14.0, "家"), (6.0, "家")} <= found


# ---- programmes, awards and the experts they send --------------------------------------------


def test_a_programme_its_experts_and_their_totals():
    found = values(
        "“名医下乡”帮扶是省卫健委的重点项目，2019年3月首次启动，第一轮项目共有46名专家开展帮扶。",
        "专家共开展门诊5120人次，实施手术72次，带教88名青年医生。",
        "省里组织的“千名医师下基层”和“百人专家团”活动同时启动。",
    )
    assert found == set()


def test_an_award_round_counts_its_winners_not_the_hospitals_staff():
    found = values(
        "本次共有河西医院等180个单位获授“先进集体”称号。",
        "第十届“仁医奖”获奖医师共60位。",
        "“健康卫士”评选活动2018年发起，今已举办第五届，共计700位医务工作者被推荐。",
        "经评审团投票，最终选出了110位获奖者。",
    )
    assert found == set()


def test_a_hospitals_own_awards_are_still_counted():
    found = named("医院全年获省级科技进步奖3项。医院共有高级职称专家120人。")
    assert {("高级职称专家", 120.0, "人")} <= found
    assert (3.0, "项") in {(v, u) for _n, v, u in found}


# ---- founding days, plans, a case's details --------------------------------------------------


def test_the_small_beginning_a_hospital_grew_from_is_history():
    found = values(
        "六十年来，医院从一个只有几名医生和4间平房的卫生所成长为今天占地90亩、床位900张的三级医院。",
        "医院从一个编制180张床位的医院发展成为大型综合性医院。",
    )
    assert (4.0, "间") not in found and (180.0, "张") not in found
    assert {(90.0, "亩"), (900.0, "张")} <= found


def test_a_level_that_will_move_from_one_value_to_another_is_planned():
    found = metrics_of("届时，医院重心南移，目前老院区床位将从目前的1300张减少到400张左右。")
    assert [(v, f, p) for _n, v, _u, f, p in found] == [(400.0, 1300.0, True)]


def test_a_thing_of_one_case_told_by_its_size_is_not_a_count():
    found = values("术中仅在患者胸壁上打了1个直径约3公分的操作孔和1个直径为1厘米的观察孔。")
    assert found == set()


# ---- names that are verbs or fragments -------------------------------------------------------


def test_a_growth_compared_with_last_year_without_bi_is_named_by_its_measure():
    found = named("2022年门急诊量比去年增长21%，出院人次去年增长9.6%，业务收入比去年增长14.2%。")
    assert {("门急诊量", 21.0, "%"), ("出院人次", 9.6, "%"), ("业务收入", 14.2, "%")} <= found
    assert not any(n in ("增长", "去年") for n, _v, _u in found)


def test_a_target_is_named_without_the_plan_verb():
    found = metrics_of("会议提出，力争2024年实现门急诊诊疗50万人次，计划完成医疗收入3.1亿元。")
    assert {(n, v, p) for n, v, _u, _f, p in found} == {("门急诊诊疗", 50.0, True), ("医疗收入", 3.1, True)}


def test_values_after_achieved_verbs_and_a_lost_comma_keep_their_names():
    found = named(
        "医院现在拥有床位1500多张员工2600多人，医技科室设立了18个，占地面积达到了9万平方米，"
        "医疗设备的资产总值已经达到了4.2亿元左右。"
    )
    assert {
        ("床位", 1500.0, "张"),
        ("医技科室", 18.0, "个"),
        ("占地面积", 9.0, "万平方米"),
        ("资产总值", 4.2, "亿元"),
    } <= found
    assert not any(n == "员工" and u == "张" for n, _v, u in found)


def test_a_programmes_name_with_plan_in_it_does_not_make_a_plan():
    found = metrics_of("医院发展成国家“863计划”临床基地，业务增长25倍，有主任医师76人。")
    assert {(n, v, p) for n, v, _u, _f, p in found} >= {("业务", 25.0, False)}
    assert not any(p for *_rest, p in found)


def test_the_first_days_named_as_the_founding_years_are_history():
    found = values("医院创建于1946年，创建初期，医院仅有一间门诊室，12张简易病床和9名职工。")
    assert found == set()


def test_institutions_of_every_level_in_an_area_are_not_the_subject():
    found = values("2016—2020年，县级以上医疗机构新增万元以上设备1800多件，购置经费3亿多元。")
    assert found == set()


def test_guests_counted_at_a_ceremony_are_not_staff():
    found = values("省市有关部门负责人等160名领导、嘉宾、友人，与全院职工共同见证了这些喜庆的时刻。")
    assert found == set()


def test_a_volume_told_twice_with_and_without_liang_is_one_metric():
    found = metrics_of(
        "如今，医院年门诊接待量达45万人次。", "院长说，医院年门诊接待45万人次，年住院人次2.1万。"
    )
    assert sorted(v for _n, v, u, _f, _p in found if u == "万人次") == [45.0]


def test_a_bed_count_after_a_verb_of_growth_is_named_without_it():
    found = named("医院启动了肿瘤科病房楼建设，肿瘤科床位扩至160张，医疗用房扩大到12800平方米。")
    assert {("肿瘤科床位", 160.0, "张"), ("医疗用房", 12800.0, "平方米")} <= found


def test_the_nations_figures_run_on_until_the_subject_is_named_again():
    found = named(
        "据了解，“十三五”期间全国900家城市三级医院累计选派医务人员超过7万人次，在700个县的1000家县级医院蹲点帮扶。"
        "门诊诊疗超过3100万人次，管理出院患者超过350万人次，新建临床专科6200多个。",
        "医院全年门诊量达到42万人次。",
    )
    assert found == {("门诊量", 42.0, "万人次")}


def test_a_countys_figures_do_not_run_on_into_the_next_sentence():
    found = named("全县基层就诊率达到68%。医院出院人次增长9%。")
    assert ("出院人次", 9.0, "%") in found


def test_staff_counted_from_a_grade_up_keep_the_grade_in_the_name():
    found = named("医院有副主任以上医师76人，副高以上职称118人，中级以上职称290人，硕士及以上学历人员48人。")
    assert {
        ("副主任以上医师", 76.0, "人"),
        ("副高以上职称", 118.0, "人"),
        ("中级以上职称", 290.0, "人"),
        ("硕士及以上学历", 48.0, "人"),
    } <= found


def test_the_area_of_a_building_told_after_it_is_named_for_the_building():
    found = named("新住院大楼共16层，面积21000平方米。医院占地面积80亩。")
    assert {("住院大楼面积", 21000.0, "平方米"), ("占地面积", 80.0, "亩")} <= found


def test_a_team_sent_by_a_city_and_a_team_for_one_event_are_not_counted():
    found = values(
        "2016年—2019年，杭州市派出由两家市级医院近60名医务人员组成的援疆团队，组建3支医疗队派驻医院。",
        "3月5日，医院组织了3支医疗专家义诊队分别来到两个社区开展志愿服务活动。",
        "来自各科室的14名医务人员冒雨为群众提供诊疗咨询、测量血压等义务服务。",
    )
    assert found == set()


def test_the_hospitals_own_volunteers_are_still_counted():
    found = named("医院现有注册志愿者320余名，组建家庭医生团队24支。")
    assert (320.0, "名") in {(v, u) for _n, v, u in found}


def test_two_grades_a_bar_of_price_and_a_rate_per_month_stay_in_the_name():
    found = named(
        "手术例数3.8万台，其中三四级手术占比提升至61.2%。",
        "医院每月远程会诊1500余例，拥有价值在百万以上的设备近40件。",
    )
    assert {
        ("三四级手术占比", 61.2, "%"),
        ("每月远程会诊", 1500.0, "例"),
        ("百万元以上设备", 40.0, "件"),
    } <= found


def test_a_campus_being_built_and_experts_about_to_go_are_plans():
    found = metrics_of(
        "医院正在建设中的东部院区，占地230亩，设置床位1800张。",
        "11月2日，医院与省卫健委召开座谈会，会上，60名专家将分别到海口、三亚等8市县开展医疗帮扶活动。",
    )
    assert {(v, p) for _n, v, _u, _f, p in found} <= {(230.0, True), (1800.0, True), (60.0, True)}
    assert {(230.0, True), (1800.0, True)} <= {(v, p) for _n, v, _u, _f, p in found}


def test_experts_about_to_go_out_are_a_plan():
    found = metrics_of("医院召开动员会，28名医务人员将分别赴4个乡镇开展巡回医疗。")
    assert [(v, p) for _n, v, u, _f, p in found if u == "名"] == [(28.0, True)]


def test_a_province_or_the_nation_sending_teams_tells_its_own_totals():
    found = values(
        "自2012年起，江苏在医疗援疆方面累计派驻援疆医疗专家52人，接诊近12万人次。",
        "2017年至2021年，中国援外医疗队5年累计派出近3400名队员，为880万人次患者开展医疗服务。",
    )
    assert found == set()


def test_a_span_of_years_gone_is_not_a_target():
    found = metrics_of("2019年至2023年，医院累计完成手术4.6万台。")
    assert [(v, p) for _n, v, _u, _f, p in found] == [(4.6, False)]
