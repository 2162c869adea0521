"""Indicators: linking names to canonical measures, unit folding, dating, the seeded table, admin."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse

from articles.importer import import_text
from hospitals.indicators import Entry, Linker, fold, load_linker, normalise, resolve_span, resolve_year
from hospitals.models import Indicator, IndicatorSynonym, Metric

# A small synonym table of our own: the linker needs no database.
TABLE = [
    ("门急诊人次", "visits", "人次", ["门急诊量", "门诊量", "门急诊人数"]),
    ("门诊人次", "outpatients", "人次", ["门诊人数"]),
    ("出院人次", "discharges", "人次", ["出院患者", "收治患者"]),
    ("门诊患者满意度", "op-satisfaction", "%", ["门诊满意度"]),
    ("住院患者满意度", "ip-satisfaction", "%", ["住院满意度"]),
    ("医务人员满意度", "staff-satisfaction", "%", ["职工满意度"]),
    ("CMI", "cmi", "", ["CMI值", "病例组合指数"]),
    ("出院患者四级手术比例", "grade4-share", "%", ["四级手术占比"]),
    ("四级手术", "grade4", "台次", ["四级手术例数"]),
    ("占地面积", "land", "平方米", []),
]


@pytest.fixture
def linker():
    entries = []
    for name, key, unit, synonyms in TABLE:
        entries += [Entry(n, key, unit, name) for n in [name, *synonyms]]
    return Linker(entries)


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("门诊量", "万人次", "visits"),
        ("年门急诊量", "人次", "visits"),
        ("全年门急诊人次", "万人次", "visits"),
        ("门急诊总量", "人次", "visits"),
        ("门诊病人满意度", "%", "op-satisfaction"),
        ("住院患者满意度", "%", "ip-satisfaction"),
        ("病例组合指数（CMI）", "", "cmi"),
        ("ＣＭＩ值", "", "cmi"),
        ("收治病人", "人次", "discharges"),
        ("累计出院患者", "万人次", "discharges"),
        ("四级手术占比", "%", "grade4-share"),
        ("四级手术例数", "例", "grade4"),
    ],
)
def test_differently_worded_names_meet_on_one_indicator(linker, name, unit, expected):
    assert linker.link(name, unit) == expected


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("门急诊人次", "%"),  # a share is never a count
        ("四级手术", "%"),  # a count indicator never takes a percentage
        ("门诊量", "万元"),
        ("CMI值", "%"),
        ("患者满意度", "%"),  # neither 门诊 nor 住院: unsure
        ("满意度", "%"),
        ("门诊楼", "平方米"),
        ("住院量", "人次"),  # nothing in the table says so
    ],
)
def test_distinct_or_unsure_metrics_stay_unlinked(linker, name, unit):
    assert linker.link(name, unit) is None


def test_outpatient_and_inpatient_satisfaction_stay_apart(linker):
    assert linker.link("门诊满意度", "%") != linker.link("住院满意度", "%")


def test_a_bare_satisfaction_is_linked_only_when_the_sentence_names_one_owner(linker):
    assert linker.link("满意度", "%", "今年住院患者对护理服务的满意度达98%") == "ip-satisfaction"
    assert linker.link("满意度", "%", "职工对食堂的满意度提升到93%") == "staff-satisfaction"
    assert linker.link("满意度", "%", "门诊和住院的满意度均超过95%") is None
    assert linker.link("满意度", "%", "群众满意度达到97%") is None


def test_normalise_folds_width_script_and_patient_words():
    assert normalise("門診病人滿意度") == "门诊患者满意度"
    assert normalise("病例组合指数（ＣＭＩ）") == "病例组合指数(CMI)"


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        ("126.5", "万人次", "人次", Decimal("1265000")),
        ("86.4", "万", "人次", Decimal("864000")),  # "门急诊人次86.4万"
        ("3.41", "万台", "台次", Decimal("34100")),
        ("48", "人次", "人次", Decimal("48")),
        ("3.2", "亿元", "万元", Decimal("32000")),
        ("5000", "元", "万元", Decimal("0.5")),
        ("1.5", "亿元", "元", Decimal("150000000")),
        ("12", "万平方米", "平方米", Decimal("120000")),
        ("30", "亩", "平方米", Decimal("20000.1")),
        ("30", "亩", "亩", Decimal("30")),
        ("860", "床", "张", Decimal("860")),
        ("860", "张床位", "张", Decimal("860")),
        ("1200", "例", "台次", Decimal("1200")),
        ("2.3", "万台次", "台次", Decimal("23000")),
    ],
)
def test_fold_converts_into_the_indicator_unit(value, unit, target, expected):
    assert fold(Decimal(value), unit, target) == expected


@pytest.mark.parametrize(
    ("unit", "target"),
    [
        ("%", "人次"),
        ("人次", "%"),
        ("亩", "张"),
        ("平方米", "亩"),
        ("万元", "人次"),
        ("万", "万元"),
        ("万", "%"),
    ],
)
def test_fold_refuses_units_that_do_not_convert(unit, target):
    assert fold(Decimal("1"), unit, target) is None


@pytest.mark.parametrize(
    ("year", "period", "published", "expected"),
    [
        (2021, "去年", date(2024, 3, 1), (2021, 1)),  # a stated year wins
        (None, "去年", date(2024, 3, 1), (2023, 1)),
        (None, "今年", date(2024, 3, 1), (2024, 1)),
        (None, "前年", date(2024, 3, 1), (2022, 1)),
        (None, "全年", date(2024, 1, 20), (2023, 1)),  # a review printed early in the next year
        (None, "全年", date(2023, 12, 28), (2023, 1)),
        (None, "今年", date(2024, 1, 20), (2024, 1)),
        (None, "近三年", date(2024, 3, 1), (2024, 3)),
        (None, "5年来", date(2022, 3, 1), (2022, 5)),
        (None, "二十年来", date(2024, 3, 1), (2024, 20)),  # any Chinese numeral, read by cn2an
        (None, "近十五年", date(2024, 3, 1), (2024, 15)),
        (None, "“十三五”期间", date(2021, 6, 1), (2020, 5)),
        (None, "“十四五”期间", date(2023, 6, 1), (2023, 3)),
        (None, "去年", None, (None, 1)),  # no date to count from
        (None, "近年来", date(2024, 3, 1), (None, 1)),
        (None, "", date(2024, 3, 1), (None, 1)),
    ],
)
def test_years_resolve_against_the_article_date(year, period, published, expected):
    assert resolve_span(year, period, published) == expected
    assert resolve_year(year, period, published) == expected[0]


# The seeded table and the linker over it.


@pytest.mark.django_db
def test_the_seed_covers_the_assessment_and_the_profile_facts():
    names = set(Indicator.objects.values_list("name", flat=True))
    for name in ("门诊患者满意度", "出院患者四级手术比例", "日间手术占择期手术比例", "平均住院日", "CMI"):
        assert name in names
    for name in ("编制床位", "职工总数", "卫生技术人员", "建筑面积", "门急诊人次", "出院人次", "总收入"):
        assert name in names
    assert set(Indicator.objects.values_list("domain", flat=True)) >= {
        "scale",
        "quality",
        "efficiency",
        "sustainability",
        "satisfaction",
        "party",
    }
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in Indicator.objects.values_list("slug", flat=True))
    assert Indicator.objects.get(name="平均住院日").direction == Indicator.Direction.LOWER
    assert IndicatorSynonym.objects.get(name="年门急诊量").indicator.name == "门急诊人次"


@pytest.mark.django_db
def test_the_seed_links_what_county_hospitals_report_and_keeps_seniors_apart():
    linker = load_linker()
    key = {i.name: i.pk for i in Indicator.objects.all()}
    assert linker.link("三、四级手术占比", "%") == key["三四级手术占比"]
    assert linker.link("正高职称", "人") == key["正高级职称"]
    assert linker.link("副高级职称", "名") == key["副高级职称"]
    assert linker.link("高级职称", "人") == key["高级职称"]
    assert linker.link("设置床位", "张") == key["编制床位"]
    assert linker.link("ICU床位", "张") == key["重症医学科床位"]
    assert linker.link("新技术新项目", "项") == key["新技术新项目"]
    assert Indicator.objects.get(name="剖宫产率").direction == Indicator.Direction.LOWER


@pytest.mark.django_db
def test_an_indicator_has_a_page_address():
    indicator = Indicator.objects.get(name="CMI")
    assert indicator.get_absolute_url() == f"/indicators/{indicator.slug}/"


# Admin: linking a frequent unlinked name.

ARTICLE = """康宁日报

