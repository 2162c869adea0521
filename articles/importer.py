"""Import article files into Article rows, one transaction per file.

Each file is read, decoded, cleaned into one or more ParsedArticle items and stored under
(source_file, part). The pure steps (decoding, cleaning, and the work `article_parsed`
receivers do: fact extraction) may run in worker processes, one per core; the parent stores
the files one by one, in their order, each in its own transaction, so hospitals are matched
across files exactly as a one-process import matches them. `article_imported` is sent for
every stored item inside that transaction, so whatever listens commits or rolls back with
the file.
"""

import hashlib
import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from .cleaning import EmptyArticleError, parse_article
from .models import Article
from .signals import (
    article_explained,
    article_imported,
    article_parsed,
    import_batch_finished,
    import_batch_started,
)
from .slugs import free_slug, slug_base
from .text import UndecodableError, decode_bytes, has_chinese, html_to_text

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
# Files read ahead of the one being stored, per worker: workers stay busy while the parent
# writes, and a big folder's parse results are never all held in memory at once.
READ_AHEAD_PER_JOB = 4
# Stored hashes are looked up this many file names per query (SQLite limits parameters).
_HASH_LOOKUP_BATCH = 500


class ImportFileError(Exception):
    """A file that cannot become an article; the message says why, in a sentence."""


@dataclass
class FileResult:
    path: str
    status: str  # created / updated / unchanged / failed
    message: str = ""
    articles: list = field(default_factory=list)


# How each FileResult.status reads to a person (the import command, the admin's import page).
STATUS_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "failed": "失败"}


@dataclass
class ImportReport:
    results: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self):
        return self.count("failed") == 0

    def summary(self):
        return "新建 {} · 更新 {} · 未变 {} · 失败 {}".format(
            self.count("created"), self.count("updated"), self.count("unchanged"), self.count("failed")
        )


def collect_files(paths):
    """Expand files and folders into (path, error) pairs in a stable order."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            found.extend((p, None) for p in files)
        elif path.is_file():
            found.append((path, None))
        else:
            found.append((path, "文件不存在"))
    return found


def read_text(path, max_bytes=None):
    """Read a file as article text; raise ImportFileError with a clear reason."""
    max_bytes = max_bytes or settings.ARTICLE_MAX_BYTES
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError("文件是空的")
    if size > max_bytes:
        raise ImportFileError(
            f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB）"
        )
    return bytes_to_text(path.read_bytes(), path.name, max_bytes)


def bytes_to_text(data, name="", max_bytes=None):
    """Decode an article's bytes (a file or an upload) as read_text does; raise ImportFileError."""
    max_bytes = max_bytes or settings.ARTICLE_MAX_BYTES
    if not data:
        raise ImportFileError("文件是空的")
    if len(data) > max_bytes:
        raise ImportFileError(
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB）"
        )
    try:
        text = decode_bytes(data)
    except UndecodableError as exc:
        raise ImportFileError(str(exc)) from exc
    return _checked_text(text, name)


def _checked_text(text, name):
    if Path(name).suffix.lower() in (".html", ".htm") or text.lstrip()[:1] == "<":
        text = html_to_text(text)
    if not text.strip():
        raise ImportFileError("文件没有文字内容")
    if not has_chinese(text):
        raise ImportFileError("文件里没有中文内容")
    return text


def content_hash(text):
    normalised = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass
class _Parsed:
    """One file after the steps that need no database; picklable, so a worker can send it back.

    `items` is None when the worker skipped cleaning because the text looked unchanged.
    """

    raw: str
    digest: str
    items: list | None = None
    prepared: list | None = None  # one dict per item, filled by `article_parsed` receivers
    slug_bases: list | None = None  # pinyin of each item's title (slow enough to do in a worker)


def _parse(raw, digest):
    """Clean `raw` into items and let `article_parsed` receivers do their pure work on each."""
    try:
        items = parse_article(raw)
    except EmptyArticleError as exc:
        raise ImportFileError(str(exc) or "没有找到正文") from exc
    page_context = {}
    prepared = []
    for parsed in items:
        extra = {}
        article_parsed.send(sender=Article, parsed=parsed, page_context=page_context, prepared=extra)
        prepared.append(extra)
    slug_bases = [slug_base(parsed.title, max_length=60) for parsed in items]
    return _Parsed(raw, digest, items, prepared, slug_bases)


def _article_slug(base, digest, part):
    # The hash keeps slugs of different texts with one title apart without a counter.
    suffix = f"-{digest[:6]}" + (f"-{part}" if part else "")
    return free_slug(Article, (base or "article") + suffix)


