import threading
from decimal import Decimal

import numpy as np
import pytest
from django.db import connections, transaction

from hospitals.models import Hospital, HospitalAlias, Initiative, Metric, Person
from search import index, query
from search.query import search

from .conftest import make_article


def urls(page):
    return [hit.url for hit in page.hits]


@pytest.mark.django_db
def test_saves_and_deletes_reach_the_index_after_commit(index_dir, django_capture_on_commit_callbacks):
    article = make_article("旧标题", "医院正文")
    index.rebuild(progress=False)

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "互联网医院上线"
        article.save()
    assert search("互联网医院").hits[0].url == article.get_absolute_url()

    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_article("新文章", "胸痛中心建设")
    assert urls(search("胸痛中心")) == [fresh.get_absolute_url()]

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert search("互联网医院").total == 0


@pytest.mark.django_db
def test_nothing_is_indexed_before_the_commit(index_dir, django_capture_on_commit_callbacks):
    index.rebuild(progress=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article("未提交", "未提交的正文")
    assert search("未提交").total == 0
    assert callbacks


@pytest.mark.django_db
def test_a_metric_edit_reindexes_its_hospital(index_dir, django_capture_on_commit_callbacks):
    hospital = Hospital.objects.create(name="示例人民医院", slug="sl", province="某省")
    article = make_article("示例", "正文")
    metric = Metric.objects.create(
        hospital=hospital,
        article=article,
        name="床位数",
        value=Decimal("800"),
        unit="张",
        evidence="床位800张",
    )
    index.rebuild(progress=False)
    with django_capture_on_commit_callbacks(execute=True):
        metric.value = Decimal("1234")
        metric.save()
    assert hospital.get_absolute_url() in urls(search("床位数 1234张"))

    with django_capture_on_commit_callbacks(execute=True):
        HospitalAlias.objects.create(hospital=hospital, name="示例一院")
        Person.objects.create(hospital=hospital, article=article, name="王某某", titles=["院长"])
    assert urls(search("示例一院"))[0] == hospital.get_absolute_url()
    assert hospital.get_absolute_url() in urls(search("王某某"))


@pytest.mark.django_db
def test_a_bulk_import_in_one_transaction_reindexes_once(
    index_dir, monkeypatch, django_capture_on_commit_callbacks
):
    hospital = Hospital.objects.create(name="批量医院", slug="bulk")
    article = make_article("批量", "正文")
    index.rebuild(progress=False)
    calls = []
    real_sync = index.sync_keys
    monkeypatch.setattr(
        index, "sync_keys", lambda keys, **kw: (calls.append(set(keys)), real_sync(keys, **kw))
    )
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for i in range(100):
                Initiative.objects.create(hospital=hospital, article=article, name=f"举措{i}号")
    assert len(calls) == 1
    assert len([k for k in calls[0] if k.startswith("initiative:")]) == 100
    assert f"hospital:{hospital.pk}" in calls[0]
    assert search("举措57号", kind="initiative").total == 1


@pytest.mark.django_db(transaction=True)
def test_an_import_of_many_files_reindexes_once_per_batch(index_dir, monkeypatch, tmp_path):
    from articles.importer import import_paths
    from search import signals

    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(
            f"批次导入的第{i}篇\n\n本报讯 青杉县人民医院近日开展第{i}次义诊活动，服务群众三百余人。\n",
            encoding="utf-8",
        )
    index.rebuild(progress=False)
    calls = []
    real_sync = index.sync_keys
    monkeypatch.setattr(
        index, "sync_keys", lambda keys, **kw: (calls.append(set(keys)), real_sync(keys, **kw))
    )
    monkeypatch.setattr(signals, "BATCH_FILES", 2)
    report = import_paths([folder], jobs=1)
    assert report.ok, report.summary()
    # Files 1-2, 3-4, then the last one: three index writes for five committed files.
    assert len(calls) == 3
    assert sum(1 for keys in calls for k in keys if k.startswith("article:")) == 5
    assert search("批次导入的").total >= 5
    # Saves outside an import are indexed on their own commit again.
    calls.clear()
    make_article("导入之后", "单独保存的文章")
    assert len(calls) == 1 and search("单独保存").total == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_do_not_hit_lock_errors(index_dir):
    articles = [make_article(f"并发{i}", f"并发正文第{i}篇") for i in range(8)]
    index.rebuild(progress=False)
    errors = []

    def save(article):
        try:
            index.sync_keys({f"article:{article.pk}"})
        except Exception as exc:  # pragma: no cover - the assertion reports it
            errors.append(exc)
        finally:
            # The thread's own database connection: left open, it keeps PostgreSQL from
            # dropping the test database at the end of the run.
            connections.close_all()

    threads = [threading.Thread(target=save, args=(a,)) for a in articles]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert search("并发正文").total == 8


@pytest.mark.django_db
def test_searches_keep_answering_during_a_rebuild(index_dir, settings):
    from search.backends.whoosh import index as whoosh_index
    from search.backends.whoosh.reader import WhooshReader

    # Readers in another thread see only committed rows: the Whoosh folder's generations here.
    settings.SEARCH_BACKEND = "whoosh"
    for i in range(60):
        make_article(f"重建{i}", f"重建期间的正文{i}，医院照常检索。")
    index.rebuild(progress=False)
    index.index_status()  # cache the dictionary: the reader thread needs no database
    root = whoosh_index.index_root()
    stop = threading.Event()
    seen, errors = [], []

    def reader():
        from search import syntax

        parsed = syntax.parse("医院照常")
        try:
            while not stop.is_set():
                with whoosh_index.searcher(root) as s:
                    seen.append(query.execute(WhooshReader(s), parsed, per_page=5).total)
        except Exception as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            index.close_searchers()
            connections.close_all()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(3):
            index.rebuild(progress=False, procs=1)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert seen and set(seen) == {60}
    assert len(list(root.glob("gen-*"))) <= 2


@pytest.mark.django_db
def test_a_new_dictionary_word_re_segments_the_documents_that_hold_it(
    index_dir, django_capture_on_commit_callbacks
):
    from search import analysis

    article = make_article("义诊活动", "青禾山康复医院组织专家下乡义诊。")
    index.rebuild(progress=False)
    assert not index.index_status()["stale"]

    with django_capture_on_commit_callbacks(execute=True):
        Hospital.objects.create(name="青禾山康复医院", slug="qing-he-shan")

    status = index.index_status()
    assert not status["stale"], "an edit that adds a name keeps the index in step with the dictionary"
    assert "青禾山康复医院" in analysis.words(analysis.normalize(article.body))
    with index.reader() as r:
        # The hospital's own document and the article that was indexed before the name existed.
        _scores, held = r.term_scores("words", "青禾山康复医院", np.arange(r.doc_table().size))
        assert held.sum() == 2
    hits = search("青禾山康复医院").hits
    assert hits[0].kind == "hospital"
    assert article.get_absolute_url() in urls(search("青禾山康复医院"))
