from decimal import Decimal

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def metrics_of(*paragraphs):
    parsed = ParsedArticle(
        title="深圳市人民医院", sections=[Section("", ["深圳市人民医院坚持改革。", *paragraphs])]
    )
    ex = extract(parsed)
    body = parsed.body
    for m in ex.metrics:
        assert body[m.span[0] : m.span[1]] == m.evidence
    return {(m.name, m.value, m.unit, m.qualifier, m.from_value): m for m in ex.metrics}


def test_it_reads_chinese_numerals_from_the_span_only():
    found = metrics_of("医院开展十余项便民服务，建成三十二个示范病区。十堰市专家来院指导。")
    assert ("便民服务", Decimal(10), "项", "余", None) in found
    assert ("示范病区", Decimal(32), "个", "", None) in found


def test_it_reads_changes_from_one_value_to_another():
    found = metrics_of("床位使用率从85.5%提升至92.3%，平均住院日由9.8天缩短到7.6天。")
    assert ("床位使用率", Decimal("92.3"), "%", "", Decimal("85.5")) in found
    assert ("平均住院日", Decimal("7.6"), "天", "", Decimal("9.8")) in found
    assert len(found) == 2


def test_it_names_each_item_of_a_list_by_its_noun():
    found = metrics_of("医院拥有5个国家级重点专科、12个省级重点专科、20余个市级重点专科。")
    assert {(k[0], k[1], k[3]) for k in found} == {
        ("国家级重点专科", Decimal(5), ""),
        ("省级重点专科", Decimal(12), ""),
        ("市级重点专科", Decimal(20), "余"),
    }


def test_it_reads_qualifiers_and_deltas_and_years():
    found = metrics_of("2023年，医院门诊量近300万人次，超2000人参加培训。", "患者满意度提高3.5个百分点。")
    by_value = {k[1]: m for k, m in found.items()}
    assert by_value[Decimal(300)].qualifier == "近" and by_value[Decimal(300)].year == 2023
    assert by_value[Decimal(2000)].qualifier == "超"
    delta = by_value[Decimal("3.5")]
    assert (delta.kind, delta.unit) == ("change", "个百分点")


def test_dates_ages_phones_postcodes_and_ordinals_are_not_metrics():
    found = metrics_of(
        "2022年4月15日，85岁的老人康复出院。",
        "医院地址：成都市武侯区，邮编610041，电话028-85422114。",
        "医院位列全国百强第9位，第二届学术年会举行，24小时值守，连续三天坚守岗位，迎来第100万名患者。",
        "建院70周年，光荣在党50年纪念章颁发。",
    )
    assert found == {}


def test_a_fact_printed_twice_is_one_metric_from_the_fuller_sentence():
    found = metrics_of(
        "预约诊疗率从30%提升至60%",
        "近三年来，医院大力推进预约诊疗，预约诊疗率由30%提高到60%。",
    )
    assert len(found) == 1
    (metric,) = found.values()
    assert metric.period == "近三年来"


def test_vague_amounts_are_not_read_as_numbers():
    found = metrics_of(
        "几十张诊疗桌排开，数百名群众排队，上千人次受益，成百上千名党员参与。医院建成十余个病区。"
    )
    assert [(k[1], k[2], k[3]) for k in found] == [(Decimal(10), "个", "余")]


def test_thresholds_and_targets_are_not_measurements():
    found = metrics_of(
        "门诊患者满意度92.5%，两项指标均超过满分值90%。",
        "抗菌药物使用率不低于60%，平均住院日控制在8天以内，药占比控制在30%以内。",
    )
    assert {(k[0], k[1]) for k in found} == {("门诊患者满意度", Decimal("92.5"))}


def test_plans_are_not_stated_facts():
    found = metrics_of("目前已有120项检验项目实现互认，今年还将新增80项检验项目，力争达到200项。")
    current = {(k[1], k[2]) for k, m in found.items() if not m.planned}
    planned = {(k[1], k[2]) for k, m in found.items() if m.planned}
    assert current == {(Decimal(120), "项")}
    assert planned <= {(Decimal(80), "项"), (Decimal(200), "项")}


def test_a_count_after_a_verb_is_named_by_the_noun_that_follows():
    found = metrics_of("医院定期推送36次政策解读、案例通报，开展42场次廉政党课。")
    assert {k[0] for k in found} == {"政策解读", "廉政党课"}


def test_a_bare_verb_names_the_people_it_counts():
    found = metrics_of("开展义诊80余次，惠及万余人，覆盖3000余人，超1500人参会。")
    names = {k[0]: k for k in found}
    assert names["惠及人数"][1:4] == (Decimal(10000), "人", "余")
    assert "覆盖人数" in names and "参会人数" in names and "义诊" in names


def test_people_listed_by_name_are_not_a_count():
    found = metrics_of("张红、李明、王强3名同志荣获省级先进个人。")
    assert found == {}


def test_a_year_dates_only_the_numbers_of_its_own_clause():
    found = metrics_of(
        "医院完成临床试验项目56项……五年来，学术影响力显著提升，于2021年跻身全国百强。",
        "2023年，医院新增省级重点专科3个，至此省级重点专科达15个。",
    )
    by_value = {k[1]: m for k, m in found.items()}
    assert by_value[Decimal(56)].year is None and by_value[Decimal(56)].period == ""
    assert by_value[Decimal(3)].year == 2023 and by_value[Decimal(15)].year == 2023


def test_a_part_introduced_by_qizhong_is_named_after_the_whole():
    found = metrics_of("近五年开展新技术120项，其中30项填补省内空白。")
    assert ("新技术（填补省内空白）", Decimal(30), "项", "", None) in found