2024年4月2日 星期二

{hospital}门诊服务持续优化

2023年，{hospital}年接诊量达到{value}万人次，开放床位1200张。
"""


def _import(n, hospital, value):
    """Import the test article; returns the name extraction gave the visit count (none of the seeded ones)."""
    result = import_text(f"t{n}.txt", ARTICLE.format(hospital=hospital, value=value))
    assert result.status == "created", result.message
    metric = Metric.objects.get(hospital__name=hospital, unit="万人次")
    assert metric.indicator is None
    return metric.name


def _staff(username, *perms):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.mark.django_db
def test_admin_links_an_unlinked_name_and_later_imports_honour_it(client):
    name = _import(1, "衡水市第四人民医院", "86.2")
    metric = Metric.objects.get(name=name)
    client.force_login(_staff("editor", "view_metric", "change_metric", "add_indicatorsynonym"))
    url = reverse("admin:hospitals_indicator_unlinked")
    page = client.get(url)
    assert page.status_code == 200
    assert name in [row["name"] for row in page.context["page"].object_list]
    assert 'type="radio"' in page.content.decode()

    visits = Indicator.objects.get(name="门急诊人次")
    response = client.post(url, {"name": name, "indicator": visits.pk})
    assert response.status_code == 302
    assert IndicatorSynonym.objects.get(name=name).indicator == visits
    metric.refresh_from_db()
    assert metric.indicator == visits
    assert metric.observation.indicator == visits
    assert metric.observation.value == Decimal("862000")
    after = client.get(url)
    assert "关联到“门急诊人次”：1 条指标" in after.content.decode()
    assert name not in [row["name"] for row in after.context["page"].object_list]

    import_text("t2.txt", ARTICLE.format(hospital="安阳县人民医院", value="40"))
    later = Metric.objects.get(hospital__name="安阳县人民医院", name=name)
    assert later.indicator == visits


@pytest.mark.django_db
def test_view_only_staff_see_the_unlinked_names_but_cannot_link_them(client):
    name = _import(1, "衡水市第四人民医院", "86.2")
    client.force_login(_staff("viewer", "view_metric", "view_indicator"))
    url = reverse("admin:hospitals_indicator_unlinked")
    page = client.get(url)
    assert page.status_code == 200 and 'type="radio"' not in page.content.decode()
    visits = Indicator.objects.get(name="门急诊人次")
    assert client.post(url, {"name": name, "indicator": visits.pk}).status_code == 403
    assert not IndicatorSynonym.objects.filter(name=name).exists()
    # Changing metrics is not enough: the action also creates a synonym.
    client.force_login(_staff("half", "view_metric", "change_metric"))
    assert client.post(url, {"name": name, "indicator": visits.pk}).status_code == 403
    assert Metric.objects.get(name=name).indicator is None
    client.force_login(_staff("nobody"))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_linking_a_name_that_belongs_to_another_indicator_is_refused(client):
    _import(1, "衡水市第四人民医院", "86.2")
    client.force_login(User.objects.create_superuser("root", password="pw"))
    beds = Indicator.objects.get(name="开放床位")
    response = client.post(
        reverse("admin:hospitals_indicator_unlinked"), {"name": "门诊量", "indicator": beds.pk}, follow=True
    )
    assert "门急诊人次" in response.content.decode()
    assert IndicatorSynonym.objects.get(name="门诊量").indicator.name == "门急诊人次"


@pytest.mark.django_db
def test_a_bad_page_of_unlinked_names_is_404_not_500(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    url = reverse("admin:hospitals_indicator_unlinked")
    assert client.get(url, {"page": "x"}).status_code == 404
    assert client.get(url, {"page": "999"}).status_code == 404


@pytest.mark.django_db
def test_adding_a_synonym_inline_relinks_stored_metrics(client):
    name = _import(1, "衡水市第四人民医院", "86.2")
    client.force_login(User.objects.create_superuser("root", password="pw"))
    visits = Indicator.objects.get(name="门急诊人次")
    count = visits.synonyms.count()
    data = {
        "name": visits.name,
        "slug": visits.slug,
        "domain": visits.domain,
        "unit": visits.unit,
        "direction": visits.direction,
        "description": visits.description,
        "position": visits.position,
        "synonyms-TOTAL_FORMS": count + 1,
        "synonyms-INITIAL_FORMS": count,
        "synonyms-MIN_NUM_FORMS": 0,
        "synonyms-MAX_NUM_FORMS": 1000,
    }
    for i, synonym in enumerate(visits.synonyms.order_by("name")):
        data |= {
            f"synonyms-{i}-id": synonym.pk,
            f"synonyms-{i}-name": synonym.name,
            f"synonyms-{i}-indicator": visits.pk,
        }
    data |= {f"synonyms-{count}-name": name, f"synonyms-{count}-indicator": visits.pk}
    response = client.post(reverse("admin:hospitals_indicator_change", args=[visits.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Metric.objects.get(name=name).indicator == visits


@pytest.mark.django_db
def test_link_indicators_relinks_stored_metrics():
    name = _import(1, "衡水市第四人民医院", "86.2")
    IndicatorSynonym.objects.create(indicator=Indicator.objects.get(name="门急诊人次"), name=name)
    assert Metric.objects.get(name=name).indicator is None
    out = io.StringIO()
    call_command("link_indicators", stdout=out)
    assert Metric.objects.get(name=name).indicator.name == "门急诊人次"
    assert "1 metrics relinked" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        (".医院占地面积", "万平方米", "占地面积"),  # the extractor's leftover punctuation
        ("接产人次", "人次", "分娩量"),
        ("住院手术", "万台次", "手术台次"),
        ("临床科室", "个", "临床科室"),
        ("医护人员", "人", None),  # doctors and nurses are not all staff
        ("门急诊量", "倍", None),
    ],
)
def test_the_seeded_table_links_profile_facts(name, unit, expected):
    key = load_linker().link(name, unit)
    assert (Indicator.objects.get(pk=key).name if key else None) == expected


@pytest.mark.django_db
def test_the_indicator_admin_lists_filters_and_links_to_the_unlinked_names(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    page = client.get(reverse("admin:hospitals_indicator_changelist"), {"domain": "satisfaction"})
    assert page.status_code == 200
    assert reverse("admin:hospitals_indicator_unlinked") in page.content.decode()
    shown = {i.name for i in page.context["cl"].result_list}
    assert "门诊患者满意度" in shown and "平均住院日" not in shown


@pytest.mark.django_db
def test_an_indicator_added_in_the_admin_gets_a_pinyin_slug(client):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    data = {
        "name": "出院患者随访率",
        "slug": "",
        "domain": "quality",
        "unit": "%",
        "direction": "higher",
        "description": "",
        "position": 0,
        "synonyms-TOTAL_FORMS": 1,
        "synonyms-INITIAL_FORMS": 0,
        "synonyms-MIN_NUM_FORMS": 0,
        "synonyms-MAX_NUM_FORMS": 1000,
        "synonyms-0-name": "随访率",
    }
    response = client.post(reverse("admin:hospitals_indicator_add"), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="出院患者随访率")
    assert indicator.slug == "chu-yuan-huan-zhe-sui-fang-lv"
    assert list(indicator.synonyms.values_list("name", flat=True)) == ["随访率"]


def test_county_names_left_unlinked_by_the_larger_held_out_set_now_link(db):
    linker = load_linker()
    assert linker.link("县外转诊率", "%") is not None
    assert linker.link("手术室", "间") == linker.link("手术间", "间") is not None
    assert linker.link("门诊预约挂号比例", "%") == linker.link("门诊患者平均预约诊疗率", "%")
    assert linker.link("国务院政府特殊津贴专家", "人") is not None