def _store(name, parsed, check=None):
    """Save the parsed items of one file; returns (status, articles). Runs inside a transaction."""
    existing = {a.part: a for a in Article.objects.select_for_update().filter(source_file=name)}
    if check is not None:
        # Before the first write, under the lock: what it approves is what happens.
        check(sorted(existing), len(parsed.items))
    status = "updated" if existing else "created"
    articles = []
    # Shared by the items of one print page, so listeners can carry what the lead item
    # established (its subject hospital) to the short items after it.
    page_context = {}
    for part, (item, prepared) in enumerate(zip(parsed.items, parsed.prepared, strict=True)):
        article = existing.pop(part, None) or Article(source_file=name, part=part)
        if not article.slug:
            article.slug = _article_slug(parsed.slug_bases[part], parsed.digest, part)
        article.title = item.title[:300]
        article.subtitle = item.subtitle[:300]
        article.publication = item.publication[:100]
        article.published_on = item.published_on
        article.authors = item.authors
        article.sections = [{"heading": s.heading, "paragraphs": s.paragraphs} for s in item.sections]
        article.captions = item.captions
        article.body = item.body
        article.raw_text = parsed.raw
        article.content_hash = parsed.digest
        article.save()
        article_imported.send(
            sender=Article, article=article, parsed=item, page_context=page_context, prepared=prepared
        )
        articles.append(article)
    for leftover in existing.values():
        leftover.delete()
    return status, articles


def import_file(path, *, force=False):
    """Import one file. Never raises for bad input: the result says what happened and why."""
    path = Path(path)
    return _import(path.name, str(path), lambda: read_text(path), force)


def import_text(name, text, *, force=False, check=None):
    """Import article text given as a string (pasted in the admin) under the file name `name`.

    Runs the same pipeline as `import_file` (cleaning, extraction, unchanged/duplicate checks):
    a `name` already imported is updated in place. Never raises for bad input; returns a FileResult.
    `check(existing_parts, new_part_count)` is called before anything is written; raising
    ImportFileError there refuses the import with that message (the admin's permission check).
    """
    name = Path(name or "").name[:255]
    if not name:
        return FileResult("", "failed", "缺少文件名")
    # Pasted text is HTML only if it looks like HTML, whatever the name says.
    return _import(name, name, lambda: _checked_text(text or "", ""), force, check)


def import_upload(name, data, *, force=False, check=None):
    """Import an uploaded file's bytes under its file name; like `import_text`, returns a FileResult."""
    name = Path(name or "").name[:255]
    if not name:
        return FileResult("", "failed", "缺少文件名")
    return _import(name, name, lambda: bytes_to_text(data, name), force, check)


def _guarded(shown, step):
    """Run one file's `step`; turn every failure into that file's FileResult."""
    try:
        return step()
    except ImportFileError as exc:
        return FileResult(shown, "failed", str(exc))
    except IntegrityError:
        # Another import of the same file committed first; its result stands.
        return FileResult(shown, "unchanged", "同时有另一个导入写入了这个文件")
    except Exception as exc:  # one bad file must never stop the others
        logger.exception("import of %s failed", shown)
        return FileResult(shown, "failed", f"导入出错：{exc.__class__.__name__}: {exc}")


def _stored_hashes(name):
    return list(Article.objects.filter(source_file=name).values_list("content_hash", flat=True))


def _skip_reason(name, digest, force):
    """Why the file with this text needs no import (unchanged, or stored under another name)."""
    if force:
        return None
    current = _stored_hashes(name)
    if current and all(h == digest for h in current):
        return "内容未变"
    if not current:
        twin = Article.objects.filter(content_hash=digest).exclude(source_file=name).first()
        if twin:
            return f"与已导入的 {twin.source_file} 内容相同"
    return None


def _save(name, shown, parsed, force, check=None):
    """Store one parsed file in its own transaction (the parent's half of an import)."""
    reason = _skip_reason(name, parsed.digest, force)
    if reason:
        return FileResult(shown, "unchanged", reason)
    if parsed.items is None:
        # A worker saw a stored hash and skipped cleaning, but the stored file has changed since.
        parsed = _parse(parsed.raw, parsed.digest)
    with transaction.atomic():
        status, articles = _store(name, parsed, check)
    return FileResult(shown, status, f"{len(articles)} 篇", articles)


def _import(name, shown, read, force, check=None):
    def step():
        raw = read()
        digest = content_hash(raw)
        reason = _skip_reason(name, digest, force)
        if reason:
            return FileResult(shown, "unchanged", reason)
        return _save(name, shown, _parse(raw, digest), force=True, check=check)

    return _guarded(shown, step)


