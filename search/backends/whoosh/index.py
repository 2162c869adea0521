"""The Whoosh backend (SEARCH_BACKEND=whoosh): schema, where the index lives, rebuilding it
and keeping it fresh.

Layout of settings.SEARCH_INDEX_DIR:

    CURRENT            name of the generation readers use (replaced atomically)
    gen-<stamp>/       one complete Whoosh index plus search_meta.json
    write.lock         flock held by whoever writes (one writer at a time, across processes)
    rebuilding         present while `rebuild` builds a new generation
    pending.keys       documents changed during a rebuild, replayed into the new generation

Readers open the generation CURRENT names and never see a half-written one: Whoosh commits
segments atomically, and a rebuild writes a separate directory and swaps the pointer.
"""

import fcntl
import gc
import json
import logging
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings
from whoosh import columns, fields, formats
from whoosh import index as whoosh_index
from whoosh.analysis import IDTokenizer
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from ... import analysis, dictionary, status
from ... import fields as doc_fields
from ...fields import encode_meta, literal_postings
from .packed import PackedCodec, PackedPositions

META_FILE = "search_meta.json"
DICTIONARY_FILE = "dictionary.json"
CURRENT_FILE = "CURRENT"
LOCK_FILE = "write.lock"
REBUILD_MARKER = "rebuilding"
PENDING_FILE = "pending.keys"

logger = logging.getLogger(__name__)


class LiteralField(fields.FieldType):
    """Characters and character bigrams of the compact text, numbered in order.

    Positions are sequential (not character offsets of overlapping words), so a phrase of
    bigrams matches exactly the literal substring.
    """

    def __init__(self):
        super().__init__(PackedPositions(), IDTokenizer(), scorable=True)

    def code_points(self, value):
        """The compact text as an array of code points (what BulkSegmentWriter indexes)."""
        return doc_fields.code_points(value)

    def index(self, value, **kwargs):
        text = analysis.compact(analysis.normalize(value))
        encode = self.format.encode
        for term, positions in analysis.char_postings(text).items():
            freq = len(positions)
            # Most pairs occur once per record: their (constant) encodings are cached.
            value_bytes = _one_position(positions[0], type(self.format)) if freq == 1 else encode(positions)
            yield term.encode("utf-8"), freq, float(freq), value_bytes


@lru_cache(maxsize=65536)
def _one_position(position, format_class=PackedPositions):
    # An index written before PackedPositions keeps its own format until rebuilt.
    return format_class().encode([position])


class WordsField(fields.FieldType):
    """jieba words (user dictionary loaded), frequencies only: used for ranking, not matching."""

    def __init__(self):
        super().__init__(formats.Frequency(), IDTokenizer(), scorable=True)

    def index(self, value, **kwargs):
        for word, freq in analysis.word_frequencies(analysis.normalize(value)).items():
            yield word.encode("utf-8"), freq, float(freq), pack_uint(freq)


def make_schema():
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        kind=fields.ID(stored=True),
        title=fields.STORED(),
        url=fields.STORED(),
        text=fields.STORED(),
        date=fields.STORED(),
        province=fields.STORED(),
        hospital=fields.STORED(),
        category=fields.STORED(),
        names=fields.STORED(),
        bigrams=LiteralField(),
        title_bi=LiteralField(),
        names_bi=LiteralField(),
        name_exact=fields.KEYWORD(commas=True, lowercase=False),
        words=WordsField(),
        meta=fields.COLUMN(columns.VarBytesColumn()),
    )


def whoosh_fields(doc):
    """The Whoosh field values of a Document (see search.fields)."""
    return {
        **doc_fields.stored(doc),
        **doc_fields.literal_values(doc),
        "name_exact": ",".join(doc_fields.exact_names(doc)),
        "words": doc_fields.words_value(doc),
        "meta": encode_meta(doc),
    }


# --- where the index lives -------------------------------------------------------------------


def index_root(path=None):
    return Path(path) if path is not None else Path(settings.SEARCH_INDEX_DIR)


def location():
    return str(index_root())


def current_generation(root):
    try:
        name = (root / CURRENT_FILE).read_text().strip()
    except OSError:
        return None
    gen = root / name
    return gen if name and gen.is_dir() else None


def read_meta(gen):
    try:
        return json.loads((gen / META_FILE).read_text())
    except (OSError, ValueError):
        return {}


_write_thread_lock = threading.Lock()


