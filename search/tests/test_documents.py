import datetime
import shutil
from decimal import Decimal

import pytest

from articles.importer import import_paths
from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person
from search.documents import KINDS, all_documents, documents_for_keys, key_for, split_key

from .conftest import FIXTURES, make_article


@pytest.fixture
def records(db):
    """One hospital with every kind of fact, a second hospital mentioned alongside it."""
    early = make_article("早报", "正文一", slug="early", published_on=datetime.date(2023, 3, 1))
    late = make_article(
        "晚报",
        "正文二",
        slug="late",
        subtitle="副题",
        captions=["图为新院区", "图为新院区"],
        publication="某某日报",
        authors=["记者甲", "通讯员乙"],
        published_on=datetime.date(2024, 5, 6),
    )
    undated = make_article("无日期", "正文三", slug="undated")
    hospital = Hospital.objects.create(
        name="某市第一人民医院",
        slug="mou-shi-di-yi",
        province="某省",
        city="某市",
        county="某区",
        category=Hospital.Category.GENERAL,
        level=Hospital.Level.GRADE_3A,
    )
    other = Hospital.objects.create(name="某县中医医院", slug="mou-xian-zhong-yi", province="另一省")
    HospitalAlias.objects.create(hospital=hospital, name="市一医院")
    HospitalAlias.objects.create(hospital=hospital, name="第一医院")
    Person.objects.create(hospital=hospital, article=late, name="张某", titles=["党委书记", "院长"])
    Person.objects.create(hospital=hospital, article=early, name="李某", titles=[])
    Person.objects.create(hospital=hospital, article=late, name="张某", titles=["党委书记", "院长"])
    initiative = Initiative.objects.create(
        hospital=hospital,
        article=late,
        name="胸痛中心建设",
        category=Initiative.Category.DISCIPLINE,
        description="建成胸痛中心。",
        evidence="建成胸痛中心。",
    )
    Initiative.objects.create(
        hospital=hospital, article=early, name="党建引领", category=Initiative.Category.PARTY
    )
    metric = Metric.objects.create(
        hospital=hospital,
        article=late,
        name="门诊量",
        value=Decimal("120.5000"),
        unit="万人次",
        qualifier=Metric.Qualifier.MORE_THAN,
        from_value=Decimal("98"),
        year=2023,
        evidence="门诊量由98万人次增至120.5万余人次",
        span_start=0,
        span_end=3,
    )
    Metric.objects.create(
        hospital=hospital,
        article=early,
        name="床位数",
        value=Decimal("800"),
        unit="张",
        qualifier=Metric.Qualifier.NEARLY,
        period="“十四五”期间",
        evidence="床位近800张",
    )
    Mention.objects.create(article=late, hospital=other, role=Mention.Role.MENTIONED)
    Mention.objects.create(article=late, hospital=hospital, role=Mention.Role.SUBJECT)
    Mention.objects.create(article=early, hospital=hospital, role=Mention.Role.SUBJECT)
    Mention.objects.create(article=undated, hospital=hospital, role=Mention.Role.MENTIONED)
    return {
        "late": late,
        "undated": undated,
        "hospital": hospital,
        "other": other,
        "initiative": initiative,
        "metric": metric,
    }


def document(kind, pk):
    key = key_for(kind, pk)
    return documents_for_keys([key])[key]


@pytest.mark.django_db
def test_an_initiative_document_names_its_hospital_category_and_article(records):
    item = records["initiative"]
    doc = document("initiative", item.pk)
    assert doc["title"] == "胸痛中心建设"
    # Without a known evidence span the fact leads to its article (no anchor the page lacks).
    assert doc["url"] == item.get_absolute_url() == "/articles/late/"
    # The description repeated as evidence is shown once.
    assert doc["text"] == "某市第一人民医院 · 学科建设\n建成胸痛中心。"
    assert doc["categories"] == ["学科建设"]
    assert doc["hospitals"] == ["某市第一人民医院"]
    assert doc["provinces"] == ["某省"]
    assert doc["date"] == "2024-05-06"
    assert doc["names"] == []


@pytest.mark.django_db
def test_a_metric_document_shows_its_value_as_the_model_displays_it(records):
    metric = records["metric"]
    doc = document("metric", metric.pk)
    assert metric.display_value() == "98万人次 → 120.5余万人次"
    assert doc["title"] == "门诊量 98万人次 → 120.5余万人次"
    # Its evidence sentence, marked and scrolled to, as the hospital profile's 原文 links do.
    assert doc["url"] == metric.get_absolute_url() == "/articles/late/?hl=0-3#evidence"
    assert doc["text"] == "某市第一人民医院 · 2023年\n门诊量由98万人次增至120.5万余人次"
    assert (doc["date"], doc["provinces"], doc["hospitals"], doc["categories"]) == (
        "2024-05-06",
        ["某省"],
        ["某市第一人民医院"],
        [],
    )


@pytest.mark.django_db
def test_a_metric_period_wins_over_its_year(records):
    metric = Metric.objects.get(name="床位数")
    doc = document("metric", metric.pk)
    assert doc["title"] == "床位数 近800张"
    assert doc["text"] == "某市第一人民医院 · “十四五”期间\n床位近800张"
    assert doc["date"] == "2023-03-01"


