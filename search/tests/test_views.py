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
    assert set(data) == {"query", "total", "page", "pages", "facets", "results"}
    assert data["total"] == 1
    assert set(data["results"][0]) == {"type", "title", "url", "snippet", "score"}
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
