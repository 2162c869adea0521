"""The subject hospital where the text names it sparingly: only in a dash-led subtitle while the
body keeps naming a partner, in a headline by its place alone while the body names a partner
first, and under a county-level division newer than the division table (凤翔区, 黔西市)."""

from articles.cleaning import parse_article
from hospitals.extraction import extract
from hospitals.extraction.places import place_of_name
from hospitals.tests.extracted import extract_text


def subject_of(text):
    ex = extract(parse_article(text)[0])
    s = ex.subject
    return (s.name, s.province, s.city, s.county) if s else None


PARTNER = "贵州医科大学附属医院"


def test_a_dash_led_subtitle_names_the_subject_however_often_the_body_names_a_partner():
    text = (
        "山区患者的“家门口医院”\n——记岑巩县人民医院医联体建设\n\n"
        f"　　2020年，我院与{PARTNER}签订紧密型医联体协议。此后，{PARTNER}先后派出18批专家，"
        f"{PARTNER}心内科团队每月到院手术。\n"
        f"　　“{PARTNER}的专家手把手带教。”医院心内科主任说。在{PARTNER}帮助下，医院建成胸痛中心。{PARTNER}还接收医院医生进修。"
        f"院长田志刚说，医院将继续深化与{PARTNER}的合作。\n"
    )
    assert subject_of(text)[0] == "岑巩县人民医院"


def test_a_headline_naming_only_the_county_and_the_county_s_own_words_for_its_hospital():
    text = (
        "沪赣携手 铜鼓百姓家门口看名医\n\n"
        "　　本报讯（记者 刘敏）11月20日，复旦大学附属中山医院专家团队抵达铜鼓，复旦大学附属中山医院"
        "心内科专家当天即开展义诊。\n"
        "　　此次帮扶由复旦大学附属中山医院与铜鼓县人民医院共同实施。\n"
        "　　目前，县人民医院开放床位480张。院长邹国平表示，将抓住机遇提升服务能力。\n"
    )
    assert subject_of(text)[:1] == ("铜鼓县人民医院",)


def test_divisions_newer_than_the_table_place_their_hospitals():
    assert place_of_name("宝鸡市凤翔区人民医院") == ("陕西省", "宝鸡市", "凤翔区")
    assert place_of_name("黔西市人民医院") == ("贵州省", "毕节市", "黔西市")
    # From the newer division table, whatever year it was set up: a county that became a
    # district (2021), one that became a city (2018), a new district of a municipality.
    assert place_of_name("三明市沙县区总医院") == ("福建省", "三明市", "沙县区")
    assert place_of_name("漠河市人民医院") == ("黑龙江省", "大兴安岭地区", "漠河市")
    # A place the table knows keeps what cpca says.
    assert place_of_name("榆林市榆阳区人民医院") == ("陕西省", "榆林市", "榆阳区")


def test_a_traditional_page_whose_headline_uses_a_new_district_s_short_form():
    text = (
        "鳳翔區醫院開展義診進社區活動\n\n"
        "　　3月3日，西安交通大學第一附屬醫院專家團隊來到鳳翔，與寶雞市鳳翔區人民醫(yī)院聯合開展"
        "大型義診活動。西安交通大學第一附屬醫院心內科、內分泌科專家為群眾義診。"
        "西安交通大學第一附屬醫院將定期派專家坐診。\n"
        "　　醫院現有職工890人，開放床位720張。\n"
    )
    assert subject_of(text) == ("宝鸡市凤翔区人民医院", "陕西省", "宝鸡市", "凤翔区")


def test_a_place_the_tagger_reads_as_a_verb_still_anchors_the_name():
    from hospitals.extraction.names import find_names

    assert [h.name for h in find_names("会上，青岛市即墨区人民医院宣布")] == ["青岛市即墨区人民医院"]
    assert [h.name for h in find_names("医院与遵义医科大学附属医院签订协议")] == ["遵义医科大学附属医院"]


def test_a_newer_district_that_cpca_reads_as_the_county_it_replaced():
    assert place_of_name("青岛市即墨区人民医院") == ("山东省", "青岛市", "即墨区")
    # The former county's own name still names the former county.
    assert place_of_name("即墨市人民医院")[2] == "即墨市"


def test_a_hospital_named_with_its_partners_branch_in_brackets_is_the_subject():
    ex = extract_text(
        "德清县人民医院（浙江省人民医院德清分院）\n2024年度院务公开\n\n"
        "    2024年，医院门急诊人次达到96.2万。浙江省人民医院累计派出专家180人次。\n"
    )
    subject = ex.hospitals[0]
    assert subject.name == "德清县人民医院"
    assert "浙江省人民医院德清分院" in subject.aliases
    assert any(h.name == "浙江省人民医院" for h in ex.hospitals[1:])


def test_a_district_named_without_its_suffix_and_a_city_the_province_governs_directly():
    assert place_of_name("天津市北辰医院") == ("天津市", "天津市", "北辰区")
    assert place_of_name("宁波市鄞州人民医院") == ("浙江省", "宁波市", "鄞州区")
    # Words that are no district of that city leave the county empty.
    assert place_of_name("天津市第一中心医院") == ("天津市", "天津市", "")
    assert place_of_name("上海市东方医院") == ("上海市", "上海市", "")
    # 仙桃 and 文昌 are governed by their provinces, with no prefecture between.
    assert place_of_name("仙桃市第一人民医院") == ("湖北省", "仙桃市", "")
    assert place_of_name("文昌市人民医院") == ("海南省", "文昌市", "")


def test_a_partners_branch_named_for_the_local_hospitals_place_is_that_hospital():
    ex = extract_text(
        "遵义医科大学附属医院湄江分院揭牌\n\n"
        "    本报讯 3月2日，遵义医科大学附属医院与凤冈县人民医院紧密型医联体签约暨"
        "“遵义医科大学附属医院湄江分院”揭牌仪式举行。遵义医科大学附属医院现有开放床位3600张。"
        "凤冈县人民医院现有开放床位520张，职工680人。\n"
    )
    # A branch named for no hospital of the story leaves the headline's hospital as it was.
    assert ex.hospitals[0].name == "遵义医科大学附属医院"
    ex = extract_text(
        "遵义医科大学附属医院凤冈分院揭牌\n\n"
        "    本报讯 3月2日，遵义医科大学附属医院与凤冈县人民医院紧密型医联体签约暨"
        "“遵义医科大学附属医院凤冈分院”揭牌仪式举行。遵义医科大学附属医院现有开放床位3600张。"
        "凤冈县人民医院现有开放床位520张，职工680人。\n"
    )
    assert ex.hospitals[0].name == "凤冈县人民医院"
    assert any(h.name == "遵义医科大学附属医院" for h in ex.hospitals[1:])
