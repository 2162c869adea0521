"""Importing with worker processes stores exactly what a one-process import stores."""

import os
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from articles import importer
from articles.benchcorpus import synthetic_articles
from articles.importer import import_paths
from articles.models import Article
from articles.signals import article_imported, article_parsed
from config.tests.test_import_faults import snapshot
from hospitals.models import Hospital, Mention

pytestmark = pytest.mark.django_db

# Made up for these tests: three hospitals, each named in every paragraph of its source, so
# that any recombination of paragraphs names one of them and most name several.
SOURCES = [
    SimpleNamespace(
        publication="江川日报",
        authors=["周明"],
        body="\n".join(
            [
                "江川市第一人民医院今年门诊量达到86万人次，比上年增长12%。",
                "江川市第一人民医院现有开放床位1350张，职工2100人。",
                "江川市第一人民医院院长陈立新说，医院将继续推进智慧医院建设。",
                "江川市第一人民医院患者满意度达到96.2%，连续三年位居全市前列。",
            ]
        ),
    ),
    SimpleNamespace(
        publication="北岭晚报",
        authors=["吴华", "郑丽"],
        body="\n".join(
            [
                "北岭县中医医院全年完成手术4200台次，其中四级手术680台次。",
                "北岭县中医医院党委书记林海介绍，医院建成了5个重点专科。",
                "北岭县中医医院与江川市第一人民医院组建了专科联盟，开展远程会诊300余次。",
                "北岭县中医医院出院患者达到2.3万人次，平均住院日降至7.8天。",
            ]
        ),
    ),
    SimpleNamespace(
        publication="",
        authors=[],
        body="\n".join(
            [
                "南湖区妇幼保健院去年接产新生儿5600人，孕产妇满意度达到98%。",
                "南湖区妇幼保健院院长许晴表示，将开设更多夜间门诊方便群众。",
                "南湖区妇幼保健院新增儿童保健门诊4个，服务儿童12万人次。",
            ]
        ),
    ),
]


def write_folder(folder, count=11, bad=True):
    folder.mkdir()
    for article in synthetic_articles(count, SOURCES, seed=3):
        (folder / f"{article.number:02d}.txt").write_text(article.file_text(), encoding="utf-8")
    if bad:
        (folder / "06-bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 20)
    return folder


@pytest.fixture
def processes():
    """Which process ran the pure step of each stored item (recorded through the import hooks)."""
    seen = []

    def mark(sender, prepared, **kwargs):
        prepared["test.pid"] = os.getpid()

    def record(sender, prepared, **kwargs):
        seen.append(prepared.get("test.pid"))

    article_parsed.connect(mark, dispatch_uid="test.mark")
    article_imported.connect(record, dispatch_uid="test.record")
    yield seen
    article_parsed.disconnect(dispatch_uid="test.mark")
    article_imported.disconnect(dispatch_uid="test.record")


def _clear():
    Article.objects.all().delete()
    Hospital.objects.all().delete()


def _rows(report):
    return [(os.path.basename(r.path), r.status, r.message) for r in report.results]


def test_workers_store_what_one_process_stores(tmp_path, processes):
    folder = write_folder(tmp_path / "files")
    serial = import_paths([folder], jobs=1)
    serial_rows = snapshot()
    assert set(processes) == {os.getpid()}
    _clear()
    processes.clear()

    parallel = import_paths([folder], jobs=2)

    assert _rows(parallel) == _rows(serial)
    assert snapshot() == serial_rows
    # The first file is imported here, to load what is loaded lazily before the workers fork.
    assert processes[0] == os.getpid()
    assert os.getpid() not in processes[1:], "the pure step of later files ran in this process"
    assert parallel.count("created") == 11 and parallel.count("failed") == 1
    failed = next(r for r in parallel.results if r.status == "failed")
    assert failed.path.endswith("06-bad.txt") and "二进制" in failed.message
    # Hospitals named in several files were matched across files, not created per worker.
    assert len(serial_rows["hospitals"]) == len({name for name, *_ in serial_rows["hospitals"]})
    busiest = max(Hospital.objects.all(), key=lambda h: Mention.objects.filter(hospital=h).count())
    assert Mention.objects.filter(hospital=busiest).count() >= 2


def test_the_command_with_jobs_reports_each_file_and_exits_1(tmp_path, capsys):
    folder = write_folder(tmp_path / "files")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_articles", str(folder), "--jobs", "2")
    assert excinfo.value.returncode == 1
    out, err = capsys.readouterr()
    assert "06-bad.txt" in err and err.startswith("失败")
    assert out.count("新建  ") == 11
    assert out.strip().splitlines()[-1] == "新建 11 · 更新 0 · 未变 0 · 失败 1"


def test_jobs_below_one_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), "--jobs", "0")


