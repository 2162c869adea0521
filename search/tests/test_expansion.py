"""Synonyms and pinyin widen a query; what was typed still ranks first."""

import pytest

from hospitals.models import Hospital, Mention, SearchSynonym
from search import index, suggest
from search.query import search

from .conftest import make_article


@pytest.fixture
def collection(db, index_dir):
    suggest.clear_cache()
    SearchSynonym.objects.get_or_create(words="三甲、三级甲等")
    spelled_out = make_article(
        "蕲春县人民医院晋级", "蕲春县人民医院顺利通过评审，成为三级甲等综合医院。", slug="full"
    )
    short = make_article("浠水县人民医院创三甲纪实", "浠水县人民医院经过五年努力创成三甲。", slug="short")
    hospital = Hospital.objects.create(name="蕲春县人民医院", slug="qichun", province="湖北省")
    Mention.objects.create(article=spelled_out, hospital=hospital, role="subject")
    index.rebuild(progress=False)
    yield {"spelled_out": spelled_out, "short": short, "hospital": hospital}
    suggest.clear_cache()


def urls(result):
    return [h.url for h in result.hits]


def test_a_synonym_finds_the_other_wording_and_the_typed_one_ranks_first(collection):
    for typed, literal, other in (("三甲", "short", "spelled_out"), ("三级甲等", "spelled_out", "short")):
        found = urls(search(typed, kind="article"))
        first, second = collection[literal].get_absolute_url(), collection[other].get_absolute_url()
        assert found.index(first) < found.index(second), typed


def test_an_admin_edit_of_the_table_takes_effect(collection):
    assert collection["short"].get_absolute_url() not in urls(search("创级", kind="article"))
    SearchSynonym.objects.create(words="创级 三甲")
    assert collection["short"].get_absolute_url() in urls(search("创级", kind="article"))


@pytest.mark.parametrize("typed", ["qichun", "qi chun", "qcxrmyy", "qichun renmin yiyuan"])
def test_pinyin_and_initials_find_the_hospital(collection, typed):
    found = search(typed)
    assert collection["hospital"].get_absolute_url() in urls(found), typed


def test_latin_text_that_occurs_literally_is_not_read_as_pinyin(collection):
    make_article("引进设备", "医院引进qichun型号设备。", slug="latin")
    index.rebuild(progress=False)
    assert urls(search("qichun")) == ["/articles/latin/"]


def test_a_quoted_phrase_is_not_widened(collection):
    assert urls(search('"三甲"', kind="article")) == [collection["short"].get_absolute_url()]


def test_synonyms_are_edited_in_the_admin(admin_client, collection):
    page = admin_client.get("/admin/hospitals/searchsynonym/")
    assert page.status_code == 200 and "三级甲等" in page.content.decode()
    admin_client.post("/admin/hospitals/searchsynonym/add/", {"words": "胸痛中心、胸痛救治中心"})
    assert SearchSynonym.objects.filter(words="胸痛中心、胸痛救治中心").exists()