@pytest.mark.django_db
def test_a_hospital_document_gathers_aliases_people_facts_and_latest_article_date(records):
    hospital = records["hospital"]
    doc = document("hospital", hospital.pk)
    assert doc["title"] == "某市第一人民医院"
    assert doc["url"] == hospital.get_absolute_url() == "/hospitals/mou-shi-di-yi/"
    assert doc["names"] == ["某市第一人民医院", "市一医院", "第一医院"]
    assert doc["text"].splitlines() == [
        "某省某市某区 · 综合医院 · 三级甲等",
        "又称：市一医院、第一医院",
        "人物：张某（党委书记、院长）、李某",
        "举措：胸痛中心建设、党建引领",
        "指标：床位数 近800张；门诊量 98万人次 → 120.5余万人次",
    ]
    # The undated article does not count; the latest dated one does.
    assert doc["date"] == "2024-05-06"
    assert doc["provinces"] == ["某省"]
    assert doc["hospitals"] == ["某市第一人民医院"]


@pytest.mark.django_db
def test_a_hospital_without_facts_shows_only_what_it_has(records):
    doc = document("hospital", records["other"].pk)
    assert doc["text"] == "另一省"
    assert doc["names"] == ["某县中医医院"]
    assert doc["date"] == "2024-05-06"
    assert doc["provinces"] == ["另一省"]
    bare = Hospital.objects.create(name="某镇卫生院", slug="mou-zhen")
    assert document("hospital", bare.pk) | {"key": ""} == {
        "key": "",
        "kind": "hospital",
        "title": "某镇卫生院",
        "url": "/hospitals/mou-zhen/",
        "text": "",
        "names": ["某镇卫生院"],
        "date": "",
        "provinces": [],
        "hospitals": ["某镇卫生院"],
        "categories": [],
        "article": None,
    }


@pytest.mark.django_db
def test_an_article_document_lists_its_subject_hospital_first(records):
    article = records["late"]
    doc = document("article", article.pk)
    assert doc["title"] == "晚报"
    assert doc["url"] == article.get_absolute_url()
    assert doc["text"] == "副题\n正文二\n图为新院区\n某某日报\n记者甲 通讯员乙"
    assert doc["hospitals"] == ["某市第一人民医院", "某县中医医院"]
    assert doc["provinces"] == ["另一省", "某省"]
    assert doc["date"] == "2024-05-06"


@pytest.mark.django_db
def test_an_article_without_date_or_hospitals_has_empty_facets(db):
    article = make_article("孤立", "只有正文")
    doc = document("article", article.pk)
    assert (doc["text"], doc["date"], doc["hospitals"], doc["provinces"]) == ("只有正文", "", [], [])


@pytest.mark.django_db
def test_documents_for_keys_returns_none_for_deleted_records(records):
    initiative, metric, other = records["initiative"], records["metric"], records["other"]
    keys = [
        key_for("initiative", initiative.pk),
        key_for("metric", metric.pk),
        key_for("hospital", other.pk),
        key_for("article", records["undated"].pk),
    ]
    initiative.delete()
    metric.delete()
    other.delete()
    found = documents_for_keys(keys)
    assert found[keys[0]] is None
    assert found[keys[1]] is None
    assert found[keys[2]] is None
    assert found[keys[3]]["title"] == "无日期"


@pytest.mark.django_db
def test_a_handful_of_keys_gives_the_same_documents_as_a_full_read(records):
    everything = {doc["key"]: doc for doc in all_documents()}
    keys = [
        key_for("hospital", records["hospital"].pk),
        key_for("metric", records["metric"].pk),
        key_for("article", records["late"].pk),
    ]
    assert documents_for_keys(keys) == {key: everything[key] for key in keys}


@pytest.mark.django_db
def test_all_documents_come_kind_by_kind_in_primary_key_order(records):
    keys = [split_key(doc["key"]) for doc in all_documents()]
    assert [kind for kind, _ in keys] == sorted((kind for kind, _ in keys), key=KINDS.index)
    for kind in KINDS:
        pks = [pk for k, pk in keys if k == kind]
        assert pks == sorted(pks) and pks


@pytest.mark.django_db
def test_imported_seed_documents_agree_with_the_model_methods(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(FIXTURES.glob("00?_*.txt")):
        shutil.copy(seed, folder / seed.name)
    import_paths([folder])
    docs = {doc["key"]: doc for doc in all_documents()}
    assert Initiative.objects.exists() and Metric.objects.exists()
    for item in Initiative.objects.select_related("hospital", "article"):
        doc = docs[key_for("initiative", item.pk)]
        assert doc["url"] == item.get_absolute_url()
        assert doc["categories"] == [item.get_category_display()]
        assert doc["hospitals"] == [item.hospital.name]
    for metric in Metric.objects.select_related("hospital", "article"):
        doc = docs[key_for("metric", metric.pk)]
        assert doc["url"] == metric.get_absolute_url()
        assert "#evidence" in doc["url"] or metric.span_start is None
        assert doc["title"] == f"{metric.name} {metric.display_value()}"
    for hospital in Hospital.objects.all():
        doc = docs[key_for("hospital", hospital.pk)]
        assert doc["url"] == hospital.get_absolute_url()
        for metric in hospital.metrics.all():
            assert f"{metric.name} {metric.display_value()}" in doc["text"]
