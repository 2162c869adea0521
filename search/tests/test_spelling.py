"""Did you mean: homophone typos of the collection's place and hospital names."""

import pytest

from hospitals.models import Hospital, HospitalAlias, Mention
from search import index
from search.spelling import MAX_PIECES, correction

from .conftest import make_article


@pytest.fixture
def collection(db, index_dir):
    hospital = Hospital.objects.create(
        name="郧西县人民医院", slug="yunxi", province="湖北省", city="十堰市", county="郧西县"
    )
    HospitalAlias.objects.create(hospital=hospital, name="郧西县医院")
    article = make_article(
        "郧西县人民医院开展义诊", "郧西县人民医院组织专家到乡镇开展义诊，服务群众三百余人。"
    )
    Mention.objects.create(article=article, hospital=hospital, role="subject")
    index.rebuild(progress=False)
    return hospital


def test_a_homophone_of_a_place_is_corrected(collection):
    assert correction("云西县 义诊") == "郧西县 义诊"
    assert correction("云西") == "郧西"


def test_right_spelling_and_unrelated_text_get_no_correction(collection):
    assert correction("郧西县人民医院") is None
    assert correction("胸痛中心") is None
    assert correction("xianning") is None
    assert correction("") is None


def test_the_work_per_query_is_bounded(collection, monkeypatch):
    calls = []
    from search import spelling

    real = spelling._key
    monkeypatch.setattr(spelling, "_key", lambda text: calls.append(text) or real(text))
    correction("云" * 500)
    # One key per name when the table is built, then at most MAX_PIECES probes.
    assert len(calls) <= MAX_PIECES + 20


def test_the_page_and_the_api_offer_the_correction(client, collection):
    page = client.get("/search/", {"q": "云西县 义诊"})
    assert page.status_code == 200
    assert "您是不是要找" in page.content.decode() and "郧西县 义诊" in page.content.decode()
    data = client.get("/api/search/", {"q": "云西县 义诊"}).json()
    assert data["total"] == 0 and data["did_you_mean"] == "郧西县 义诊"
    assert client.get("/api/search/", {"q": "郧西县 义诊"}).json()["did_you_mean"] is None
    # A correction that finds no more than the query is not offered.
    assert client.get("/api/search/", {"q": "云西县 骨科"}).json()["did_you_mean"] is None
