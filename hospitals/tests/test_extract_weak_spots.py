"""University hospitals placed by the university's name, and performance indices without a unit."""

from decimal import Decimal

import pytest

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract
from hospitals.extraction.places import place_of_name, stated_city
from hospitals.models import Metric


def article(title, *paragraphs):
    return ParsedArticle(title=title, sections=[Section("", list(paragraphs))])


def place(ex, name):
    h = next(h for h in ex.hospitals if h.name == name)
    return h.province, h.city, h.county


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("中山大学附属第一医院", ("", "", "")),
        ("南方医科大学南方医院", ("", "", "")),
        ("温州医科大学附属第一医院", ("", "", "")),
        ("中国医科大学附属盛京医院", ("", "", "")),
        ("四川大学华西医院", ("四川省", "", "")),
        ("浙江大学医学院附属第二医院", ("浙江省", "", "")),
        ("广西医科大学第一附属医院", ("广西壮族自治区", "", "")),
        ("重庆医科大学附属第一医院", ("重庆市", "重庆市", "")),
        ("香港大学深圳医院", ("广东省", "深圳市", "")),
        ("宜昌市中心人民医院", ("湖北省", "宜昌市", "")),
        ("遵义市第一人民医院", ("贵州省", "遵义市", "")),
    ],
)
def test_a_university_name_gives_at_most_a_province_but_a_city_name_still_places(name, expected):
    assert place_of_name(name) == expected


def test_the_place_an_article_states_is_read_from_location_words_and_datelines():
    assert stated_city("医院位于广州市越秀区，交通便利。")[:2] == ("广东省", "广州市")
    assert stated_city("本报沈阳讯（记者 王明）近日，")[:2] == ("辽宁省", "沈阳市")
    assert stated_city("医院位于中山大学北校区内。") == ("", "", "")


def test_a_city_named_university_does_not_place_its_hospital_in_that_city():
    ex = extract(
        article(
            "中山大学附属第一医院：以学科建设引领高质量发展",
            "本报广州讯（记者 陈文）中山大学附属第一医院坚持公益性办院方向。",
            "医院位于广州市越秀区，是一所大型综合性医院。",
            "中山大学附属第一医院近年来持续推进学科建设。",
            "医院专家团队多次赴基层开展义诊，把优质资源送到群众身边。",
        )
    )
    assert ex.hospitals[0].name == "中山大学附属第一医院"
    assert place(ex, "中山大学附属第一医院") == ("广东省", "广州市", "越秀区")


def test_a_university_hospital_takes_the_city_the_article_talks_about():
    ex = extract(
        article(
            "南方医科大学南方医院：守护百姓健康",
            "南方医科大学南方医院扎根广州七十余年。",
            "医院与广州多家社区卫生服务中心建立协作关系。",
            "南方医科大学南方医院专家定期下沉社区坐诊。",
            "广州居民在家门口就能看上专家号。",
        )
    )
    h = ex.hospitals[0]
    assert (h.province, h.city) == ("广东省", "广州市")
    assert not any(a.startswith("广州市") for a in h.aliases)


def test_a_university_hospital_without_a_city_in_the_article_keeps_only_the_province():
    ex = extract(
        article(
            "四川大学华西医院：智慧医院建设",
            "四川大学华西医院推进智慧医院建设。",
            "医院上线互联网诊疗平台，患者足不出户即可复诊。",
            "四川大学华西医院还开通了线上药品配送服务。",
        )
    )
    assert place(ex, "四川大学华西医院") == ("四川省", "", "")


def test_a_city_in_another_province_does_not_place_a_university_hospital():
    ex = extract(
        article(
            "浙江大学医学院附属第二医院：援疆十年",
            "浙江大学医学院附属第二医院选派专家赴阿克苏开展医疗援助。",
            "专家们在阿克苏地区开展手术带教。",
            "阿克苏当地医生的诊疗水平明显提升。",
            "浙江大学医学院附属第二医院还接收阿克苏医生进修。",
        )
    )
    assert place(ex, "浙江大学医学院附属第二医院") == ("浙江省", "", "")


