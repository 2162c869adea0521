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
