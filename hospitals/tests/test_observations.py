"""Observations: one fact of a hospital however many articles report it, on articles written here."""

from decimal import Decimal

import pytest

from articles.importer import import_text
from hospitals.merge import merge_hospitals
from hospitals.models import Hospital, Indicator, Metric, Observation
from hospitals.observations import latest_values, rebuild_all, series

pytestmark = pytest.mark.django_db

HEADER = "{paper}\n\n{date}\n\n{title}\n\n"


def article(name, paper, date, title, *paragraphs):
    text = HEADER.format(paper=paper, date=date, title=title) + "\n\n".join(paragraphs) + "\n"
    result = import_text(name, text)
    assert result.status in ("created", "updated"), result.message
    return result.articles[0]


def observations(hospital, indicator):
    return list(
        Observation.objects.filter(hospital__name=hospital, indicator__name=indicator).order_by(
            "year", "value"
        )
    )


def test_differently_worded_visit_counts_of_three_hospitals_meet_on_one_indicator():
    article(
        "a.txt", "冀中日报", "2024年3月8日 星期五", "衡水市第四人民医院服务量再创新高",
        "2023年，衡水市第四人民医院年门急诊量达到126.5万人次，开放床位1500张。",
    )  # fmt: skip
    article(
        "b.txt", "豫北晚报", "2023年2月10日 星期五", "安阳县人民医院扎实推进高质量发展",
        "2022年，安阳县人民医院门急诊人次达到48万人次，开放床位860张。",
    )  # fmt: skip
    article(
        "c.txt", "江淮日报", "2024年1月12日 星期五", "六安市第二人民医院一年来的变化",
        "2023年，六安市第二人民医院门诊量达到90.3万人次，实际开放床位1100张。",
    )  # fmt: skip
    visits = Indicator.objects.get(name="门急诊人次")
    values = {o.hospital.name: o.value for o in latest_values(visits)}
    assert values == {
        "衡水市第四人民医院": Decimal("1265000"),
        "六安市第二人民医院": Decimal("903000"),
        "安阳县人民医院": Decimal("480000"),
    }
    assert [o.hospital.name for o in latest_values(visits)][0] == "衡水市第四人民医院"
    beds = Indicator.objects.get(name="开放床位")
    assert len(latest_values(beds)) == 3


def test_distinct_facts_stay_apart():
    article(
        "a.txt", "冀中日报", "2024年3月8日 星期五", "衡水市第四人民医院改善患者体验",
        "2023年，衡水市第四人民医院门诊病人满意度为96.2%，住院患者满意度为97.5%，"
        "门诊量同比增长12%，门急诊人次达到126.5万人次。",
    )  # fmt: skip
    outpatient = observations("衡水市第四人民医院", "门诊患者满意度")
    inpatient = observations("衡水市第四人民医院", "住院患者满意度")
    assert [o.value for o in outpatient] == [Decimal("96.2")]
    assert [o.value for o in inpatient] == [Decimal("97.5")]
    # A percentage never becomes a count: the growth stays an unlinked fact of its own.
    growth = Metric.objects.get(unit="%", value=12)
    assert growth.indicator is None and growth.observation.indicator is None
    assert [o.value for o in observations("衡水市第四人民医院", "门急诊人次")] == [Decimal("1265000")]


def test_a_fact_repeated_by_two_articles_is_one_observation_with_both_sources():
    first = article(
        "a.txt", "冀中日报", "2024年3月8日 星期五", "衡水市第四人民医院服务量再创新高",
        "去年，衡水市第四人民医院年门急诊量达到126.5万人次，出院患者5.2万人次。",
    )  # fmt: skip
    second = article(
        "b.txt", "燕赵晚报", "2024年5月2日 星期四", "衡水市第四人民医院持续改善就医体验",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次，出院患者5.2万人次。",
    )  # fmt: skip
    [visits] = observations("衡水市第四人民医院", "门急诊人次")
    assert visits.year == 2023  # 去年 counted from the first article's date
    assert visits.source_count == 2
    assert visits.latest_published_on == second.published_on
    assert set(visits.sources.values_list("article", flat=True)) == {first.pk, second.pk}
    [discharges] = observations("衡水市第四人民医院", "出院人次")
    assert discharges.source_count == 2 and discharges.value == Decimal("52000")


