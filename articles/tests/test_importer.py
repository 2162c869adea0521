import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.importer import import_file, import_paths
from articles.models import Article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))

SHORT_ARTICLE = """四川省某某县人民医院：党建引领 服务为民

记者张三 通讯员李四

近年来，四川省某某县人民医院坚持以党建引领医院高质量发展，门诊患者满意度达到96.5%。

医院党委书记王五介绍，医院全面推行“双带头人”培育工程。
"""


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    return folder


def _snapshot():
    return sorted(Article.objects.values_list("source_file", "part", "content_hash", "title"))


@pytest.mark.django_db
def test_it_imports_every_seed_with_its_title(seeds):
    report = import_paths([seeds])
    assert report.ok, [r.message for r in report.results]
    assert report.count("created") == len(SEEDS)
    import json

    spec = json.loads((FIXTURES / "seed_expectations.json").read_text(encoding="utf-8"))
    for expected in spec["articles"]:
        feature = Article.objects.get(source_file=expected["file"], part=0)
        assert expected["title_contains"] in feature.title
        assert feature.raw_text == (seeds / expected["file"]).read_text(encoding="utf-8").replace(
            "\r\n", "\n"
        )
        assert feature.body and len(feature.content_hash) == 64


@pytest.mark.django_db
def test_reimporting_the_same_files_changes_nothing(seeds):
    import_paths([seeds])
    before = list(Article.objects.order_by("id").values("id", "slug", "updated_at"))
    report = import_paths([seeds])
    assert report.count("unchanged") == len(SEEDS)
    assert list(Article.objects.order_by("id").values("id", "slug", "updated_at")) == before


@pytest.mark.django_db
def test_the_same_text_under_another_name_is_recognised(seeds, tmp_path):
    import_paths([seeds])
    count = Article.objects.count()
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEEDS[0], copy)
    result = import_file(copy)
    assert result.status == "unchanged"
    assert SEEDS[0].name in result.message
    assert Article.objects.count() == count


@pytest.mark.django_db
def test_an_edited_file_updates_its_article_in_place(tmp_path):
    path = tmp_path / "feature.txt"
    path.write_text(SHORT_ARTICLE, encoding="utf-8")
    assert import_file(path).status == "created"
    article = Article.objects.get(source_file="feature.txt")
    path.write_text(SHORT_ARTICLE.replace("96.5%", "97.1%"), encoding="utf-8")
    assert import_file(path).status == "updated"
    updated = Article.objects.get(source_file="feature.txt")
    assert (updated.pk, updated.slug) == (article.pk, article.slug)
    assert "97.1%" in updated.body and "96.5%" not in updated.body


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_it_detects_the_encoding(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(SHORT_ARTICLE.encode(encoding))
    result = import_file(path)
    assert result.status == "created", result.message
    assert "满意度" in Article.objects.get(source_file=path.name).body


@pytest.mark.django_db
def test_html_is_stripped_to_text_and_scripts_dropped(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in SHORT_ARTICLE.splitlines() if line)
    path.write_text(
        f"<html><head><script>alert(1)</script></head><body>{body}</body></html>", encoding="utf-8"
    )
    assert import_file(path).status == "created"
    article = Article.objects.get(source_file="page.html")
    assert "alert" not in article.body and "<p>" not in article.body
    assert "满意度" in article.body


def _bad_files(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "undecodable.txt").write_bytes("医院".encode() + b"\xff\xfe\xfa\xfb" * 50 + b"\x81")
    (folder / "english.txt").write_text("Just some English text.\nNothing else here.", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    return {
        "empty.txt": ["空"],
        "binary.txt": ["二进制"],
        # Mostly invalid bytes either fail to decode or decode to something with no Chinese.
        "undecodable.txt": ["编码", "中文"],
        "english.txt": ["中文"],
        "huge.txt": ["太大"],
    }


@pytest.mark.django_db
def test_bad_files_fail_alone_with_a_reason_and_change_nothing(seeds, tmp_path):
    import_paths([seeds])
    before = _snapshot()
    bad = tmp_path / "bad"
    bad.mkdir()
    reasons = _bad_files(bad)
    report = import_paths([bad, seeds, tmp_path / "missing.txt"])
    by_name = {Path(r.path).name: r for r in report.results}
    for name, words in reasons.items():
        assert by_name[name].status == "failed"
        assert any(word in by_name[name].message for word in words), by_name[name].message
    assert by_name["missing.txt"].status == "failed" and "不存在" in by_name["missing.txt"].message
    assert report.count("unchanged") == len(SEEDS)
    assert _snapshot() == before


@pytest.mark.django_db
def test_the_command_prints_a_line_per_file_and_exits_1_on_failure(seeds, tmp_path, capsys):
    (seeds / "empty.txt").write_bytes(b"")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_articles", str(seeds))
    assert excinfo.value.returncode == 1
    out, err = capsys.readouterr()
    assert "empty.txt" in err and "空" in err
    assert out.count("新建") >= len(SEEDS)
    assert "失败 1" in out
    assert Article.objects.filter(part=0).count() == len(SEEDS)


@pytest.mark.django_db
def test_explain_prints_facts_and_stores_nothing(capsys):
    call_command("import_articles", str(SEEDS[0]), "--explain")
    out = capsys.readouterr().out
    assert SEEDS[0].name in out
    assert "%" in out
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_forced_import_of_the_same_text_under_another_name_is_stored_with_its_own_slug(tmp_path, capsys):
    for name in ("first.txt", "second.txt", "third.txt"):
        (tmp_path / name).write_text(SHORT_ARTICLE, encoding="utf-8")
    assert import_file(tmp_path / "first.txt").status == "created"
    result = import_file(tmp_path / "second.txt", force=True)
    assert result.status == "created", result.message
    call_command("import_articles", str(tmp_path / "third.txt"), "--force")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "新建 1 · 更新 0 · 未变 0 · 失败 0"
    slugs = list(Article.objects.order_by("source_file").values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 3
