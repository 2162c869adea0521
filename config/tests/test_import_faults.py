"""Bad files, edits and concurrent imports never lose or duplicate what is stored; a broken
search index never takes pages down."""

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from articles.importer import import_file, import_paths
from articles.models import Article
from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person
from search import index
from search.backends.whoosh import index as whoosh_index

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))

# Made up for these tests: a short feature in the house style of the seeds.
ARTICLE = """某某省某某县人民医院：党建引领 服务为民

记者张三 通讯员李四

近年来，某某省某某县人民医院坚持以党建引领医院高质量发展，门诊患者满意度达到96.5%。

医院党委书记王五介绍，医院全面推行“双带头人”培育工程，年门诊量超过50万人次。
"""

HTML_ARTICLE = (
    "<html><head><title>t</title><script>document.write('hf_injected')</script>"
    "<style>body{color:red}</style></head><body><h1>某某县中医医院开展便民服务</h1>"
    '<p onclick="hf_injected()">记者张三</p><p>某某县中医医院推行“先诊疗后付费”，患者满意度达到95%。</p>'
    "<script>alert('hf_injected')</script></body></html>"
)


def snapshot():
    """Everything the importer and extraction store, as comparable tuples."""
    return {
        "articles": sorted(Article.objects.values_list("source_file", "part", "content_hash", "title")),
        "hospitals": sorted(Hospital.objects.values_list("name", "province", "city")),
        "aliases": sorted(HospitalAlias.objects.values_list("hospital__name", "name")),
        "mentions": sorted(
            Mention.objects.values_list("article__source_file", "article__part", "hospital__name", "role")
        ),
        "people": sorted(Person.objects.values_list("hospital__name", "article__source_file", "name")),
        "initiatives": sorted(
            Initiative.objects.values_list("hospital__name", "article__source_file", "name")
        ),
        "metrics": sorted(
            Metric.objects.values_list("hospital__name", "article__source_file", "name", "value", "unit")
        ),
    }


def assert_no_duplicates(snap):
    keys = [(source, part) for source, part, *_ in snap["articles"]]
    assert len(keys) == len(set(keys)), "an article is stored twice"
    assert len(snap["hospitals"]) == len({h[0] for h in snap["hospitals"]})
    assert len(snap["mentions"]) == len(set(snap["mentions"]))


def assert_kept(before, after):
    """Nothing stored before is lost (rows may be added)."""
    for name, rows in before.items():
        missing = set(rows) - set(after[name])
        assert not missing, f"{name} lost: {sorted(missing)[:3]}"


@pytest.fixture
def isolated_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    index.invalidate_dictionary()
    yield tmp_path / "index"
    index.close_searchers()
    index.invalidate_dictionary()


@pytest.fixture
def stored(db, isolated_index, tmp_path):
    """One seed and one made-up article already imported."""
    folder = tmp_path / "stored"
    folder.mkdir()
    shutil.copy(SEEDS[1], folder / SEEDS[1].name)
    (folder / "made-up.txt").write_text(ARTICLE, encoding="utf-8")
    report = import_paths([folder])
    assert report.ok, report.summary()
    return snapshot()


def _sparse(path, size):
    with open(path, "wb") as fh:
        fh.write("某某县人民医院\n".encode())
        fh.truncate(size)


BAD_FILES = {
    "empty": lambda p: p.write_bytes(b""),
    "binary": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40),
    "undecodable": lambda p: p.write_bytes(bytes([0xFF, 0xFE, 0xFD, 0x81, 0x30, 0xC0, 0xAF]) * 500),
    "no chinese": lambda p: p.write_text(
        "Just some English text.\nNothing else here.\n" * 20, encoding="utf-8"
    ),
    "scripts only html": lambda p: p.write_text(
        "<html><script>alert('hf_injected')</script><style>x{}</style></html>", encoding="utf-8"
    ),
    "50 MB sparse": lambda p: _sparse(p, 50 * 1024 * 1024),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_fails_with_a_reason_and_changes_nothing(stored, tmp_path, kind):
    path = tmp_path / ("bad.html" if "html" in kind else "bad.txt")
    BAD_FILES[kind](path)
    result = import_file(path)
    assert result.status == "failed"
    assert result.message and "Traceback" not in result.message
    assert snapshot() == stored


