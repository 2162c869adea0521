"""Meeting news of a hospital's own site (职代会, 干部大会): the hospital named once, by a small
place or a 市立 name, and its leaders named before verbs of ceremony. Texts written for these tests."""

from hospitals.tests.extracted import extract_body as _extract
from hospitals.tests.extracted import subject_leaders as _leaders


def test_a_city_run_hospital_named_shi_li_is_a_hospital():
    ex = _extract("3月5日，烟台市市立医院第六届职工代表大会在学术报告厅召开。院长孙涛作工作报告。")
    assert ex.subject.name == "烟台市市立医院"
    assert (ex.subject.province, ex.subject.city) == ("山东省", "烟台市")


def test_a_page_naming_one_small_places_hospital_once_at_its_opening_is_about_it():
    ex = _extract("1月9日下午，溱潼人民医院在门诊四楼会议室召开职工代表大会。会议由副院长周平主持。")
    assert ex.subject.name == "溱潼人民医院"
    assert _leaders(ex) == {"周平": ["副院长"]}


def test_a_bare_phrase_late_in_a_page_is_still_no_hospital():
    body = "今天召开大会。" + "与会代表认真讨论各项报告，提出意见建议。" * 12 + "大家表示要共谋医院发展。"
    assert _extract(body).subject is None


def test_names_before_ceremony_verbs_and_after_a_report():
    ex = _extract(
        "5月8日，烟台市市立医院召开职代会。副院长俞红致开幕词，院长方磊作工作报告，副院长周勇作的"
        "《重大事项报告》获得通过。最后，纪委书记蒋光全致闭幕词。\n"
        "会后，蒋光全同志与代表们合影。"
    )
    assert _leaders(ex) == {
        "俞红": ["副院长"],
        "方磊": ["院长"],
        "周勇": ["副院长"],
        "蒋光全": ["纪委书记"],
    }


def test_a_name_first_post_before_an_adverb_and_a_post_held_as_well():
    ex = _extract(
        "烟台市市立医院召开第五届职工代表大会。陈立强院长首先作了年度工作报告。"
        "贺玲还作为医院党委书记进行了党委工作述职。"
    )
    assert _leaders(ex) == {"陈立强": ["院长"], "贺玲": ["党委书记"]}
