from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def initiatives_of(*paragraphs):
    parsed = ParsedArticle(
        title="杭州市第一人民医院", sections=[Section("", ["杭州市第一人民医院加强党建。", *paragraphs])]
    )
    ex = extract(parsed)
    for i in ex.initiatives:
        assert parsed.body[i.span[0] : i.span[1]] == i.evidence
    return {i.name: i for i in ex.initiatives}


def test_it_takes_quoted_programme_names_with_a_category():
    found = initiatives_of("医院推行“最多跑一次”改革，实施“双培养”工程，开展“党建+质量安全”行动。")
    assert found["最多跑一次"].category == "service"
    assert found["双培养"].category == "talent"
    assert found["党建+质量安全"].category == "party"


def test_it_takes_unquoted_systems_after_a_verb():
    found = initiatives_of("医院建立起党委查房机制，党员带头落实首问负责制。")
    assert "党委查房机制" in found
    assert found["首问负责制"].category in ("quality", "service")


def test_honours_and_slogans_are_not_initiatives():
    found = initiatives_of("张医生荣获“五一劳动奖章”，被评为“优秀共产党员”。他说：“我是党员，我先上。”")
    assert found == {}


def test_the_same_initiative_named_twice_is_one_record():
    found = initiatives_of("医院推行“书记接待日”。每月的“书记接待日”倾听群众心声。")
    assert list(found) == ["书记接待日"]


def test_slogans_idioms_and_generic_shorthand_are_not_initiatives():
    found = initiatives_of(
        "医院坚持“以患者为中心”，激活队伍“一池春水”，压实“两个责任”，为患者提供“一对一”指引，"
        "设立“一站式”服务中心。"
    )
    assert found == {}


def test_quoted_programme_nouns_are_kept_next_to_slogans():
    found = initiatives_of(
        "医院践行“以人民为中心”理念，推行“双带头人”培育工程，落实“三重一大”集体决策制度，开展“西学中”培训。"
    )
    assert set(found) == {"双带头人", "三重一大", "西学中"}


def test_an_unquoted_system_starts_after_the_verbs_before_it():
    found = initiatives_of("医院不断完善绩效分配体系，具体落实改革工作，全面落实标准化管理制度。")
    assert set(found) == {"绩效分配体系"}
