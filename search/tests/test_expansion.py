"""Synonyms and pinyin widen a query; what was typed still ranks first."""

import pytest

from hospitals.models import Hospital, Mention, SearchSynonym
from search import expansion, index, suggest
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


# --- letters inside a query read as pinyin ---------------------------------------------------


@pytest.fixture
def places(db, index_dir):
    suggest.clear_cache()
    first = Hospital.objects.create(name="柳州市第一人民医院", slug="liuzhou-1", city="柳州市")
    central = Hospital.objects.create(name="德阳市中心医院", slug="deyang-c", city="德阳市")
    union = Hospital.objects.create(name="遵义协和医院", slug="zunyi-x", city="遵义市")
    articles = {
        "first": make_article("柳州市第一人民医院开设夜间门诊", "柳州市第一人民医院本月起开设夜间门诊。"),
        "central": make_article("德阳市中心医院建成卒中中心", "德阳市中心医院卒中中心通过认证。"),
        "union": make_article("遵义协和医院义诊", "遵义协和医院专家走进社区。"),
    }
    for hospital, key in ((first, "first"), (central, "central"), (union, "union")):
        Mention.objects.create(article=articles[key], hospital=hospital, role="subject")
    index.rebuild(progress=False)
    yield {"first": first, "central": central, "union": union, **{f"a_{k}": v for k, v in articles.items()}}
    suggest.clear_cache()


@pytest.mark.parametrize(
    "typed, wanted",
    [
        ("柳州 diyi", "a_first"),
        ("柳州 diyi yiyuan", "a_first"),  # each word read on its own: 第一 and 医院
        ("柳州 diyiyiyuan", "a_first"),  # no name holds 第一医院: cut into 第一 + 医院
        ("deyang中心医院", "a_central"),  # letters glued to characters
        ("dy中心医院", "a_central"),  # initials of a name's first syllables
        ("遵义 xiehe", "a_union"),
        ("xiehe 义诊", "a_union"),
    ],
)
def test_letters_mixed_with_characters_are_read_as_pinyin(places, typed, wanted):
    assert places[wanted].get_absolute_url() in urls(search(typed, kind="article")), typed


def test_letters_found_literally_in_a_mixed_query_are_not_read(places):
    literal = make_article("遵义xiehe工作室揭牌", "遵义xiehe工作室今日揭牌。", slug="literal")
    index.rebuild(progress=False)
    assert urls(search("遵义 xiehe", kind="article")) == [literal.get_absolute_url()]


def test_a_quoted_phrase_with_letters_is_not_read(places):
    assert search('"遵义 xiehe"').total == 0


def test_the_reading_keeps_the_typed_letters_and_other_terms():
    from search import syntax

    table = suggest.Table([suggest._entry("hospital", "遵义协和医院", "/h/")])
    reading = expansion._letters_read(syntax.parse("遵义 xiehe -义诊"), table)
    assert [[t.compact for t in g] for g in reading.groups] == [["遵义"], ["xiehe", "协和"]]
    assert [t.compact for t in reading.excluded] == ["义诊"]


def test_read_letters_takes_whole_syllables_most_common_first():
    names = ["咸丰县人民医院", "西安市儿童医院", "咸丰县中医医院", "咸宁市中心医院", "丰县人民医院"]
    table = suggest.Table([suggest._entry("hospital", n, f"/{i}/") for i, n in enumerate(names)])
    assert expansion.read_letters("xianfeng", table) == ["咸丰"]
    assert expansion.read_letters("fengxian", table) == ["丰县"]  # 2 names: 咸丰县…, 丰县…
    # Single syllables (咸, 县) have too many readings to be one.
    assert expansion.read_letters("xian", table) == ["西安"]
    assert expansion.read_letters("xianfen", table) == []  # not whole syllables
    assert expansion.read_letters("xf", table) == ["咸丰"]  # initials from a name's start
    assert expansion.read_letters("xf", table, initials=False) == []


def test_reading_letters_is_bounded():
    from search import syntax

    names = [f"{n}号楼医院" for n in "甲乙丙丁戊己庚辛壬癸"] + [
        "仁和医院",
        "人和医院",
        "仁合医院",
        "任何医院",
    ]
    table = suggest.Table([suggest._entry("hospital", n, f"/{i}/") for i, n in enumerate(names)])
    assert expansion.read_letters("renhe", table) == ["仁和", "人和", "仁合"]  # MAX_READINGS of 4
    # A long run that reads as nothing gives no reading.
    assert expansion._letters_read(syntax.parse("医院 " + "q" * 60), table) is None
    assert expansion.Reader(table).split("yiyuan" * 5) is None  # more than MAX_SPLIT pieces
    # Reading must not push the query past its cap on terms.
    many = " ".join(["yiyuan医院"] * syntax.MAX_TERMS)
    assert expansion._letters_read(syntax.parse(many), table) is None
    # Lookups per query are capped; a run read twice is looked up once.
    reader = expansion.Reader(table)
    assert reader.read("yiyuan") == ["医院"]
    for i in range(expansion.MAX_PROBES):
        reader.read(f"x{i}")
    assert reader.probes == expansion.MAX_PROBES
    assert reader.read("renhe") == []
    assert reader.read("yiyuan") == ["医院"]
