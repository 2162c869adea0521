"""config/gunicorn.conf.py: what the master loads before workers fork, and what it leaves closed."""

import gc
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

from articles import pinyin
from articles.models import Article
from search import analysis, index, shortforms, spelling, suggest
from search import query as search_query
from search.backends.postgres import reader as pg_reader
from search.backends.whoosh import index as whoosh_index
from search.backends.whoosh import postings as whoosh_postings
from search.backends.whoosh import reader as whoosh_reader

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["whoosh", "postgres"])
def test_the_master_preloads_search_then_closes_the_index_and_database(tmp_path, backend):
    conf = runpy.run_path(str(CONF))
    assert conf["preload_app"] is True
    Article.objects.create(
        slug="warm",
        title="医院开展义诊",
        body="医院的医生走进社区。",
        source_file="warm.txt",
        content_hash="w",
    )
    with override_settings(SEARCH_INDEX_DIR=tmp_path / "index", SEARCH_BACKEND=backend):
        index.rebuild(progress=False)
        index.close_searchers()
        whoosh_reader._segment_tables.clear()
        whoosh_reader._combined = (None, None)
        whoosh_postings._lengths.clear()
        shortforms.clear_cache()
        suggest.clear_cache()
        spelling._cache.update(key=None, names={})
        pg_reader.clear_caches()
        try:
            with mock.patch.object(connections, "close_all") as close_all:
                conf["when_ready"](mock.Mock())
            assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
        # jieba and the document tables are loaded; no index file or database connection stays open.
        assert analysis._jieba_ready
        if backend == "whoosh":
            assert whoosh_reader._segment_tables
            # A worker's searcher over the same segments finds the combined table and the field
            # lengths the master decoded, instead of making its own copies.
            combined = whoosh_reader._combined[1]
            assert combined is not None and whoosh_postings._lengths
            lengths = dict(whoosh_postings._lengths)
            with index.reader() as worker_reader:
                assert worker_reader.doc_table() is combined
                search_query.search("医院")
            assert all(whoosh_postings._lengths[key] is value for key, value in lengths.items())
            index.close_searchers()
        else:
            assert pg_reader._current["snapshot"] is not None and pg_reader.cache_bytes() > 0
        assert getattr(whoosh_index._local, "searchers", {}) == {}
        close_all.assert_called_once()
        # The tables built from the collection's names and the pinyin readings are made before
        # the fork, so workers share them (and never load pypinyin).
        assert pinyin._tables is not None
        assert shortforms._forms.built
        assert suggest._table.built
        assert spelling._cache["key"] is not None


@pytest.mark.django_db
def test_the_master_starts_without_a_database(tmp_path):
    conf = runpy.run_path(str(CONF))
    server = mock.Mock()
    with (
        override_settings(SEARCH_INDEX_DIR=tmp_path / "index"),
        mock.patch("search.query.search", side_effect=OperationalError("down")),
        mock.patch.object(connections, "close_all"),
    ):
        try:
            conf["when_ready"](server)
        finally:
            gc.unfreeze()
    server.log.warning.assert_called_once()
