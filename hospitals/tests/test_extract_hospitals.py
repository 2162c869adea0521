from articles.parsing import ParsedArticle, Section
from hospitals.extraction import explain, extract


def article(title, *paragraphs, subtitle="", captions=()):
    return ParsedArticle(
        title=title, subtitle=subtitle, sections=[Section("", list(paragraphs))], captions=list(captions)
    )


def test_it_takes_the_hospital_in_the_title_as_subject_and_others_as_mentioned():
    ex = extract(
        article(
            "成都市第一人民医院：党建引领高质量发展",
            "成都市第一人民医院始建于1952年，是一所三级甲等综合医院。",
            "医院与四川大学华西医院签订合作协议，市一医院专家赴基层义诊。",
        )
    )
    subject = ex.hospitals[0]
    assert (subject.name, subject.role) == ("成都市第一人民医院", "subject")
    assert (subject.province, subject.city) == ("四川省", "成都市")
    assert (subject.level, subject.founded_year, subject.category) == ("3a", 1952, "general")
    assert [h.name for h in ex.hospitals[1:]] == ["四川大学华西医院"]
    assert all(h.role == "mentioned" for h in ex.hospitals[1:])
    assert "市一医院" not in subject.aliases


def test_a_municipality_is_both_province_and_city():
    ex = extract(article("北京市朝阳区妇幼保健院开展义诊", "北京市朝阳区妇幼保健院组织专家义诊。"))
    h = ex.hospitals[0]
    assert (h.province, h.city, h.county, h.category) == ("北京市", "北京市", "朝阳区", "maternal_child")


def test_a_name_without_place_takes_the_city_of_the_article_and_gains_a_placed_alias():
    ex = extract(
        article(
            "青山医院：党建引领发展",
            "青山医院坚持党建引领。作为佛山地区的龙头医院，青山医院服务佛山百姓。",
            "青山医院与南海区人民医院合作。",
        )
    )
    h = ex.hospitals[0]
    assert (h.name, h.province, h.city) == ("青山医院", "广东省", "佛山市")
    assert "佛山市青山医院" in h.aliases
    mentioned = ex.hospitals[1]
    assert mentioned.name == "南海区人民医院"


def test_it_joins_names_stated_as_one_hospital():
    ex = extract(
        article(
            "广州市第九医院/广州市胸科医院：改革创新",
            "作为广州市胸科医院，广州市第九医院坚持以患者为中心。广州市第九医院医共体成立三年。",
        )
    )
    h = ex.hospitals[0]
    assert h.name == "广州市第九医院"
    assert {"广州市胸科医院", "广州市第九医院医共体"} <= set(h.aliases)


def test_it_rejects_generic_hospital_words():
    ex = extract(
        article(
            "宜宾市中医医院：服务为先",
            "宜宾市中医医院邀请上级医院和大型三甲医院专家来院指导，推动医院高质量发展。",
            "县人民医院和社区医院也参加了培训。",
        )
    )
    assert [h.name for h in ex.hospitals] == ["宜宾市中医医院"]
    assert ex.hospitals[0].category == "tcm"


def test_traditional_chinese_articles_are_matched_in_simplified_form():
    ex = extract(
        article("廣州市紅十字會醫院黨建工作", "廣州市紅十字會醫院院長李建國介紹，醫院今年新增床位120張。")
    )
    assert ex.hospitals[0].name == "广州市红十字会医院"
    assert ex.hospitals[0].city == "广州市"
    assert [(p.name, p.titles) for p in ex.people] == [("李建国", ["院长"])]
    metric = ex.metrics[0]
    assert metric.evidence.startswith("廣州市紅十字會醫院")  # stored as written


def test_an_article_without_hospitals_has_no_facts_and_explain_is_empty():
    ex = extract(article("健康生活小贴士", "每天步行30分钟有益健康。"))
    assert ex.hospitals == [] and ex.metrics == [] and explain(ex) == []


def test_explain_gives_one_line_per_fact_with_evidence():
    ex = extract(article("南宁市第二人民医院", "南宁市第二人民医院党委书记张伟介绍，医院建成5个重点专科。"))
    lines = explain(ex)
    assert any(line.startswith("[人物] 张伟 党委书记") for line in lines)
    assert any("重点专科 = 5个" in line and "建成5个重点专科" in line for line in lines)
