"""Classes of wrong metrics seen on real hospital texts never used for tuning: one event's tallies,
national and area statistics, hospitals a text counts, programmes and awards, founding days, plans
and names that are verbs or fragments. Every text here is written for the test; each keeps only the
structure of what was seen."""

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def metrics_of(*paragraphs, title="奉新县人民医院"):
    parsed = ParsedArticle(title=title, sections=[Section("", ["奉新县人民医院召开工作会议。", *paragraphs])])
    return [
        (m.name, float(m.value), m.unit, None if m.from_value is None else float(m.from_value), m.planned)
        for m in extract(parsed).metrics
    ]


def values(*paragraphs):
    return {(v, unit) for _n, v, unit, _f, _p in metrics_of(*paragraphs)}


def named(*paragraphs):
    return {(n, v, unit) for n, v, unit, _f, _p in metrics_of(*paragraphs)}


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