def _read_and_parse(task):
    """Worker process entry: (path, stored hashes, force) → _Parsed or a failed FileResult.

    Touches no database; the parent re-checks what the stored hashes suggested.
    """
    path, known, force = task

    def step():
        raw = read_text(Path(path))
        digest = content_hash(raw)
        if not force and known and all(h == digest for h in known):
            return _Parsed(raw, digest)
        return _parse(raw, digest)

    return _guarded(path, step)


def _worker_init():
    import django
    from django.apps import apps

    if not apps.ready:  # a spawned worker (where fork is unavailable) starts from scratch
        django.setup()


def _stored_hashes_by_name(names):
    found = {}
    names = sorted(set(names))
    for start in range(0, len(names), _HASH_LOOKUP_BATCH):
        batch = names[start : start + _HASH_LOOKUP_BATCH]
        rows = Article.objects.filter(source_file__in=batch).values_list("source_file", "content_hash")
        for name, digest in rows:
            found.setdefault(name, []).append(digest)
    return found


def default_jobs():
    """Worker processes an import uses unless told otherwise: one per core."""
    return os.cpu_count() or 1


def _start_workers(jobs):
    # Forked workers inherit the loaded apps, settings, signal receivers and whatever the first
    # file's import loaded; spawn is the fallback where fork is unavailable.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context(method), initializer=_worker_init
    )


def _import_in_workers(files, jobs, force, progress):
    """A FileResult per file, in order: `jobs` workers read, clean and extract, this process stores.

    The first file is imported here before the workers start, so what its import loads lazily
    (tokenizers, dictionaries) is loaded once and shared with the forked workers. If a worker
    dies (killed for memory, say), the files not yet stored are imported here as well.
    """
    readable = [path for path, error in files if not error]
    known = _stored_hashes_by_name(path.name for path in readable)
    tasks = iter(readable[1:])
    pending = deque()
    pool = None
    broken = False

    def submit_ahead():
        for path in tasks:
            pending.append(pool.submit(_read_and_parse, (str(path), known.get(path.name), force)))
            if len(pending) >= jobs * READ_AHEAD_PER_JOB:
                break

    results = []
    try:
        for path, error in progress(files) if progress else files:
            if error:
                results.append(FileResult(str(path), "failed", error))
                continue
            if pool is None or broken:
                results.append(import_file(path, force=force))
                if pool is None:
                    pool = _start_workers(jobs)
                    submit_ahead()
                continue
            try:
                outcome = pending.popleft().result()
                submit_ahead()
            except BrokenProcessPool:
                logger.error("an import worker died; importing the remaining files in one process")
                broken = True
                results.append(import_file(path, force=force))
                continue
            except Exception as exc:  # e.g. a result that cannot be pickled: this file fails alone
                logger.exception("import of %s failed in a worker", path)
                outcome = FileResult(str(path), "failed", f"导入出错：{exc.__class__.__name__}: {exc}")
                submit_ahead()
            if isinstance(outcome, FileResult):
                results.append(outcome)
            else:
                results.append(_guarded(str(path), partial(_save, path.name, str(path), outcome, force)))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return results


def import_paths(paths, *, force=False, progress=None, jobs=None):
    """Import every article file under `paths`; returns an ImportReport.

    `progress` wraps the file list (e.g. tqdm) for a progress bar. `jobs` worker processes
    (default: one per core) decode, clean and extract; this process stores each file in its
    own transaction, in order. A handful of files, or `jobs=1`, runs in this process alone.
    """
    report = ImportReport()
    files = collect_files(paths)
    jobs = max(1, jobs or default_jobs())
    readable = sum(1 for _path, error in files if not error)
    import_batch_started.send(sender=Article, files=len(files))
    try:
        if jobs > 1 and readable >= PARALLEL_MIN_FILES:
            report.results.extend(_import_in_workers(files, min(jobs, readable), force, progress))
            return report
        iterator = progress(files) if progress else files
        for path, error in iterator:
            if error:
                report.results.append(FileResult(str(path), "failed", error))
            else:
                report.results.append(import_file(path, force=force))
        return report
    finally:
        import_batch_finished.send(sender=Article, files=len(files))


def explain_paths(paths):
    """[(path, error or None, [(ParsedArticle, [line])])] for `import_articles --explain`.

    Cleans each file and asks `article_explained` receivers what they would store; stores nothing.
    """
    out = []
    for raw in paths:
        path = Path(raw)
        try:
            items = parse_article(read_text(path))
        except (OSError, ImportFileError, EmptyArticleError) as exc:
            out.append((path, exc, []))
            continue
        page_context = {}
        explained = []
        for parsed in items:
            lines = []
            for _receiver, response in article_explained.send(
                sender=Article, parsed=parsed, page_context=page_context
            ):
                lines.extend(response or [])
            explained.append((parsed, lines))
        out.append((path, None, explained))
    return out