@contextmanager
def write_lock(root):
    """One writer at a time: a thread lock plus flock for other processes."""
    root.mkdir(parents=True, exist_ok=True)
    with _write_thread_lock:
        with open(root / LOCK_FILE, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _rebuild_running(root):
    try:
        pid = int((root / REBUILD_MARKER).read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- reading ---------------------------------------------------------------------------------

_local = threading.local()


@contextmanager
def searcher(path=None):
    """A Whoosh searcher on the current generation, reused per thread and refreshed when needed.

    Yields None when there is no index.
    """
    root = index_root(path)
    gen = current_generation(root)
    if gen is None:
        yield None
        return
    cache = getattr(_local, "searchers", None)
    if cache is None:
        cache = _local.searchers = {}
    cached = cache.get(str(root))
    try:
        if cached and cached[0] == gen:
            s = cached[1]
            if not s.up_to_date():
                s = s.refresh()
        else:
            if cached:
                cached[1].close()
            s = _open(gen).searcher()
    except Exception:
        # A deleted or corrupted index must not take pages down: callers treat it as missing
        # and tell the reader to rebuild.
        logger.warning("search index at %s cannot be opened", gen, exc_info=True)
        cache.pop(str(root), None)
        yield None
        return
    cache[str(root)] = (gen, s)
    yield s


def _open(gen):
    # No memory maps: if index files are damaged or truncated under a running worker, a read
    # must fail with an exception that search() turns into a message, not kill it with SIGBUS.
    return FileStorage(str(gen), supports_mmap=False).open_index()


def close_searchers():
    for _gen, s in getattr(_local, "searchers", {}).values():
        s.close()
    _local.searchers = {}


@contextmanager
def reader(path=None):
    """The engine's Reader on the current generation (see search.query), or None without one."""
    from .reader import WhooshReader

    with searcher(path) as s:
        if s is None:
            yield None
            return
        meta = read_meta(current_generation(index_root(path)))
        yield WhooshReader(
            s, stale=status.is_stale(meta.get("analyzer_version"), meta.get("dictionary_version"))
        )


# --- status ----------------------------------------------------------------------------------


def _recorded_words(gen):
    """The user dictionary a generation was segmented with, or None when it was not recorded."""
    try:
        return set(json.loads((gen / DICTIONARY_FILE).read_text()))
    except (OSError, ValueError):
        return None


def _record_dictionary(gen, words, version):
    (gen / DICTIONARY_FILE).write_text(json.dumps(sorted(words), ensure_ascii=False))
    meta = read_meta(gen)
    meta["dictionary_version"] = version
    (gen / META_FILE).write_text(json.dumps(meta))


def _keys_containing(gen, words):
    """Keys of the documents of `gen` whose text holds any of these words literally."""
    from .reader import WhooshReader

    with _open(gen).searcher() as s:
        return dictionary.keys_holding(WhooshReader(s), words)


def index_status(path=None):
    """Whether the index exists and matches the running analyser and user dictionary."""
    root = index_root(path)
    gen = current_generation(root)
    if gen is None:
        return status.status(path=str(root), exists=False, rebuilding=_rebuild_running(root))
    meta = read_meta(gen)
    with searcher(root) as s:
        doc_count = s.doc_count() if s is not None else 0
    return status.status(
        path=str(gen),
        exists=True,
        rebuilding=_rebuild_running(root),
        doc_count=doc_count,
        analyzer_version=meta.get("analyzer_version"),
        dictionary_version=meta.get("dictionary_version"),
        built_at=meta.get("built_at"),
    )


# --- writing ---------------------------------------------------------------------------------


class BulkSegmentWriter(SegmentWriter):
    """A SegmentWriter for filling a fresh segment in one go, several times faster.

    Whoosh's writer pushes every posting through a generic external sort as a tuple, then
    looks each posting's field length up again in the column it just wrote. Here the literal
    fields (most of the postings) keep each document's compact text as an array of code
    points, and at commit one stable sort of all their (pair, document, position) rows
    yields every term's postings in order (see fields.literal_postings); other fields' postings
    go straight into per-term lists. The files written are the ordinary Whoosh codec's; only
    the way to them is shorter. Supports add_document (no boosts, vectors or spelling
    fields: our schema has none).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self._terms = {}  # fieldname -> {term bytes: [(docnum, weight, value bytes)]}
        self._literal = {}  # fieldname -> ([docnum], [code point arrays])
        self._lengths = {}  # fieldname -> {docnum: length}

    def add_document(self, **values):
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        perdoc.start_doc(docnum)
        for fieldname in sorted(values):
            value = values[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if isinstance(field, LiteralField):
                codes = field.code_points(value)
                if len(codes):
                    docs, arrays = self._literal.setdefault(fieldname, ([], []))
                    docs.append(docnum)
                    arrays.append(codes)
                    # One posting position per character (see analysis.char_postings).
                    length = len(codes)
                    self._lengths.setdefault(fieldname, {})[docnum] = length
            elif field.indexed:
                terms = self._terms.setdefault(fieldname, {})
                for tbytes, freq, weight, vbytes in field.index(value):
                    postings = terms.get(tbytes)
                    if postings is None:
                        terms[tbytes] = [(docnum, weight, vbytes)]
                    else:
                        postings.append((docnum, weight, vbytes))
                    length += freq
                if not field.scorable:
                    length = 0
                elif length:
                    self._lengths.setdefault(fieldname, {})[docnum] = length
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        fw = self.fieldwriter
        for fieldname in sorted(set(self._terms) | set(self._literal)):
            lengths = self._lengths.get(fieldname, {})
            fw.start_field(fieldname, self.schema[fieldname])
            if fieldname in self._literal:
                by_doc = np.zeros(self.docnum + 1, dtype=np.int64)
                by_doc[np.fromiter(lengths, dtype=np.int64)] = np.fromiter(lengths.values(), dtype=np.int64)
                for tbytes, ids, freqs, positions in literal_postings(*self._literal[fieldname]):
                    fw.start_term(tbytes)
                    fw._postwriter.write_term(ids, freqs, positions, by_doc)
                    fw.finish_term()
            else:
                terms = self._terms[fieldname]
                for tbytes in sorted(terms):
                    fw.start_term(tbytes)
                    ids, weights, values = zip(*terms[tbytes], strict=True)
                    _add_postings(fw._postwriter, ids, weights, values, lengths)
                    fw.finish_term()
            fw.finish_field()
        fw.close()
        self._terms = self._literal = self._lengths = None


def _add_postings(pw, ids, weights, values, lengths):
    """What W3PostingsWriter.add_posting does one posting at a time, a block at a time."""
    limit = pw._blocklimit
    for start in range(0, len(ids), limit):
        if len(pw._ids) >= limit:
            pw._write_block()
        block_ids = ids[start : start + limit]
        block_weights = weights[start : start + limit]
        pw._ids.extend(block_ids)
        pw._weights.extend(block_weights)
        pw._values.extend(v for v in values[start : start + limit] if v)
        pw._maxweight = max(pw._maxweight, *block_weights)
        found = [n for n in map(lengths.get, block_ids) if n]
        if found:
            low, high = min(found), max(found)
            if pw._minlength is None or low < pw._minlength:
                pw._minlength = low
            pw._maxlength = max(pw._maxlength, high)


def _write_part(part_dir, documents, counter=None):
    """Index `documents` into a fresh Whoosh index at part_dir (one process, one segment)."""
    if counter is not None:
        # A forked worker that exits when done: its millions of posting tuples hold no
        # cycles, and the collector would only rescan them over and over.
        gc.disable()
    part_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(part_dir), make_schema())
    writer = BulkSegmentWriter(ix, codec=PackedCodec())
    try:
        for n, doc in enumerate(documents, 1):
            writer.add_document(**whoosh_fields(doc))
            if counter is not None and n % 20 == 0:
                with counter.get_lock():
                    counter.value += 20
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return len(documents)


def _adopt_parts(gen, parts):
    """Make the segments written in `parts` the segments of the index at `gen`, without copying.

    Whoosh keeps the list of segments in its TOC; segment files carry unique ids, so they can
    move between index folders of the same schema.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    target = FileStorage(str(gen))
    toc = TOC.read(target, whoosh_index._DEF_INDEX_NAME)
    segments = list(toc.segments)
    for part in parts:
        part_toc = TOC.read(FileStorage(str(part)), whoosh_index._DEF_INDEX_NAME)
        for segment in part_toc.segments:
            prefix = segment.segment_id() + "."
            for name in os.listdir(part):
                if name.startswith(prefix):
                    os.replace(part / name, gen / name)
            segments.append(segment)
    TOC(toc.schema, segments, toc.generation + 1).write(target, whoosh_index._DEF_INDEX_NAME)
    for part in parts:
        shutil.rmtree(part, ignore_errors=True)


def build_generation(gen, documents, *, dictionary_version, procs=2, total=None, progress=False):
    """Write `documents` into a new Whoosh index at `gen`; returns the number written.

    With procs > 1 the documents are split between forked workers that each write a complete
    segment (analysis *and* Whoosh's posting writer are both CPU-bound), and the segments are
    then listed in one index. Whoosh's own MpWriter measured slower than one process here.
    """
    documents = list(documents)
    gen.mkdir(parents=True)
    whoosh_index.create_in(str(gen), make_schema())
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total or len(documents), unit="doc", desc="索引", file=sys.stderr)
    try:
        if procs <= 1 or len(documents) < 2 * procs:
            _write_part(gen / "part-0", documents)
            parts = [gen / "part-0"]
            if bar is not None:
                bar.update(len(documents))
        else:
            import multiprocessing

            analysis.words("预热")  # load jieba before forking so workers share it
            gc.freeze()  # what the workers inherit is never scanned (or copied) by their collectors
            ctx = multiprocessing.get_context("fork")
            counter = ctx.Value("i", 0)
            parts = [gen / f"part-{i}" for i in range(procs)]
            # Dealt round-robin, not cut in halves: documents come kind by kind, and long
            # articles in one half would leave the other worker idle.
            workers = [
                ctx.Process(target=_write_part, args=(part, documents[i::procs], counter))
                for i, part in enumerate(parts)
            ]
            try:
                for worker in workers:
                    worker.start()
            finally:
                gc.unfreeze()
            shown = 0
            while any(w.is_alive() for w in workers):
                time.sleep(0.2)
                if bar is not None and counter.value > shown:
                    bar.update(counter.value - shown)
                    shown = counter.value
            for worker in workers:
                worker.join()
            if any(w.exitcode != 0 for w in workers):
                raise RuntimeError("an index worker failed")
            if bar is not None:
                bar.update(len(documents) - shown)
        _adopt_parts(gen, parts)
    finally:
        if bar is not None:
            bar.close()
    count = len(documents)
    meta = {
        "analyzer_version": analysis.ANALYZER_VERSION,
        "dictionary_version": dictionary_version,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "doc_count": count,
    }
    (gen / META_FILE).write_text(json.dumps(meta))
    return count


def _swap_current(root, gen):
    tmp = root / f"{CURRENT_FILE}.{os.getpid()}.tmp"
    tmp.write_text(gen.name)
    os.replace(tmp, root / CURRENT_FILE)


def _remove_old_generations(root, keep):
    # Keep the previous generation too: a reader that opened it a moment ago may still read it.
    keep_names = {g.name for g in keep}
    for gen in root.glob("gen-*"):
        if gen.is_dir() and gen.name not in keep_names:
            shutil.rmtree(gen, ignore_errors=True)


def rebuild(path=None, progress=True, procs=2):
    """Build a fresh index from the database beside the current one and swap it in.

    The site keeps answering from the old generation meanwhile; records saved during the
    rebuild are queued in pending.keys and replayed before the swap.
    """
    from ...documents import all_documents, count_documents

    root = index_root(path)
    root.mkdir(parents=True, exist_ok=True)
    (root / REBUILD_MARKER).write_text(str(os.getpid()))
    previous = current_generation(root)
    gen = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 100000}"
    try:
        dictionary_version = dictionary.current(refresh=True)
        words = dictionary.current_words()
        # Read everything first: forked index workers must not touch the database connection.
        # The documents are acyclic dicts: the collector would only rescan them as they pile up.
        gc.disable()
        try:
            documents = list(all_documents())
        finally:
            gc.enable()
        count = build_generation(
            gen,
            documents,
            dictionary_version=dictionary_version,
            procs=procs if len(documents) >= 200 else 1,
            total=len(documents) or count_documents(),
            progress=progress,
        )
        _record_dictionary(gen, words, dictionary_version)
        with write_lock(root):
            pending = _read_pending(root)
            if pending:
                _apply_keys(gen, pending)
            _swap_current(root, gen)
            (root / PENDING_FILE).unlink(missing_ok=True)
            (root / REBUILD_MARKER).unlink(missing_ok=True)
    except BaseException:
        (root / REBUILD_MARKER).unlink(missing_ok=True)
        shutil.rmtree(gen, ignore_errors=True)
        raise
    _remove_old_generations(root, keep=[gen] + ([previous] if previous else []))
    return {"path": str(gen), "doc_count": count, "dictionary_version": dictionary_version}


