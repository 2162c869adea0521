import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.benchcorpus import synthetic_articles
from articles.cleaning import parse_article
from articles.management.commands.bench_import import write_corpus


def test_the_benchmark_refuses_to_fill_anything_but_its_throwaway_folder(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("bench_import", articles=1, in_throwaway=str(tmp_path))


def test_the_corpus_files_clean_back_into_their_title_and_paragraphs(tmp_path, settings):
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    assert write_corpus(5, tmp_path / "files", fixtures) == 5
    sources = [item for path in sorted(fixtures.glob("*.txt")) for item in parse_article(path.read_text())]
    for article in synthetic_articles(5, sources):
        text = (tmp_path / "files" / f"{article.number:05d}.txt").read_text(encoding="utf-8")
        assert text == article.file_text()
        (item, *_rest) = parse_article(text)
        assert item.published_on == article.published_on
        assert article.paragraphs[-1][:20] in item.body


def test_it_reports_each_jobs_value_with_the_same_rows(capsys):
    call_command("bench_import", articles=9, jobs=[1, 2])
    report = json.loads(capsys.readouterr().out)
    assert [run["jobs"] for run in report["runs"]] == [1, 2]
    assert all(run["summary"] == "新建 9 · 更新 0 · 未变 0 · 失败 0" for run in report["runs"])
    assert report["same_rows"] is True and report["runs"][0]["rows"]["article"] == 9
    one, two = report["runs"]
    assert one["cpu_seconds"]["workers"] == 0 and two["cpu_seconds"]["workers"] > 0
