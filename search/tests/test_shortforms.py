"""Short forms of hospital names (市二医院, 县人医, 市中医院 …) and the hospital a query names."""

import pytest

from hospitals.models import Hospital, HospitalAlias
from search import shortforms
from search.shortforms import forms, split_places


@pytest.mark.parametrize(
    "name, expected",
    [
        ("德阳市第二人民医院", {"市二医院", "市二院", "德阳二院", "德阳市二院", "德阳市第二医院", "市2院"}),
        ("柳河县人民医院", {"县人医", "县人民医院", "县医院", "柳河人医", "柳河县人医"}),
        ("遵义市中医医院", {"市中医院", "遵义中医院", "遵义市中医院"}),
        ("四川省人民医院", {"省人民医院", "省人医", "四川人医"}),
        ("宜宾市妇幼保健院", {"市妇幼", "宜宾妇幼", "宜宾妇保院"}),
        ("郑州大学第一附属医院", {"郑大一附院", "郑州大学一附院"}),
        ("广西壮族自治区人民医院", {"区人医", "广西人医"}),
        ("北京协和医院", {"协和医院"}),
    ],
)
def test_short_forms_of_a_name(name, expected):
    found = forms(name)
    assert expected <= found, expected - found
    assert name in found


@pytest.mark.parametrize(
    "name", ["德阳市第二人民医院", "柳河县人民医院", "遵义市中医医院", "宜宾市妇幼保健院"]
)
def test_a_body_that_only_says_what_kind_of_hospital_needs_a_place(name):
    assert not forms(name) & {"二院", "二医院", "人医", "人民医院", "医院", "中医院", "妇幼", "中医医院"}


def test_a_school_hospital_is_not_shortened_to_the_school():
    found = forms("某某大学人民医院")
    assert "某某大学人医" in found and "某某大学医院" not in found


def test_a_level_word_comes_only_from_the_innermost_place():
    found = forms("四川省德阳市人民医院")
    assert {"市人医", "德阳人医", "四川省德阳市人医"} <= found
    assert "省人医" not in found


def test_the_hospitals_own_places_stand_in_for_places_cpca_does_not_know():
    assert "市三医院" not in forms("青山市第三人民医院")
    assert {"市三医院", "青山三院"} <= forms("青山市第三人民医院", ("某某省", "青山市", ""))
    # A name without a place is read after the hospital's city.
    assert "遵义协和医院" in forms("协和医院", ("贵州省", "遵义市", ""))


def test_a_place_opening_a_school_name_is_part_of_the_school():
    assert split_places("中山大学附属第一医院") == ([], "中山大学附属第一医院")
    assert split_places("四川省德阳市第二人民医院") == (["四川省", "德阳市"], "第二人民医院")


@pytest.fixture
def hospitals(db):
    shortforms.clear_cache()
    made = {
        name: Hospital.objects.create(name=name, slug=f"h{i}")
        for i, name in enumerate(["德阳市第二人民医院", "德阳市人民医院", "柳河县人民医院", "通化县人民医院"])
    }
    HospitalAlias.objects.create(hospital=made["德阳市人民医院"], name="德阳人民医院")
    yield made
    shortforms.clear_cache()


def test_a_short_form_of_one_hospital_names_it(hospitals):
    for query in ("市二医院", "德阳 二院", "德阳市二院", "市人医", "德阳人民医院"):
        match = shortforms.lookup(query)
        expected = hospitals["德阳市第二人民医院" if "二" in query else "德阳市人民医院"]
        assert match.hospital == shortforms.Named(expected.name, expected.get_absolute_url()), query
        assert match.choices == []


def test_a_short_form_of_two_hospitals_offers_both(hospitals):
    match = shortforms.lookup("县人医")
    assert match.hospital is None
    assert [c.name for c in match.choices] == ["柳河县人民医院", "通化县人民医院"]


@pytest.mark.parametrize(
    "query", ["人民医院", "二院", '"市二医院"', "市二医院 OR 县人医", "市二医院 -义诊", "心内科"]
)
def test_generic_words_phrases_and_operators_name_no_hospital(hospitals, query):
    assert shortforms.lookup(query) == shortforms.Match()


def test_the_table_follows_new_and_renamed_hospitals(hospitals, monkeypatch):
    monkeypatch.setattr(shortforms, "TABLE_TTL", 0)  # as if 30 seconds had passed before each lookup
    assert shortforms.lookup("市二医院").hospital
    Hospital.objects.create(name="宜宾市第二人民医院", slug="yibin-2")
    match = shortforms.lookup("市二医院")
    assert match.hospital is None and len(match.choices) == 2
    Hospital.objects.filter(slug="yibin-2").update(name="宜宾市第三人民医院")
    assert shortforms.lookup("市二医院").hospital.name == "德阳市第二人民医院"
    assert shortforms.lookup("宜宾三院").hospital.name == "宜宾市第三人民医院"


def test_within_its_time_to_live_the_table_is_not_read_again(hospitals, django_assert_num_queries):
    shortforms.lookup("市二医院")
    with django_assert_num_queries(0):
        assert shortforms.lookup("县人医").choices