def _read_pending(root):
    try:
        return {line.strip() for line in (root / PENDING_FILE).read_text().splitlines() if line.strip()}
    except OSError:
        return set()


def _apply_keys(gen, keys):
    """Re-index `keys` in `gen`; when the user dictionary changed (a new hospital name or alias),
    also re-segment the documents holding the added or removed words, so the index keeps matching
    the running dictionary and never needs a full rebuild for an edit."""
    from ...documents import documents_for_keys

    version = dictionary.current(refresh=True)
    words = dictionary.current_words()
    changed = dictionary.changed_words(_recorded_words(gen), read_meta(gen).get("dictionary_version"))
    if changed:
        keys = set(keys) | _keys_containing(gen, changed)
    docs = documents_for_keys(keys)
    ix = _open(gen)
    writer = ix.writer(timeout=60.0)
    try:
        for key, doc in sorted(docs.items()):
            if doc is None:
                writer.delete_by_term("key", key)
            else:
                writer.update_document(**whoosh_fields(doc))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if changed is not None:
        _record_dictionary(gen, words, version)


def sync_keys(keys, path=None):
    """Re-index (or delete) the documents with these keys from the current database state."""
    keys = set(keys)
    if not keys:
        return
    root = index_root(path)
    with write_lock(root):
        if _rebuild_running(root):
            with open(root / PENDING_FILE, "a") as fh:
                fh.write("".join(f"{k}\n" for k in sorted(keys)))
        gen = current_generation(root)
        if gen is not None:
            _apply_keys(gen, keys)