def test_unchanged_files_are_not_cleaned_again_by_workers(tmp_path):
    folder = write_folder(tmp_path / "files", bad=False)
    import_paths([folder], jobs=2)
    before = snapshot()
    # Receivers run in the workers: they leave a mark in a file this process can read.
    marks = tmp_path / "parsed.log"

    def mark(sender, parsed, **kwargs):
        with open(marks, "a", encoding="utf-8") as fh:
            fh.write(parsed.title + "\n")

    article_parsed.connect(mark, dispatch_uid="test.parsed-log")
    try:
        report = import_paths([folder], jobs=2)
    finally:
        article_parsed.disconnect(dispatch_uid="test.parsed-log")
    assert report.count("unchanged") == 11
    assert snapshot() == before
    assert not marks.exists(), "an unchanged file was cleaned and extracted again"


def test_a_file_stored_anew_after_the_workers_got_its_hash_is_still_imported(tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "files", bad=False)
    import_paths([folder], jobs=2)
    digest = Article.objects.get(source_file="03.txt").content_hash
    real = importer._stored_hashes_by_name

    def hashes_then_another_import(names):
        # The workers learn the hashes stored now; then another import changes 03.txt's row.
        found = real(names)
        Article.objects.filter(source_file="03.txt").update(content_hash="0" * 64)
        return found

    monkeypatch.setattr(importer, "_stored_hashes_by_name", hashes_then_another_import)
    report = import_paths([folder], jobs=2)
    statuses = {os.path.basename(r.path): r.status for r in report.results}
    assert statuses.pop("03.txt") == "updated"
    assert set(statuses.values()) == {"unchanged"}
    assert Article.objects.get(source_file="03.txt").content_hash == digest


def test_a_handful_of_files_is_imported_in_this_process(tmp_path, processes):
    folder = write_folder(tmp_path / "files", count=importer.PARALLEL_MIN_FILES - 1, bad=False)
    report = import_paths([folder], jobs=2)
    assert report.count("created") == importer.PARALLEL_MIN_FILES - 1
    assert set(processes) == {os.getpid()}


def _dies_on_file_five(task):
    if task[0].endswith("05.txt"):
        os._exit(1)
    return _real_read_and_parse(task)


_real_read_and_parse = importer._read_and_parse


def test_a_worker_that_dies_leaves_the_rest_to_this_process(tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "files")
    monkeypatch.setattr(importer, "_read_and_parse", _dies_on_file_five)
    report = import_paths([folder], jobs=2)
    assert len(report.results) == 12
    assert report.count("created") == 11 and report.count("failed") == 1
    assert Article.objects.filter(source_file="05.txt").exists()


def _unpicklable_for_file_seven(task):
    if task[0].endswith("07.txt"):
        return lambda: None  # a worker result that cannot travel back
    return _real_read_and_parse(task)


def test_a_result_that_cannot_come_back_from_a_worker_fails_that_file_alone(tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "files", bad=False)
    monkeypatch.setattr(importer, "_read_and_parse", _unpicklable_for_file_seven)
    report = import_paths([folder], jobs=2)
    failed = [r for r in report.results if r.status == "failed"]
    assert [os.path.basename(r.path) for r in failed] == ["07.txt"]
    assert "导入出错" in failed[0].message
    assert report.count("created") == 10