def test_a_university_hospital_in_a_northern_province_is_placed_by_the_stated_city():
    ex = extract(
        article(
            "中国医科大学附属盛京医院：百年老院的新作为",
            "中国医科大学附属盛京医院位于沈阳市和平区。",
            "医院始终坚持人民至上、生命至上。",
            "中国医科大学附属盛京医院在儿科、妇产科领域享有盛誉。",
        )
    )
    assert place(ex, "中国医科大学附属盛京医院")[:2] == ("辽宁省", "沈阳市")


def test_a_mentioned_university_hospital_gets_no_city_from_the_university():
    ex = extract(
        article(
            "宜昌市中心人民医院：医联体建设见成效",
            "宜昌市中心人民医院与中山大学附属第一医院签订合作协议。",
            "宜昌市中心人民医院选派骨干医生赴外进修。",
            "医院在宜昌城区设立多个医联体分中心。",
        )
    )
    assert place(ex, "宜昌市中心人民医院")[:2] == ("湖北省", "宜昌市")
    assert place(ex, "中山大学附属第一医院") == ("", "", "")


def test_an_ordinary_city_hospital_is_still_placed_by_its_name():
    ex = extract(
        article(
            "遵义市第一人民医院：服务群众",
            "遵义市第一人民医院坚持以人民健康为中心。",
            "医院与贵阳多家医院开展合作，贵阳专家定期来院坐诊。",
            "贵阳的专家团队还参与了疑难病例讨论。",
            "遵义市第一人民医院门诊服务持续优化。",
        )
    )
    assert place(ex, "遵义市第一人民医院")[:2] == ("贵州省", "遵义市")


def metrics_of(*paragraphs):
    parsed = ParsedArticle(
        title="长沙市第一医院", sections=[Section("", ["长沙市第一医院坚持改革。", *paragraphs])]
    )
    return {(m.name, m.value, m.unit, m.from_value): m for m in extract(parsed).metrics}


def test_a_unitless_index_value_is_a_metric():
    found = metrics_of("2023年，医院CMI值1.12，位居全省前列。", "时间消耗指数0.92，费用消耗指数降至0.87。")
    assert ("CMI值", Decimal("1.12"), "", None) in found
    assert found[("CMI值", Decimal("1.12"), "", None)].year == 2023
    assert ("时间消耗指数", Decimal("0.92"), "", None) in found
    assert ("费用消耗指数", Decimal("0.87"), "", None) in found


def test_an_index_change_keeps_the_value_it_rose_from():
    found = metrics_of("医院持续优化病种结构，CMI值由0.86提升至1.02。")
    assert list(found) == [("CMI值", Decimal("1.02"), "", Decimal("0.86"))]


def test_an_index_named_in_full_with_its_abbreviation_is_named_in_full():
    found = metrics_of("病例组合指数（CMI）达1.05，DRG组数达到612组，平均RW值为1.08。")
    assert ("病例组合指数", Decimal("1.05"), "", None) in found
    assert ("DRG组数", Decimal(612), "组", None) in found
    assert ("RW值", Decimal("1.08"), "", None) in found
    assert len(found) == 3


def test_bare_numbers_without_an_index_word_are_not_metrics():
    found = metrics_of(
        "医院电话0731-84917722，详见第35页。",
        "1958年建院以来，医院累计开放2000床。",
        "医院编号1024，院区共3栋楼2023年投用。",
    )
    assert all(m.unit for m in found.values())


def test_an_index_word_followed_by_a_date_a_count_or_a_goal_is_not_an_index_value():
    found = metrics_of(
        "满意度指数2023年首次发布。",
        "难度系数3个等级由专家评定。",
        "力争CMI值达到1.3。",
        "DRG组数12人负责。",
    )
    # Counts with their own unit (3个, 12人) are the unit extractor's business, not indices; a goal
    # (力争) is stored as planned, never as the current value.
    assert [k for k, m in found.items() if k[2] in ("", "组") and not m.planned] == []
    assert [k[1] for k, m in found.items() if m.planned] == [Decimal("1.3")]


def test_a_unitless_metric_displays_its_bare_value():
    metric = Metric(name="CMI值", value=Decimal("1.0200"), from_value=Decimal("0.8600"), unit="")
    assert metric.display_value() == "0.86 → 1.02"
    assert str(Metric(name="时间消耗指数", value=Decimal("0.92"), unit="")) == "时间消耗指数 0.92"
