import json

import pytest

from search import index

from .conftest import make_article


@pytest.fixture
def indexed(index_dir, db):
    make_article("医院推进胸痛中心建设", "胸痛中心建设成效明显。")
    index.rebuild(progress=False)


def test_the_api_answers_in_the_documented_shape(client, indexed):
    response = client.get("/api/search/", {"q": "胸痛中心"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "胸痛中心" in response.content.decode()  # not \\u-escaped
    data = json.loads(response.content)
    assert set(data) == {
        "query",
        "total",
        "page",
        "pages",
        "did_you_mean",
        "facets",
        "results",
        "hospital_match",
        "hospital_choices",
    }
    assert data["hospital_match"] is None and data["hospital_choices"] == []
    assert data["total"] == 1
    assert set(data["results"][0]) == {"type", "title", "hospital", "url", "snippet", "score", "grouped"}
    assert "<mark>胸痛中心</mark>" in data["results"][0]["snippet"]


def test_the_api_explains_an_unusable_query_and_ignores_bad_parameters(client, indexed):
    data = client.get("/api/search/", {"q": "***"}).json()
    assert data["total"] == 0 and data["message"]
    response = client.get("/api/search/", {"q": "胸痛", "page": "x", "type": "bogus"})
    assert response.status_code == 200 and response.json()["total"] == 1


def test_the_api_only_answers_get_and_head(client, indexed):
    assert client.post("/api/search/", {"q": "医院"}).status_code == 405
    assert client.head("/api/search/", {"q": "医院"}).status_code == 200


def test_the_results_page_shows_hits_facets_and_messages(client, indexed):
    body = client.get("/search/", {"q": "胸痛中心"}).content.decode()
    assert "<mark>胸痛中心</mark>" in body and "找到 1 条结果" in body
    assert "没有可搜索" in client.get("/search/", {"q": "~~"}).content.decode()
    assert client.get("/search/").status_code == 200


@pytest.mark.django_db
def test_no_results_offers_fewer_words_and_similar_hospitals(settings, tmp_path):
    from articles.models import Article
    from hospitals.models import Hospital
    from search import index

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    Hospital.objects.create(name="青山市人民医院", slug="qing-shan")
    Article.objects.create(
        slug="a",
        title="青山市人民医院开展义诊",
        body="医院开展义诊活动。",
        source_file="a.txt",
        content_hash="x",
    )
    index.rebuild(progress=False)
    from django.test import Client

    response = Client().get("/search/", {"q": "义诊 不存在的词语"})
    offered = dict((label, alt) for label, alt in response.context["suggestions"])
    assert offered.get("去掉“不存在的词语”") == "义诊"
    response = Client().get("/search/", {"q": "青山市第九医院"})
    assert ("青山市人民医院", "青山市人民医院") in response.context["suggestions"]
    assert "青山市人民医院" in response.content.decode()


@pytest.fixture
def short_forms(index_dir, db):
    from hospitals.models import Hospital
    from search import shortforms, suggest

    shortforms.clear_cache()
    suggest.clear_cache()
    made = [
        Hospital.objects.create(name=name, slug=f"h{i}")
        for i, name in enumerate(["德阳市第二人民医院", "柳河县人民医院", "通化县人民医院"])
    ]
    make_article("市二医院开展义诊", "市二医院组织专家开展义诊。")
    index.rebuild(progress=False)
    yield made
    shortforms.clear_cache()
    suggest.clear_cache()


def test_a_short_form_of_one_hospital_leads_to_it_first(client, short_forms):
    second = short_forms[0]
    body = client.get("/search/", {"q": "市二医院"}).content.decode()
    link = f'您要找的是：<a href="{second.get_absolute_url()}">德阳市第二人民医院</a>'
    assert link in body
    assert body.index(link) < body.index("search-results")  # above the results
    data = client.get("/api/search/", {"q": "德阳二院"}).json()
    assert data["hospital_match"] == {"name": "德阳市第二人民医院", "url": second.get_absolute_url()}
    assert data["hospital_choices"] == []


def test_an_ambiguous_short_form_lists_the_hospitals_it_may_mean(client, short_forms):
    body = client.get("/search/", {"q": "县人医"}).content.decode()
    assert "您要找的是" not in body
    assert "您要找的可能是" in body and "柳河县人民医院" in body and "通化县人民医院" in body
    data = client.get("/api/search/", {"q": "县人医"}).json()
    assert data["hospital_match"] is None
    assert [c["name"] for c in data["hospital_choices"]] == ["柳河县人民医院", "通化县人民医院"]


def test_the_suggest_api_keeps_its_shape(client, short_forms):
    data = client.get("/api/suggest/", {"q": "deyang"}).json()
    assert data["query"] == "deyang"
    assert data["suggestions"][0] == {
        "type": "hospital",
        "title": "德阳市第二人民医院",
        "url": short_forms[0].get_absolute_url(),
    }