def test_values_of_several_years_form_a_series():
    for n, (year, value) in enumerate([(2021, "98.1"), (2022, "110.4"), (2023, "126.5")]):
        article(
            f"s{n}.txt", "冀中日报", f"{year + 1}年1月20日", f"衡水市第四人民医院{year}年工作回顾",
            f"{year}年，衡水市第四人民医院门急诊量达到{value}万人次。",
        )  # fmt: skip
    hospital = Hospital.objects.get(name="衡水市第四人民医院")
    visits = Indicator.objects.get(name="门急诊人次")
    trend = series(hospital.observations.all())[visits.pk]
    assert [(o.year, o.value) for o in trend] == [
        (2021, Decimal("981000")),
        (2022, Decimal("1104000")),
        (2023, Decimal("1265000")),
    ]
    [latest] = latest_values(visits)
    assert latest.year == 2023


def test_a_target_is_kept_apart_and_never_the_current_value():
    article(
        "a.txt", "冀中日报", "2024年5月2日 星期四", "衡水市第四人民医院谋划发展",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次。医院计划到2025年门急诊量达到150万人次。",
    )  # fmt: skip
    facts = observations("衡水市第四人民医院", "门急诊人次")
    assert [(o.year, o.planned) for o in facts] == [(2023, False), (2025, True)]
    [latest] = latest_values(Indicator.objects.get(name="门急诊人次"))
    assert latest.value == Decimal("1265000") and not latest.planned


def test_reimporting_an_article_updates_its_observations():
    text = ("冀中日报", "2024年3月8日 星期五", "衡水市第四人民医院服务量再创新高")
    article("a.txt", *text, "2023年，衡水市第四人民医院年门急诊量达到126.5万人次。")
    article(
        "b.txt",
        "燕赵晚报",
        "2024年5月2日",
        "衡水市第四人民医院",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次。",
    )
    assert observations("衡水市第四人民医院", "门急诊人次")[0].source_count == 2
    article("a.txt", *text, "2023年，衡水市第四人民医院年门急诊量达到127万人次。")
    facts = observations("衡水市第四人民医院", "门急诊人次")
    assert [(o.value, o.source_count) for o in facts] == [(Decimal("1265000"), 1), (Decimal("1270000"), 1)]
    assert Metric.objects.filter(observation__isnull=True).count() == 0


def test_admin_edits_and_deletions_reach_the_observations(django_capture_on_commit_callbacks):
    article(
        "a.txt",
        "冀中日报",
        "2024年3月8日",
        "衡水市第四人民医院",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次。",
    )
    article(
        "b.txt",
        "燕赵晚报",
        "2024年5月2日",
        "衡水市第四人民医院",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次。",
    )
    first, second = Metric.objects.order_by("article__published_on")
    with django_capture_on_commit_callbacks(execute=True):
        second.value = Decimal("130")
        second.admin_edited = True
        second.save()
    facts = observations("衡水市第四人民医院", "门急诊人次")
    assert [(o.value, o.source_count) for o in facts] == [(Decimal("1265000"), 1), (Decimal("1300000"), 1)]
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert [o.value for o in observations("衡水市第四人民医院", "门急诊人次")] == [Decimal("1265000")]


def test_merging_hospitals_merges_their_observations(django_capture_on_commit_callbacks):
    article(
        "a.txt",
        "冀中日报",
        "2024年3月8日",
        "衡水市第四人民医院",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次。",
    )
    article(
        "b.txt", "燕赵晚报", "2024年5月2日", "衡水市四院", "2023年，衡水市第四医院门急诊量达126.5万人次。"
    )
    keep = Hospital.objects.get(name="衡水市第四人民医院")
    other = Hospital.objects.exclude(pk=keep.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        merge_hospitals(keep, [other])
    [visits] = observations("衡水市第四人民医院", "门急诊人次")
    assert visits.source_count == 2


def test_rebuilding_everything_is_idempotent():
    article(
        "a.txt",
        "冀中日报",
        "2024年3月8日",
        "衡水市第四人民医院",
        "2023年，衡水市第四人民医院门急诊量达126.5万人次，开放床位1500张。",
    )
    before = sorted(Observation.objects.values_list("pk", "key", "source_count"))
    assert rebuild_all() == len(before)
    assert sorted(Observation.objects.values_list("pk", "key", "source_count")) == before


def test_an_absurd_fold_keeps_the_metric_unit_instead_of_overflowing():
    from hospitals.observations import describe

    fee = Indicator.objects.get(name="门诊次均费用")
    row = {
        "indicator_id": fee.pk,
        "indicator__name": fee.name,
        "indicator__unit": "元",
        "name": "门诊次均费用",
        "value": Decimal("9999999999999999"),
        "unit": "亿元",
        "from_value": None,
        "kind": "level",
        "year": 2023,
        "period": "",
        "planned": False,
        "article__published_on": None,
    }
    fact = describe(row)
    assert (fact["value"], fact["unit"]) == (Decimal("9999999999999999"), "亿元")
    row["value"] = Decimal("300")
    assert (describe(row)["value"], describe(row)["unit"]) == (Decimal("30000000000"), "元")