def test_a_bad_file_among_good_ones_does_not_stop_the_folder(stored, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for kind, write in BAD_FILES.items():
        write(folder / f"{kind.replace(' ', '-')}.txt")
    (folder / "good.txt").write_text(
        ARTICLE.replace("96.5%", "91.2%").replace("某某县", "另一县"), encoding="utf-8"
    )
    report = import_paths([folder])
    assert report.count("failed") == len(BAD_FILES)
    assert report.count("created") == 1
    after = snapshot()
    assert_kept(stored, after)
    assert_no_duplicates(after)


def test_a_gbk_file_is_imported_like_its_utf8_twin(stored, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ARTICLE.replace("某某县", "某甲县").encode("gbk"))
    result = import_file(path)
    assert result.status == "created", result.message
    article = Article.objects.get(source_file="gbk.txt")
    assert article.title.startswith("某某省某甲县人民医院")
    assert "96.5%" in article.body
    after = snapshot()
    assert_kept(stored, after)
    assert_no_duplicates(after)


def test_an_html_file_keeps_its_text_and_drops_its_scripts(stored, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_ARTICLE, encoding="utf-8")
    result = import_file(path)
    assert result.status == "created", result.message
    article = Article.objects.get(source_file="page.html")
    assert "先诊疗后付费" in article.body
    stored_text = article.title + article.body + "".join(article.captions)
    assert (
        "hf_injected" not in stored_text and "<script" not in stored_text and "color:red" not in stored_text
    )
    assert_kept(stored, snapshot())


def test_a_file_edited_between_two_imports_is_updated_not_duplicated(stored, tmp_path):
    path = tmp_path / "stored" / "made-up.txt"
    article_ids = sorted(Article.objects.values_list("id", flat=True))
    hospitals = Hospital.objects.count()
    path.write_text(ARTICLE.replace("96.5%", "97.1%"), encoding="utf-8")
    assert import_file(path).status == "updated"
    after = snapshot()
    assert sorted(Article.objects.values_list("id", flat=True)) == article_ids
    assert Hospital.objects.count() == hospitals
    assert_no_duplicates(after)
    assert "97.1%" in Article.objects.get(source_file="made-up.txt").body
    values = {float(m[3]) for m in after["metrics"] if m[1] == "made-up.txt"}
    assert 96.5 not in values, "the old figure of an edited article must go"
    # The other article is untouched.
    seed_rows = {name: [r for r in rows if SEEDS[1].name in r] for name, rows in stored.items()}
    assert_kept(seed_rows, after)
    assert import_file(path).status == "unchanged"
    assert snapshot() == after


def _import_in_thread(folder, results, errors):
    try:
        results.append(import_paths([folder]))
    except Exception as exc:  # pragma: no cover - reported by the assertion below
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_folder_at_once_lose_and_duplicate_nothing(isolated_index, tmp_path):
    if connection.vendor == "sqlite":
        # The SQLite test database lives in shared-cache memory, where a second writer fails at
        # once ("table is locked") instead of waiting; the file database of a real site waits
        # (20 s timeout). The test below runs two processes on a SQLite file instead.
        pytest.skip("threads need a database server; see the two-process test for SQLite")
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    (folder / "made-up.txt").write_text(ARTICLE, encoding="utf-8")
    # One file is already stored; the other five arrive in both imports at once.
    assert import_file(folder / "made-up.txt").status == "created"
    before = snapshot()

    results, errors = [], []
    threads = [threading.Thread(target=_import_in_thread, args=(folder, results, errors)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert len(results) == 2
    failed = [(r.path, r.message) for report in results for r in report.results if r.status == "failed"]
    assert not failed, failed
    after = snapshot()
    assert_kept(before, after)
    assert_no_duplicates(after)
    assert {source for source, *_ in after["articles"]} == {p.name for p in folder.iterdir()}

    # Whatever the interleaving, the result is what one import alone stores.
    assert import_paths([folder]).count("unchanged") == len(SEEDS) + 1
    assert snapshot() == after
    Article.objects.all().delete()
    Hospital.objects.all().delete()
    import_paths([folder])
    alone = snapshot()
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in alone.items()
    }
    assert after["articles"] == alone["articles"]
    assert after["hospitals"] == alone["hospitals"]
    connection.close()


CHILD = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from articles.importer import import_paths
from config.tests.test_import_faults import snapshot
action, folder = sys.argv[1], sys.argv[2]
if action == "migrate":
    call_command("migrate", verbosity=0)
elif action == "import":
    report = import_paths([folder])
    print(json.dumps([[r.path, r.status, r.message] for r in report.results], ensure_ascii=False))
else:
    print(json.dumps(snapshot(), ensure_ascii=False, default=str))
"""


def _child(env, action, target, wait=True):
    args = [sys.executable, "-c", CHILD, action, str(target)]
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if not wait:
        return proc
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    return json.loads(out.strip().splitlines()[-1]) if action != "migrate" else None


def test_two_import_processes_on_one_sqlite_file_lose_and_duplicate_nothing(tmp_path):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
    )
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    first = tmp_path / "first"
    first.mkdir()
    (first / "made-up.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(first / "made-up.txt", folder / "made-up.txt")
    _child(env, "migrate", folder)
    _child(env, "import", first)
    before = _child(env, "snapshot", folder)

    procs = [_child(env, "import", folder, wait=False) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
    results = [row for out, _err in outputs for row in json.loads(out.strip().splitlines()[-1])]
    assert not [row for row in results if row[1] == "failed"], results
    after = _child(env, "snapshot", folder)
    after = {name: [tuple(row) for row in rows] for name, rows in after.items()}
    before = {name: [tuple(row) for row in rows] for name, rows in before.items()}
    assert_kept(before, after)
    assert_no_duplicates(after)
    assert {source for source, *_ in after["articles"]} == {p.name for p in folder.iterdir()}
    again = _child(env, "import", folder)
    assert {row[1] for row in again} == {"unchanged"}


def test_a_sqlite_file_database_logs_ahead_and_commits_without_waiting_for_the_disk(tmp_path):
    """One transaction per imported file: a commit that waits for the disk (~25 ms) caps imports."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}"
    )
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.split() == ["wal", "1"]  # 1 is NORMAL


# --- faults in the search index while the site runs -------------------------------------------


@pytest.fixture
def live_index(stored, isolated_index, client, settings):
    # Damaged index files: a Whoosh folder's faults (the postgres backend has no files).
    settings.SEARCH_BACKEND = "whoosh"
    index.rebuild(progress=False, procs=1)
    data = client.get("/api/search/", {"q": "医院"}).json()
    assert data["total"] > 0, data
    return isolated_index


PAGES = ["/", "/hospitals/", "/articles/", "/metrics/", "/initiatives/"]


def assert_search_explains(client, *, fresh_worker=True):
    """Pages serve; search answers 200, and a worker that opens the index anew says to rebuild it.

    A worker whose searcher was open before the damage may go on answering from the files it
    holds open; that is fine. A worker that opens the index after it, is what is checked.
    """
    for path in PAGES + ["/search/?q=医院", "/api/search/?q=医院"]:
        assert client.get(path, follow=True).status_code == 200, path
    if fresh_worker:
        index.close_searchers()
    data = client.get("/api/search/", {"q": "医院"}).json()
    message = data.get("message", "")
    assert data["total"] == 0 and ("rebuild_index" in message or "重建" in message), data
    page = client.get("/search/", {"q": "医院"})
    assert page.status_code == 200 and "rebuild_index" in page.content.decode()
    for path in PAGES:
        assert client.get(path, follow=True).status_code == 200, path


def test_a_deleted_index_folder_keeps_pages_up_and_search_says_to_rebuild(client, live_index):
    shutil.rmtree(live_index)
    assert_search_explains(client)


def test_a_corrupted_index_keeps_pages_up_and_search_says_to_rebuild(client, live_index):
    generation = whoosh_index.current_generation(live_index)
    for path in generation.iterdir():
        if path.is_file():
            # A new file under the old name (what a bad copy or restore leaves behind); overwriting
            # in place would also hit pages this process has memory-mapped, see the test below.
            path.unlink()
            path.write_bytes(b"\x00garbage\xff" * 64)
    assert_search_explains(client)


def test_an_index_missing_its_segment_files_keeps_search_answering(client, live_index):
    generation = whoosh_index.current_generation(live_index)
    for path in generation.iterdir():
        if path.suffix in (".seg", ".trm", ".pst", ".vps", ".fdt", ".fdi", ".pos"):
            path.unlink()
    assert_search_explains(client)


def test_a_current_pointer_to_nowhere_keeps_search_answering(client, live_index):
    (live_index / whoosh_index.CURRENT_FILE).write_text("gen-does-not-exist")
    assert_search_explains(client)


def test_rebuild_index_into_an_unwritable_folder_fails_with_a_clear_message(db, settings, tmp_path):
    # Tests run as root, which ignores permissions: a folder under a regular file can never be made.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.SEARCH_INDEX_DIR = blocker / "index"
    settings.SEARCH_BACKEND = "whoosh"
    with pytest.raises(CommandError) as excinfo:
        call_command("rebuild_index", "--no-progress")
    message = str(excinfo.value)
    assert str(blocker) in message or "index" in message.lower() or "索引" in message
    assert os.path.isfile(blocker)


OVERWRITE_CHILD = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from articles.importer import import_paths
from search import index
from search.backends.whoosh import index as whoosh_index
call_command("migrate", verbosity=0)
import_paths([sys.argv[1]])
index.rebuild(progress=False, procs=1)
client = Client(raise_request_exception=False)
before = client.get("/api/search/", {"q": "医院"}).status_code
for path in whoosh_index.current_generation(whoosh_index.index_root()).iterdir():
    if path.is_file():
        with open(path, "r+b") as fh:  # damaged in place: the bytes this worker has mapped change
            fh.truncate(16)
after = [client.get(p, {"q": "医院"}).status_code for p in ("/api/search/", "/search/", "/")]
print(json.dumps([before, *after]))
"""


def test_an_index_damaged_in_place_under_a_running_worker_does_not_kill_it(tmp_path):
    """A worker holding the index open must survive its files being truncated (no SIGBUS)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        SEARCH_BACKEND="whoosh",
    )
    proc = subprocess.run(
        [sys.executable, "-c", OVERWRITE_CHILD, str(SEEDS[1])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"worker died with status {proc.returncode}: {proc.stderr[-1500:]}"
    before, *after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert before == 200
    assert after == [200, 200, 200]
