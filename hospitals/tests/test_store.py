from decimal import Decimal

import pytest

from articles.models import Article
from hospitals.extraction import HospitalFact, InitiativeFact, MetricFact, PersonFact
from hospitals.extraction.facts import Extraction
from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Origin, Person
from hospitals.store import save_extraction, unique_slug

pytestmark = pytest.mark.django_db


def make_article(n=1, **kw):
    return Article.objects.create(
        slug=f"a-{n}", title=f"文章{n}", source_file=f"f{n}.txt", content_hash=str(n), **kw
    )


def metric(name, value, hospital):
    return MetricFact(
        name, Decimal(value), "个", "", None, "level", None, "", f"建成{value}个{name}", (0, 5), hospital
    )


def extraction(subject, *mentioned, aliases=(), people=(), metrics=(), initiatives=()):
    return Extraction(
        hospitals=[
            HospitalFact(subject, aliases=list(aliases), role="subject", province="广东省", city="佛山市"),
            *[HospitalFact(m, role="mentioned") for m in mentioned],
        ],
        people=list(people),
        metrics=list(metrics),
        initiatives=list(initiatives),
    )


def test_the_same_hospital_across_two_articles_is_one_record():
    save_extraction(make_article(1), extraction("青山医院", "南海区人民医院"))
    save_extraction(make_article(2), extraction("南海区人民医院", "青山医院"))
    assert Hospital.objects.count() == 2
    qs = Hospital.objects.get(name="青山医院")
    assert sorted(Mention.objects.filter(hospital=qs).values_list("role", flat=True)) == [
        "mentioned",
        "subject",
    ]


def test_it_resolves_a_hospital_through_a_stated_alias():
    save_extraction(make_article(1), extraction("佛山市第二医院", aliases=["佛山市肿瘤医院"]))
    save_extraction(make_article(2), extraction("佛山市肿瘤医院"))
    assert list(Hospital.objects.values_list("name", flat=True)) == ["佛山市第二医院"]
    assert HospitalAlias.objects.filter(name="佛山市肿瘤医院").exists()


def test_short_forms_are_never_stored_as_aliases():
    save_extraction(
        make_article(1), extraction("佛山市第二医院", aliases=["市二医院", "二医院", "该院", "县人民医院"])
    )
    assert HospitalAlias.objects.count() == 0


def test_a_hospital_and_a_county_hospital_with_a_similar_name_stay_distinct():
    save_extraction(make_article(1), extraction("青山医院"))
    save_extraction(make_article(2), extraction("青山县医院"))
    assert set(Hospital.objects.values_list("name", flat=True)) == {"青山医院", "青山县医院"}


def test_traditional_names_match_the_simplified_record():
    save_extraction(make_article(1), extraction("佛山市中医院"))
    save_extraction(make_article(2), extraction("佛山市中醫院"))
    assert Hospital.objects.count() == 1


def test_rerunning_replaces_importer_facts_but_keeps_admin_edited_ones():
    article = make_article(1)
    ex = extraction(
        "青山医院",
        people=[PersonFact("王刚", ["院长"], "青山医院", "院长王刚说")],
        metrics=[metric("重点专科", 5, "青山医院"), metric("党支部", 9, "青山医院")],
        initiatives=[InitiativeFact("双培养", "talent", "", "实施双培养", (0, 5), "青山医院")],
    )
    save_extraction(article, ex)
    Metric.objects.filter(name="党支部").update(admin_edited=True, value=10)
    hospital = Hospital.objects.get()
    Initiative.objects.create(hospital=hospital, article=article, name="书记接待日", origin=Origin.ADMIN)
    ex.initiatives.append(InitiativeFact("书记接待日", "service", "", "", None, "青山医院"))
    counts = save_extraction(article, ex)
    assert Person.objects.count() == 1
    assert Metric.objects.get(name="党支部").value == 10  # the admin's value survives, not duplicated
    assert Metric.objects.count() == 2
    assert Initiative.objects.filter(name="书记接待日").count() == 1
    assert counts["metrics"] == 1 and counts["initiatives"] == 1


def test_facts_go_to_the_subject_unless_they_name_another_hospital():
    ex = extraction(
        "青山医院",
        "南海区人民医院",
        people=[PersonFact("吴涛", ["院长"], "南海区人民医院", "南海区人民医院院长吴涛")],
        metrics=[metric("重点专科", 5, "青山医院")],
    )
    save_extraction(make_article(1), ex)
    assert Person.objects.get().hospital.name == "南海区人民医院"
    assert Metric.objects.get().hospital.name == "青山医院"


def test_fields_are_filled_only_where_empty_for_admin_edited_hospitals():
    Hospital.objects.create(name="青山医院", slug="qing-shan-yi-yuan", city="广州市", admin_edited=True)
    save_extraction(make_article(1), extraction("青山医院"))
    h = Hospital.objects.get()
    assert (h.city, h.province) == ("广州市", "广东省")


def test_slugs_are_ascii_pinyin_and_unique():
    Hospital.objects.create(name="青山医院", slug="qing-shan-yi-yuan")
    assert unique_slug(Hospital, "青山医院") == "qing-shan-yi-yuan-2"
