import random
import re
from decimal import Decimal

import pytest

from hospitals.models import Hospital, HospitalAlias, Initiative, Metric
from search import index
from search.query import search

from .conftest import make_article

CJK = re.compile(r"[\u4e00-\u9fff]")


def urls(page):
    return [hit.url for hit in page.hits]


@pytest.mark.django_db
def test_any_literal_piece_of_a_seed_article_finds_it(index_dir, seed_articles):
    index.rebuild(progress=False)
    rng = random.Random(20240601)
    samples = 0
    while samples < 400:
        article = rng.choice(seed_articles)
        length = rng.randint(2, 6)
        start = rng.randrange(0, len(article.body) - length)
        piece = article.body[start : start + length]
        # A leading "-" is the exclusion operator, not text.
        if not CJK.search(piece) or piece.lstrip().startswith(("-", "－")):
            continue
        samples += 1
        page = search(piece, per_page=100)
        assert article.get_absolute_url() in urls(page), f"{piece!r} did not find {article.slug}"
        assert page.hits[0].snippet_html


@pytest.mark.django_db
def test_quoted_phrases_match_only_the_literal_phrase(index_dir, seed_articles):
    apart = make_article("分开的词", "最多的时候，有人跑一次就够了。双带的头人")
    index.rebuild(progress=False)
    for phrase in ("最多跑一次", "双带头人"):
        page = search(f'"{phrase}"')
        holders = [a.get_absolute_url() for a in seed_articles if phrase in a.body]
        assert holders and set(holders) <= set(urls(page))
        assert apart.get_absolute_url() not in urls(page)
        assert f"<mark>{phrase}</mark>" in page.hits[0].snippet_html


@pytest.fixture
def two_taihe(db):
    real = Hospital.objects.create(name="十堰市太和医院", slug="taihe", province="湖北省")
    HospitalAlias.objects.create(hospital=real, name="太和医院")
    county = Hospital.objects.create(name="太和县医院", slug="taihe-county", province="安徽省")
    make_article("太和县医院新院区启用", "太和县医院今天启用新院区，太和县医院院长讲话。")
    make_article("太和医院的故事", "太和医院开展义诊。")
    return real, county


@pytest.mark.django_db
def test_a_hospital_name_finds_that_hospital_first_and_never_its_lookalike(index_dir, two_taihe):
    real, county = two_taihe
    index.rebuild(progress=False)
    page = search("太和医院")
    assert page.hits[0].url == real.get_absolute_url()
    assert county.get_absolute_url() not in urls(page)
    assert all("太和县医院新院区" not in hit.title for hit in page.hits)

    page = search("太和")
    assert page.hits[0].url == real.get_absolute_url()
    assert county.get_absolute_url() in urls(page)


@pytest.mark.django_db
def test_records_holding_the_words_together_rank_above_those_with_them_apart(index_dir, db):
    apart = make_article("胸痛的患者", "胸痛患者很多。" + "医院工作。" * 30 + "急救中心成立。")
    together = make_article("医院动态", "医院建成胸痛中心。")
    index.rebuild(progress=False)
    assert urls(search("胸痛中心")) == [together.get_absolute_url()]
    page = search("胸痛 中心")
    assert urls(page)[:2] == [together.get_absolute_url(), apart.get_absolute_url()]


@pytest.mark.django_db
def test_titles_weigh_more_than_bodies(index_dir, db):
    in_body = make_article("医院新闻", "今年开展了日间手术，日间手术量增长。")
    in_title = make_article("日间手术全面铺开", "今年的工作成效显著。")
    index.rebuild(progress=False)
    assert urls(search("日间手术"))[:2] == [in_title.get_absolute_url(), in_body.get_absolute_url()]


@pytest.mark.django_db
def test_traditional_and_full_width_queries_find_simplified_text(index_dir, db):
    article = make_article("人民医院推进改革", "SCI论文92篇，门诊患者满意度90.72%。")
    traditional = make_article("舊文", "本院醫療質量穩步提升。")
    index.rebuild(progress=False)
    assert article.get_absolute_url() in urls(search("醫院"))
    assert article.get_absolute_url() in urls(search("ｓｃｉ論文"))
    assert traditional.get_absolute_url() in urls(search("医疗质量"))


@pytest.mark.django_db
def test_numbers_and_percentages_are_searchable(index_dir, db):
    hospital = Hospital.objects.create(name="示例市中心医院", slug="example", province="某省")
    article = make_article("示例文章", "门诊患者满意度达90.72%，预约挂号比例由2.3%提升至33.2%。")
    metric = Metric.objects.create(
        hospital=hospital,
        article=article,
        name="门诊患者满意度",
        value=Decimal("90.72"),
        unit="%",
        evidence="门诊患者满意度达90.72%",
    )
    index.rebuild(progress=False)
    page = search("90.72")
    assert {article.get_absolute_url(), metric.get_absolute_url(), hospital.get_absolute_url()} <= set(
        urls(page)
    )
    assert "<mark>90.72</mark>" in page.hits[0].snippet_html
    assert article.get_absolute_url() in urls(search("33.2%"))
    assert search("33.2%").total == 1


