"""Leaders and subjects in the layouts real pages use that the rules missed (found by reading the
extraction of real news it had never seen): reports a leader gave (院长所作的), statements
(表态发言), appointments to a maternal and child health centre or of two people counted to a hospital
named in full, the occasion or an honour of a post taken for a name (任职, 荣誉), rare surnames,
a branch's deputy secretary after a clause, guests' posts an organ names before them in a list,
and counties written under the name they had before they became cities. Short texts written for
these tests."""

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract
from hospitals.extraction.places import place_of_name
from hospitals.extraction.posts import is_foreign_post


def extraction(*paragraphs, title="北海市人民医院召开职工代表大会"):
    parsed = ParsedArticle(title=title, sections=[Section("", list(paragraphs))])
    return extract(parsed)


def names(*paragraphs, title="北海市人民医院召开职工代表大会"):
    first = "北海市人民医院召开第三届二次职工代表大会。"
    return {p.name: p.titles for p in extraction(first, *paragraphs, title=title).people}


def test_a_leader_named_with_the_report_he_gave():
    found = names(
        "会议审议了四个报告，分别是林海涛院长所作的《医院工作报告》，副院长罗佩所作的《财务预算报告》，"
        "副院长韦明强所作的《绩效方案》，工会主席覃玉兰所作的《工会工作报告》。"
    )
    assert found == {
        "林海涛": ["院长"],
        "罗佩": ["副院长"],
        "韦明强": ["副院长"],
        "覃玉兰": ["工会主席"],
    }


def test_a_leader_making_a_statement():
    found = names("市委组织部宣布了任职决定。", "梁志国院长表态发言，表示将团结带领全院职工。")
    assert found == {"梁志国": ["院长"]}


def test_a_rare_surname_is_a_surname():
    assert names("院长蒿文静作医院工作报告。") == {"蒿文静": ["院长"]}


def test_an_appointment_to_a_maternal_and_child_health_centre():
    title = "北海市妇幼保健院召开干部大会"
    first = "北海市妇幼保健院召开干部大会。"
    found = {
        p.name: p.titles
        for p in extraction(first, "会上宣布了市委的决定，黎晓红同志任市妇幼保健院院长。", title=title).people
    }
    assert found == {"黎晓红": ["院长"]}


def test_two_people_appointed_to_a_hospital_named_in_full():
    found = names("会上宣读了任免通知，同意聘任莫丽、黄志刚两位同志为北海市人民医院副院长。")
    assert found == {"莫丽": ["副院长"], "黄志刚": ["副院长"]}


def test_the_occasion_or_an_honour_of_a_post_is_no_name():
    found = names("区卫健委在我院召开新任副院长任职宣布大会。", "医院聘任老院长为医院荣誉院长。")
    assert found == {}


def test_a_branch_deputy_secretary_after_a_clause():
    found = names("会议由党支部副书记邓丽主持，党支部书记韦强作工作报告。")
    assert found == {"邓丽": ["党支部副书记"], "韦强": ["党支部书记"]}


def test_a_bare_post_after_an_official_and_his_organ_is_the_organs():
    found = names("区卫健委主任王建、副主任刘海出席会议。院长陈立作报告。")
    assert found == {"陈立": ["院长"]}
    # After a hospital's leader, the bare post stays the hospital's.
    assert names("医院院长陈立、副院长刘海出席会议。") == {"陈立": ["院长"], "刘海": ["副院长"]}


def test_posts_after_a_university_officials_list_are_the_universitys():
    found = names("学校党委常委、副校长、医学部主任颜明，校党委常务副书记方力出席。院长陈立讲话。")
    assert found == {"陈立": ["院长"]}
    text = "校党委常委、副校长、医学部主任颜明出席"
    assert is_foreign_post(text, text.index("医学部"))


def test_a_sector_union_and_a_bureaus_office_are_not_the_hospitals():
    found = names(
        "大会由工会主席苏梅主持。县总工会副主席周平，县卫生系统工会主席莫红、卫生局办公室主任蓝天等出席。"
    )
    assert found == {"苏梅": ["工会主席"]}


def test_a_county_under_its_former_name_is_placed_where_it_is_now():
    # 腾冲县 became 腾冲市; older pages still write the county.
    assert place_of_name("腾冲县中医医院") == ("云南省", "保山市", "腾冲市")
    ex = extraction("腾冲县中医医院召开职工代表大会，院长杨明作工作报告。", title="腾冲县中医医院召开职代会")
    assert ex.subject.name == "腾冲县中医医院"
    assert (ex.subject.province, ex.subject.city, ex.subject.county) == ("云南省", "保山市", "腾冲市")
    assert {p.name: p.titles for p in ex.people} == {"杨明": ["院长"]}
    # A county that still is one keeps its own name.
    assert place_of_name("房县人民医院") == ("湖北省", "十堰市", "房县")


