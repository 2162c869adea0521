"""search() reports an unreadable index as "not built", and only that: a bug surfaces as itself."""

import struct
import zlib
from unittest import mock

import pytest
from whoosh.index import EmptyIndexError

from search import index, query
from search.backends.whoosh.postings import DamagedIndexError

from .conftest import make_article


@pytest.fixture
def built(index_dir, db, settings):
    # The errors below are what a Whoosh folder raises (the postgres backend's: test_postgres_backend).
    settings.SEARCH_BACKEND = "whoosh"
    make_article("县人民医院开展义诊", "县人民医院组织专家下乡义诊，服务群众。")
    index.rebuild(progress=False)
    assert query.search("义诊").total == 1


@pytest.mark.parametrize(
    "error",
    [
        EmptyIndexError("no index"),
        OSError("read failed"),
        EOFError("Ran out of input"),
        struct.error("unpack requires a buffer of 12 bytes"),
        zlib.error("invalid stored block lengths"),
        DamagedIndexError("unexpected posting block header"),
    ],
    ids=type,
)
def test_an_unreadable_index_is_reported_not_raised(built, error):
    with mock.patch.object(query, "execute", side_effect=error):
        page = query.search("义诊")
    assert page.message == query.MESSAGE_MISSING
    assert page.total == 0


@pytest.mark.parametrize("error", [TypeError("bad call"), AttributeError("no such field"), KeyError("kind")])
def test_a_programming_error_propagates(built, error):
    with mock.patch.object(query, "execute", side_effect=error), pytest.raises(type(error)):
        query.search("义诊")
