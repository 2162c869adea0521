"""Ranking across kinds: own names and titles before evidence, facts matched only through
their evidence listed under their article, verbatim matches before matches across
punctuation; every fact names its hospital and leads to its evidence sentence."""

import datetime
from decimal import Decimal

import pytest

from hospitals.models import Hospital, Initiative, Metric
from search import fields, index
from search.query import grouped_note, search

from .conftest import make_article

BODY = (
    "本院中医科开设艾草熏灸门诊，每年接诊患者上万人次。"
    "医院建成省级区域诊疗中心一个，艾草熏灸技术推广到八个县。"
    "医院拥有省级特色专科六个，其中艾草熏灸特色明显。"
    "艾草熏灸带动床位增加到三百张。"
)


@pytest.fixture
def clinic(index_dir, db):
    article = make_article(
        "山城医院中医科的新做法",
        BODY,
        slug="shancheng",
        published_on=datetime.date(2023, 5, 2),
        sections=[{"heading": "", "paragraphs": [BODY]}],
    )
    hospital = Hospital.objects.create(name="山城市中医院", slug="shancheng-tcm", province="某省")
    metrics = []
    for name, value, unit, sentence in (
        ("省级区域诊疗中心", "1", "个", "医院建成省级区域诊疗中心一个，艾草熏灸技术推广到八个县。"),
        ("省级特色专科", "6", "个", "医院拥有省级特色专科六个，其中艾草熏灸特色明显。"),
        ("床位", "300", "张", "艾草熏灸带动床位增加到三百张。"),
    ):
        start = BODY.index(sentence)
        metrics.append(
            Metric.objects.create(
                hospital=hospital,
                article=article,
                name=name,
                value=Decimal(value),
                unit=unit,
                evidence=sentence,
                span_start=start,
                span_end=start + len(sentence),
            )
        )
    sentence = "本院中医科开设艾草熏灸门诊，每年接诊患者上万人次。"
    own = Initiative.objects.create(
        hospital=hospital,
        article=article,
        name="艾草熏灸门诊",
        category=Initiative.Category.DISCIPLINE,
        evidence=sentence,
        span_start=0,
        span_end=len(sentence),
    )
    index.rebuild(progress=False)
    return {"article": article, "hospital": hospital, "metrics": metrics, "initiative": own}


@pytest.mark.django_db
def test_facts_matched_through_their_evidence_are_listed_under_their_article(clinic):
    page = search("艾草熏灸")
    # Every match counts (and is faceted), but the three metrics are not listed one by one.
    assert page.total == 6
    assert page.facets["type"]["metric"] == 3
    kinds = [h.kind for h in page.hits]
    assert "metric" not in kinds
    assert sorted(kinds) == ["article", "hospital", "initiative"]
    article_hit = next(h for h in page.hits if h.kind == "article")
    assert article_hit.grouped == {"metric": 3}
    assert article_hit.grouped_note == "该文另有 3 条指标提及"
    assert page.pages == 1


@pytest.mark.django_db
def test_a_fact_named_by_the_query_ranks_above_facts_matched_only_through_evidence(clinic):
    page = search("艾草熏灸", kind=None, filters={}, per_page=20)
    own_url = clinic["initiative"].get_absolute_url()
    assert [h.url for h in page.hits].index(own_url) < 2
    only_facts = search("艾草熏灸 OR 床位")
    # 床位 is a metric's own name: it is listed; the other two stay under the article.
    listed = [h.title for h in only_facts.hits if h.kind == "metric"]
    assert listed == ["床位 300张"]
    # With a type chosen, the reader asked for those records: all are listed.
    metrics = search("艾草熏灸", kind="metric")
    assert metrics.total == len(metrics.hits) == 3


@pytest.mark.django_db
def test_every_fact_result_names_its_hospital_and_leads_to_its_evidence(clinic, client):
    page = search("艾草熏灸", kind="metric")
    for hit in page.hits:
        assert hit.hospital == "山城市中医院"
        assert "?hl=" in hit.url and hit.url.endswith("#evidence")
    data = client.get("/api/search/", {"q": "艾草熏灸", "type": "metric"}).json()
    assert {r["hospital"] for r in data["results"]} == {"山城市中医院"}
    assert all(r["url"].endswith("#evidence") for r in data["results"])
    everything = client.get("/api/search/", {"q": "艾草熏灸"}).json()
    by_type = {r["type"]: r for r in everything["results"]}
    assert by_type["article"]["hospital"] is None
    assert by_type["article"]["grouped"] == {"metric": 3}
    assert by_type["initiative"]["hospital"] == "山城市中医院"
    # The link marks the evidence on the article page.
    metric = clinic["metrics"][0]
    response = client.get(metric.get_absolute_url().split("#")[0])
    assert '<mark id="evidence"' in response.content.decode()
    html = client.get("/search/", {"q": "艾草熏灸"}).content.decode()
    assert "该文另有 3 条指标提及" in html
    assert "type=metric" in html and "查看全部指标结果" in html


@pytest.mark.django_db
def test_a_verbatim_match_outranks_one_across_punctuation(index_dir, db):
    # The record matching only across punctuation is shorter and repeats it: it scores higher.
    across = make_article("甲", "二〇二三年，医院。二〇二二年，医院。", slug="across")
    verbatim = make_article("乙", "这一年医院门诊楼启用，新增诊室若干，方便附近居民看病。", slug="verbatim")
    index.rebuild(progress=False)
    page = search("年医院")
    assert [h.url for h in page.hits] == [verbatim.get_absolute_url(), across.get_absolute_url()]
    assert page.hits[0].score < page.hits[1].score


def test_the_grouped_note_names_each_kind():
    assert grouped_note({"metric": 7}) == "该文另有 7 条指标提及"
    assert grouped_note({"metric": 7, "initiative": 2}) == "该文另有 7 条指标、2 条举措提及"
    assert grouped_note({}) == ""


def test_an_index_written_before_facts_knew_their_article_still_reads():
    assert fields.decode_meta(b"article\x1f738000\x1f\x1f\x1f")[5] == -1
    assert fields.decode_meta(b"")[5] == -1
    assert fields.decode_meta(b"metric\x1f738000\x1f\x1f\x1f\x1f42")[5] == 42
