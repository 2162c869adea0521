"""Completions while typing: names, aliases, pinyin and initials, at most ten, best first."""

import datetime

import pytest

from hospitals.models import Hospital, HospitalAlias, Indicator, Initiative
from search import suggest
from search.suggest import MAX_COMPLETIONS, complete

from .conftest import make_article


@pytest.fixture
def names(db):
    suggest.clear_cache()
    qinglan = Hospital.objects.create(name="青岚市中心医院", slug="qinglan-center")
    HospitalAlias.objects.create(hospital=qinglan, name="青岚中心医院")
    lanshan = Hospital.objects.create(name="岚山县人民医院", slug="lanshan-people")
    indicator = Indicator.objects.create(name="夜间门诊候诊时长", slug="night-wait")
    article = make_article("夜间门诊", "医院开设夜间门诊。", published_on=datetime.date(2024, 1, 2))
    Initiative.objects.create(hospital=lanshan, article=article, name="夜间门诊延时服务")
    Initiative.objects.create(hospital=qinglan, article=article, name="夜间门诊延时服务")
    yield {"qinglan": qinglan, "lanshan": lanshan, "indicator": indicator}
    suggest.clear_cache()


def titles(found):
    return [s["title"] for s in found]


@pytest.mark.django_db
def test_full_pinyin_initials_and_characters_find_a_hospital(names):
    url = names["qinglan"].get_absolute_url()
    for typed in ("qinglan", "qing lan", "QINGLANSHI", "qlszxyy", "qls", "青岚", "青岚市中心医院"):
        found = complete(typed)
        assert found and found[0] == {"type": "hospital", "title": "青岚市中心医院", "url": url}, typed


@pytest.mark.django_db
def test_pinyin_typed_in_pieces_may_start_later_in_the_name(names):
    assert titles(complete("lanshan yiyuan"))[0] == "岚山县人民医院"
    assert titles(complete("renmin yiyuan")) == ["岚山县人民医院"]
    # From the first syllable ranks above from a later one.
    assert titles(complete("zhongxin yiyuan")) == ["青岚市中心医院"]
    Hospital.objects.create(name="中心医院", slug="center")
    suggest.clear_cache()
    assert titles(complete("zhongxin yiyuan")) == ["中心医院", "青岚市中心医院"]
    # Syllables must run in order: these do not spell the name.
    assert "岚山县人民医院" not in titles(complete("yiyuan lanshan"))


@pytest.mark.django_db
def test_an_alias_finds_its_hospital_and_an_exact_name_comes_first(names):
    found = complete("青岚中心医院")
    assert found[0]["title"] == "青岚市中心医院"
    assert len(found) == 1  # the alias and the name are one hospital, offered once


@pytest.mark.django_db
def test_indicators_and_initiatives_are_offered_after_hospitals(names):
    found = complete("yejian")
    assert [(s["type"], s["title"]) for s in found] == [
        ("indicator", "夜间门诊候诊时长"),
        ("initiative", "夜间门诊延时服务"),  # once, though two hospitals run it
    ]
    assert found[0]["url"] == names["indicator"].get_absolute_url()
    assert found[1]["url"].startswith("/search/?q=") and "type=initiative" in found[1]["url"]


@pytest.mark.django_db
def test_at_most_ten_best_first(names):
    for i in range(15):
        Hospital.objects.create(name=f"青岚第{i + 1}分院医院", slug=f"qinglan-branch-{i}")
    suggest.clear_cache()
    found = complete("青岚")
    assert len(found) == MAX_COMPLETIONS
    # Names starting with what was typed, shortest first.
    assert found[0]["title"] == "青岚市中心医院"


@pytest.mark.django_db
def test_a_name_containing_the_text_ranks_below_one_starting_with_it(names):
    Hospital.objects.create(name="中心医院分部", slug="center-branch")
    suggest.clear_cache()
    assert titles(complete("中心医院"))[:2] == ["中心医院分部", "青岚市中心医院"]


@pytest.mark.django_db
def test_new_names_are_offered_once_the_table_is_checked_again(names, monkeypatch):
    assert complete("bailu") == []
    Hospital.objects.create(name="白鹭湾医院", slug="bailu-bay")
    monkeypatch.setattr(suggest, "TABLE_TTL", 0.0)
    assert titles(complete("bailu")) == ["白鹭湾医院"]


@pytest.mark.django_db
def test_a_name_added_later_is_read_by_its_phrases(names, monkeypatch):
    # The table is built (as gunicorn's master builds it before forking); a name saved afterwards
    # is read with pypinyin's phrase readings (重庆 chongqing, 银行 yinhang), not character by character.
    complete("qinglan")
    Hospital.objects.create(name="重庆银行职工医院", slug="bank-staff")
    monkeypatch.setattr(suggest, "TABLE_TTL", 0.0)
    assert titles(complete("chongqing yinhang")) == ["重庆银行职工医院"]
    assert titles(complete("cqyh")) == ["重庆银行职工医院"]
    assert complete("zhongqing") == []


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "   ", "***", "-", "x" * 5000, "医" * 5000, " ".join("a" * 40)])
def test_the_api_answers_anything_in_the_documented_shape(client, names, typed):
    response = client.get("/api/suggest/", {"q": typed})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "suggestions"}
    assert len(data["suggestions"]) <= MAX_COMPLETIONS
    for item in data["suggestions"]:
        assert set(item) == {"type", "title", "url"}
    if not typed.strip("* -"):
        assert data["suggestions"] == []


@pytest.mark.django_db
def test_the_api_completes_pinyin(client, names):
    data = client.get("/api/suggest/", {"q": "xian"}).json()
    assert data["query"] == "xian"
    assert "岚山县人民医院" in titles(data["suggestions"])  # 县 is xian
    assert client.post("/api/suggest/", {"q": "xian"}).status_code == 405


@pytest.mark.django_db
def test_a_lookup_looks_at_a_bounded_number_of_names(names, monkeypatch):
    for i in range(30):
        Hospital.objects.create(name=f"青岚第{i + 1}分院", slug=f"qinglan-part-{i}")
        Hospital.objects.create(name=f"东部青岚第{i + 1}分院", slug=f"east-qinglan-part-{i}")
    suggest.clear_cache()
    assert len(complete("青岚")) == MAX_COMPLETIONS
    monkeypatch.setattr(suggest, "MAX_COMPLETIONS", 100)
    assert len(complete("青岚")) == 61
    monkeypatch.setattr(suggest, "MAX_PREFIX_KEYS", 3)
    monkeypatch.setattr(suggest, "MAX_INSIDE", 2)
    # Three keys starting with the characters and three with their pinyin, two names and
    # two pinyin spellings holding them: nothing more is looked at.
    assert len(complete("青岚")) <= 10
