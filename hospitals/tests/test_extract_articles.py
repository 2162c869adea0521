"""Short made-up articles from other provinces, read end to end for precision."""

from decimal import Decimal

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def _extract(title, *paragraphs):
    return extract(ParsedArticle(title=title, sections=[Section("", list(paragraphs))]))


def _metrics(ex):
    return {(m.name, m.value, m.unit, m.qualifier) for m in ex.metrics if not m.planned}


def test_a_guangdong_article_keeps_measurements_and_drops_vague_and_threshold_numbers():
    ex = _extract(
        "佛山市第一人民医院：党建引领惠民生",
        "5月20日，佛山市第一人民医院门前几十张义诊桌一字排开，数百名市民前来咨询。",
        "2023年，医院门诊患者满意度93.6%，住院患者满意度96.1%，均高于考核标准90%。",
        "医院开展健康讲座120余场次，惠及万余人，超3000人参会。",
        "近三年，医院发表SCI论文86篇，其中12篇发表于中科院一区期刊。",
    )
    found = _metrics(ex)
    assert ("门诊患者满意度", Decimal("93.6"), "%", "") in found
    assert ("住院患者满意度", Decimal("96.1"), "%", "") in found
    assert ("健康讲座", Decimal(120), "场次", "余") in found
    assert ("惠及人数", Decimal(10000), "人", "余") in found
    assert ("参会人数", Decimal(3000), "人", "超") in found
    assert ("SCI论文", Decimal(86), "篇", "") in found
    values = {m.value for m in ex.metrics}
    assert Decimal(90) not in values and Decimal(10) not in values and Decimal(100) not in values
    by_name = {m.name: m for m in ex.metrics}
    assert by_name["门诊患者满意度"].year == 2023
    assert by_name["SCI论文"].period == "近三年"


def test_a_sichuan_article_dates_numbers_by_their_own_clause_and_skips_plans():
    ex = _extract(
        "绵阳市中心医院加快学科建设",
        "绵阳市中心医院完成GCP临床试验项目64项……多年来，医院学术地位不断提升，于2020年入选全国百强。",
        "2022年，医院新增省级重点专科4个，至此省级重点专科达21个。",
        "目前已有150项检查检验项目实现互认，明年还将新增60项，力争互认率达到95%。",
    )
    by_value = {m.value: m for m in ex.metrics if not m.planned}
    assert {m.value for m in ex.metrics if m.planned} == {Decimal(60), Decimal(95)}
    assert by_value[Decimal(64)].year is None
    assert by_value[Decimal(4)].year == 2022 and by_value[Decimal(21)].year == 2022
    assert (by_value[Decimal(4)].kind, by_value[Decimal(21)].kind) == ("change", "level")
    assert by_value[Decimal(64)].name == "GCP临床试验项目"
    assert Decimal(150) in by_value
    assert Decimal(60) not in by_value and Decimal(95) not in by_value


def test_a_zhejiang_article_keeps_programme_names_and_drops_slogans():
    ex = _extract(
        "温州市人民医院深化清廉医院建设",
        "温州市人民医院始终坚持“以患者为中心”，推行“最多跑一次”改革，实施党支部书记“双带头人”培育工程。",
        "医院压实“两个责任”，落实“三重一大”集体决策制度，激活干部队伍“一池春水”。",
        "在门诊设立“一站式”服务中心，为老年患者提供“一对一”陪诊服务，开展“党建+医联体”行动。",
    )
    names = {i.name for i in ex.initiatives}
    assert {"最多跑一次", "双带头人", "三重一大", "党建+医联体"} <= names
    assert not names & {"以患者为中心", "两个责任", "一池春水", "一站式", "一对一"}
