"""Import article files into Article rows, one transaction per file.

Each file is read, decoded, cleaned into one or more ParsedArticle items and stored under
(source_file, part). `article_imported` is sent for every stored item inside the same
transaction, so whatever listens (fact extraction) commits or rolls back with the file.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from pypinyin import lazy_pinyin

from .cleaning import EmptyArticleError, parse_article
from .models import Article
from .signals import article_imported
from .text import UndecodableError, decode_bytes, has_chinese, html_to_text

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")


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


def _unique_slug(title, digest, part):
    base = slugify("-".join(lazy_pinyin(title)))[:60].strip("-") or "article"
    slug = f"{base}-{digest[:6]}" + (f"-{part}" if part else "")
    return slug


def _store(name, digest, raw, items, check=None):
    """Save parsed items of one file; returns (status, articles). Runs inside a transaction."""
    existing = {a.part: a for a in Article.objects.select_for_update().filter(source_file=name)}
    if check is not None:
        # Before the first write, under the lock: what it approves is what happens.
        check(sorted(existing), len(items))
    status = "updated" if existing else "created"
    articles = []
    # Shared by the items of one print page, so listeners can carry what the lead item
    # established (its subject hospital) to the short items after it.
    page_context = {}
    for part, parsed in enumerate(items):
        article = existing.pop(part, None) or Article(source_file=name, part=part)
        if not article.slug:
            article.slug = _unique_slug(parsed.title, digest, part)
        article.title = parsed.title[:300]
        article.subtitle = parsed.subtitle[:300]
        article.publication = parsed.publication[:100]
        article.published_on = parsed.published_on
        article.authors = parsed.authors
        article.sections = [{"heading": s.heading, "paragraphs": s.paragraphs} for s in parsed.sections]
        article.captions = parsed.captions
        article.body = parsed.body
        article.raw_text = raw
        article.content_hash = digest
        article.save()
        article_imported.send(sender=Article, article=article, parsed=parsed, page_context=page_context)
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


def _import(name, shown, read, force, check=None):
    try:
        raw = read()
        digest = content_hash(raw)
        current = list(Article.objects.filter(source_file=name).values_list("content_hash", flat=True))
        if not force and current and all(h == digest for h in current):
            return FileResult(shown, "unchanged", "内容未变")
        if not force and not current:
            twin = Article.objects.filter(content_hash=digest).exclude(source_file=name).first()
            if twin:
                return FileResult(shown, "unchanged", f"与已导入的 {twin.source_file} 内容相同")
        try:
            items = parse_article(raw)
        except EmptyArticleError as exc:
            raise ImportFileError(str(exc) or "没有找到正文") from exc
        with transaction.atomic():
            status, articles = _store(name, digest, raw, items, check)
        return FileResult(shown, status, f"{len(articles)} 篇", articles)
    except ImportFileError as exc:
        return FileResult(shown, "failed", str(exc))
    except IntegrityError:
        # Another import of the same file committed first; its result stands.
        return FileResult(shown, "unchanged", "同时有另一个导入写入了这个文件")
    except Exception as exc:  # one bad file must never stop the others
        logger.exception("import of %s failed", shown)
        return FileResult(shown, "failed", f"导入出错：{exc.__class__.__name__}: {exc}")


def import_paths(paths, *, force=False, progress=None):
    """Import every article file under `paths`; returns an ImportReport.

    `progress` wraps the file list (e.g. tqdm) for a progress bar.
    """
    report = ImportReport()
    files = collect_files(paths)
    iterator = progress(files) if progress else files
    for path, error in iterator:
        if error:
            report.results.append(FileResult(str(path), "failed", error))
        else:
            report.results.append(import_file(path, force=force))
    return report