@pytest.mark.django_db
def test_script_in_text_or_query_is_shown_as_text(index_dir, db, client):
    make_article(
        "<script>alert('t')</script>标题", "正文<script>alert('b')</script>医院<img src=x onerror=alert(1)>"
    )
    index.rebuild(progress=False)
    page = search("<script>alert")
    assert page.total == 1
    html = page.hits[0].snippet_html + page.hits[0].title_html
    assert "<script" not in html and "<img" not in html
    assert "&lt;<mark>script&gt;alert</mark>" in html or "&lt;<mark>script</mark>" in html
    response = client.get("/search/", {"q": "<script>alert('x')</script>医院"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body and "<img src=x" not in body


@pytest.mark.django_db
def test_exclusion_and_or(index_dir, db):
    a = make_article("甲", "医院推进胸痛中心建设。")
    b = make_article("乙", "医院推进卒中中心建设。")
    index.rebuild(progress=False)
    assert urls(search("医院 -胸痛")) == [b.get_absolute_url()]
    assert set(urls(search("胸痛 OR 卒中"))) == {a.get_absolute_url(), b.get_absolute_url()}


@pytest.fixture
def small_world(db):
    hubei = Hospital.objects.create(name="甲市人民医院", slug="jia", province="湖北省")
    anhui = Hospital.objects.create(name="乙县中医院", slug="yi", province="安徽省")
    art = make_article("甲市人民医院的党建工作", "甲市人民医院推进党建工作，落实双带头人制度。")
    art.mentions.create(hospital=hubei, role="subject")
    art2 = make_article("乙县中医院服务", "乙县中医院推进党建工作，最多跑一次。")
    art2.mentions.create(hospital=anhui, role="subject")
    Initiative.objects.create(
        hospital=hubei, article=art, name="双带头人", category="party", description="党建工作与业务双带头人"
    )
    Initiative.objects.create(
        hospital=anhui,
        article=art2,
        name="最多跑一次",
        category="service",
        description="党建工作带动便民服务",
    )
    return hubei, anhui


@pytest.mark.django_db
def test_facet_counts_and_filters(index_dir, small_world):
    index.rebuild(progress=False)
    page = search("党建工作")
    assert page.facets["type"] == {"article": 2, "initiative": 2}
    assert page.facets["province"] == {"湖北省": 2, "安徽省": 2}
    assert page.facets["category"] == {"党的建设": 1, "便民服务": 1}
    assert page.total == 4

    only = search("党建工作", kind="initiative", filters={"province": "湖北省"})
    assert only.total == 1 and only.hits[0].title == "双带头人"
    # Each facet still counts the choices its own filter hides.
    assert only.facets["type"] == {"article": 1, "initiative": 1}
    assert only.facets["province"] == {"湖北省": 1, "安徽省": 1}

    assert search("党建工作", filters={"category": "便民服务"}).total == 1
    assert search("党建工作", kind="nonsense", filters={"colour": "red"}).total == 4


@pytest.mark.django_db
def test_pagination_and_date_sort(index_dir, db):
    import datetime

    for day in range(1, 26):
        make_article(f"医院动态{day}", f"医院新闻第{day}期。", published_on=datetime.date(2023, 1, day))
    index.rebuild(progress=False)
    first = search("医院新闻", per_page=10, sort="date")
    assert (first.total, first.pages) == (25, 3)
    assert first.hits[0].title == "医院动态25"
    third = search("医院新闻", per_page=10, page=3, sort="date")
    assert [h.title for h in third.hits][-1] == "医院动态1"
    assert search("医院新闻", per_page=10, page=99).page == 3


@pytest.mark.django_db
def test_missing_and_stale_indexes_say_so(index_dir, db):
    make_article("标题", "医院正文")
    assert "rebuild_index" in search("医院").message
    index.rebuild(progress=False)
    assert search("医院").message == ""
    Hospital.objects.create(name="新加的医院", slug="new")
    index.invalidate_dictionary()
    stale = search("医院")
    assert stale.total == 1 and "rebuild_index" in stale.message
    assert index.index_status()["stale"]
    index.rebuild(progress=False)
    assert not index.index_status()["stale"]


@pytest.mark.django_db
def test_unusable_queries_get_a_message_not_an_error(index_dir, db):
    index.rebuild(progress=False)
    for q in ["", "   ", "*", "OR", '"', "-医院", "😀😀", "\x00"]:
        page = search(q)
        assert page.total == 0 and page.message


@pytest.mark.django_db
def test_an_index_written_by_two_workers_answers_like_one(index_dir, db):
    from whoosh import index as whoosh_index

    from search import syntax
    from search.documents import all_documents
    from search.query import execute

    for i in range(12):
        make_article(f"并行{i}", f"并行写入的第{i}篇，医院新闻。")
    from search.backends.whoosh import index as whoosh_index_module
    from search.backends.whoosh.reader import WhooshReader

    gen = index_dir / "gen-parallel"
    assert whoosh_index_module.build_generation(gen, all_documents(), dictionary_version="x", procs=2) == 12
    ix = whoosh_index.open_dir(str(gen))
    assert len(ix._segments()) == 2
    with ix.searcher() as s:
        assert execute(WhooshReader(s), syntax.parse("医院新闻"), per_page=50).total == 12
        assert execute(WhooshReader(s), syntax.parse("第7篇"), per_page=50).hits[0].title == "并行7"