def test_a_hospital_known_by_its_number_alone():
    ex = extraction(
        "二一三医院院长梁海带领院领导班子深入发热门诊，看望一线医务人员。", title="院领导慰问一线职工"
    )
    assert ex.subject.name == "二一三医院"
    assert {p.name: p.titles for p in ex.people} == {"梁海": ["院长"]}


def test_a_name_first_leader_after_an_adverb_of_order():
    assert names("首先韦德明院长带领大家参观了新病房大楼。") == {"韦德明": ["院长"]}


def test_a_president_in_charge_of_a_field_is_a_vice_president():
    found = names("院长陈立作工作报告，财务分管院长罗芳作财务报告。")
    assert found == {"陈立": ["院长"], "罗芳": ["副院长"]}


def test_a_masked_party_post_and_appointments_chained_by_a_comma():
    found = names("会上宣读了通知：黎平同志任医院*委书记、潘东同志任医院*委副书记、院长。")
    assert found == {"黎平": ["党委书记"], "潘东": ["党委副书记", "院长"]}


def test_a_county_level_city_under_its_name_before_it_became_a_district():
    # 上虞市 became 上虞区 of 绍兴市.
    assert place_of_name("上虞市中医医院") == ("浙江省", "绍兴市", "上虞区")


def test_officials_of_a_health_and_family_planning_commission_and_of_its_offices():
    found = names(
        "市卫生计生委党委书记、主任赵文出席大会。",
        "市卫健委党组成员、直属机关党委书记曹军陪同调研。院党委书记杜平作报告。",
    )
    assert found == {"杜平": ["党委书记"]}


def test_a_name_first_leader_passing_on_a_document():
    found = names("会上，韦启南书记传达了上级工作要点；覃学安院长部署了全年工作。")
    assert found == {"韦启南": ["党委书记"], "覃学安": ["院长"]}


def test_a_university_hospital_said_short_with_its_affiliation():
    ex = extraction(
        "12月27日上午，南华大学附属长青医院召开干部会议。会议宣布，黄林同志任附属长青医院院长。",
        "附属长青医院全体职工表示拥护。",
        title="关于附属长青医院院长任命的决定",
    )
    assert ex.subject.name == "南华大学附属长青医院"
    assert "附属长青医院" in ex.subject.aliases
    assert {p.name: p.titles for p in ex.people} == {"黄林": ["院长"]}


def test_a_hospital_named_once_at_the_end_of_a_long_first_sentence_is_the_subject():
    ex = extraction(
        "8月22日上午，县委书记何海在副县长李静的陪同下，率县委办、县府办、发改局、财政局、人社局、"
        "国土局、规划局、卫生局等部门负责人来腾冲县中医医院调研。",
        "何书记一行视察了名医馆和影像诊断中心，听取了院长的介绍，对停车难问题进行了实地踏看。",
        title="县委书记来我院调研",
    )
    assert ex.subject is not None and ex.subject.name == "腾冲县中医医院"


def test_a_leader_listed_last_before_the_other_staff():
    found = names("党委书记吴勇，院长李争，副院长宋丽华以及相关科室负责人陪同调研。")
    assert found == {"吴勇": ["党委书记"], "李争": ["院长"], "宋丽华": ["副院长"]}


def test_a_university_hospital_said_short_before_its_leaders_post_claims_it():
    ex = extraction(
        "8月4日，岭南医学院第一附属医院与北海市人民医院合作共建签约仪式举行。北海市人民医院院长陈立出席。",
        "随后，岭医附一医院常务副院长朱辉对北海市人民医院的信任表示感谢。",
        title="北海市人民医院与岭医附一医院签约",
    )
    assert ex.subject.name == "北海市人民医院"
    people = {(p.name, p.hospital) for p in ex.people}
    assert ("朱辉", "岭南医学院第一附属医院") in people
    assert ("陈立", "北海市人民医院") in people
    assert ("朱辉", "北海市人民医院") not in people


def test_a_bare_post_listed_after_another_hospitals_leader_is_that_hospitals():
    ex = extraction(
        "北海市人民医院与钦州市人民医院签订协作协议。钦州市人民医院院长黄海、副院长林涛，"
        "北海市人民医院党委书记陈立、院长李平出席仪式。",
        "北海市人民医院将派出专家团队。",
    )
    people = {p.name: p.hospital for p in ex.people}
    assert people == {
        "黄海": "钦州市人民医院",
        "林涛": "钦州市人民医院",
        "陈立": "北海市人民医院",
        "李平": "北海市人民医院",
    }
