"""The postgres backend (SEARCH_BACKEND=postgres): the search index in database tables.

Web nodes keep no index of their own: every node reads the same tables (search.models), so a
record saved through one node is found through any other as soon as its transaction commits
(search.signals re-indexes on commit). Writers take one advisory lock, so saves, merges and
the swap of a rebuild never interleave. Layout and costs: search/models.py and
docs/scaling.md.
"""

import gc
import logging
import sys
import uuid
from contextlib import contextmanager
from datetime import timedelta

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ... import analysis, dictionary, status
from ...models import IndexBuild, IndexDocument, IndexPending, IndexSegment, IndexTerm
from . import segments
from .reader import PostgresReader, load_snapshot

logger = logging.getLogger(__name__)

LOCK_KEY = 0x48465358  # pg_advisory_xact_lock key of index writers
SEGMENT_DOCS = 40_000  # documents per segment written by a rebuild
MERGE_FACTOR = 8  # this many segments of one size class are merged into one
RETIRED_KEEP = timedelta(minutes=2)  # a merged-away segment outlives the queries that loaded it
REBUILD_TIMEOUT = timedelta(hours=2)  # an unfinished build older than this was abandoned
KEY_BATCH = 500


def location():
    return "PostgreSQL 数据库（search_index* 表）"


@contextmanager
def _writing():
    """A transaction holding the index writers' lock."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        yield


# --- reading ---------------------------------------------------------------------------------


@contextmanager
def reader(path=None):
    try:
        snapshot = load_snapshot()
    except DatabaseError:
        logger.warning("search tables cannot be read", exc_info=True)
        snapshot = None
    yield PostgresReader(snapshot) if snapshot is not None else None


def close_searchers():
    """Nothing stays open between queries: decoded segments are kept, connections are Django's."""


def index_status(path=None):
    try:
        build = (
            IndexBuild.objects.filter(current=True)
            .values("analyzer_version", "dictionary_version", "built_at", "doc_count")
            .first()
        )
        rebuilding = IndexBuild.objects.filter(
            complete=False, created_at__gte=timezone.now() - REBUILD_TIMEOUT
        ).exists()
    except DatabaseError:  # tables not migrated yet
        logger.warning("search tables cannot be read", exc_info=True)
        return status.status(path=location(), exists=False, rebuilding=False)
    if build is None:
        return status.status(path=location(), exists=False, rebuilding=rebuilding)
    return status.status(
        path=location(),
        exists=True,
        rebuilding=rebuilding,
        doc_count=build["doc_count"],
        analyzer_version=build["analyzer_version"],
        dictionary_version=build["dictionary_version"],
        built_at=build["built_at"].isoformat(timespec="seconds") if build["built_at"] else None,
    )


# --- removing rows in bulk -------------------------------------------------------------------


def _delete_segments(segment_ids):
    """Delete segments with their documents and terms in three statements (an ORM cascade
    would first load every row)."""
    if not segment_ids:
        return
    ids = list(segment_ids)
    with connection.cursor() as cursor:
        for model in (IndexTerm, IndexDocument):
            for start in range(0, len(ids), KEY_BATCH):
                chunk = ids[start : start + KEY_BATCH]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE segment_id IN ({marks})", chunk)
    IndexSegment.objects.filter(pk__in=ids).delete()


def _delete_builds(builds):
    for build in builds:
        _delete_segments(IndexSegment.objects.filter(build=build).values_list("pk", flat=True))
        IndexPending.objects.filter(build=build).delete()
        build.delete()


# --- writing ---------------------------------------------------------------------------------


def _chunks(documents, size):
    """Dealt round-robin into parts of at most `size`: documents come kind by kind, and every
    segment should hold a mix."""
    parts = max(1, -(-len(documents) // size))
    return [documents[i::parts] for i in range(parts)]


_fork_chunks = []


def _analyse_chunk(i):
    gc.disable()  # a worker that exits when done: its acyclic rows need no collector passes
    return segments.analyse(_fork_chunks[i])


def _analysed(chunks, procs):
    """SegmentData of each chunk, in forked workers when there are several (jieba is the cost)."""
    if procs <= 1 or len(chunks) < 2:
        for chunk in chunks:
            yield segments.analyse(chunk)
        return
    import multiprocessing

    global _fork_chunks
    analysis.words("预热")  # jieba loaded before forking, so workers share it
    _fork_chunks = chunks
    try:
        with multiprocessing.get_context("fork").Pool(min(procs, len(chunks))) as pool:
            yield from pool.imap(_analyse_chunk, range(len(chunks)))
    finally:
        _fork_chunks = []


def rebuild(path=None, progress=True, procs=2):
    """Write a new build of every record beside the current one and make it current.

    Searches keep answering from the current build meanwhile; records saved during the
    rebuild are queued (IndexPending) and applied to the new build before the swap.
    """
    from ...documents import all_documents

    version = dictionary.current(refresh=True)
    words = sorted(dictionary.current_words())
    build = IndexBuild.objects.create(
        analyzer_version=analysis.ANALYZER_VERSION, dictionary_version=version, dictionary=words
    )
    try:
        gc.disable()
        try:
            documents = list(all_documents())
        finally:
            gc.enable()
        chunks = _chunks(documents, SEGMENT_DOCS)
        # Forked workers only analyse text: they never touch the inherited connection, and
        # they leave with os._exit, which closes no connection of the parent's.
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(documents), unit="doc", desc="索引", file=sys.stderr)
        try:
            for data in _analysed(chunks, procs if len(documents) >= 200 else 1):
                with transaction.atomic():
                    segments.write(build, data)
                if bar is not None:
                    bar.update(data.doc_count)
        finally:
            if bar is not None:
                bar.close()
        with _writing():
            pending = set(IndexPending.objects.filter(build=build).values_list("key", flat=True))
            if pending:
                _apply(build, pending)
            previous = list(IndexBuild.objects.filter(current=True).exclude(pk=build.pk))
            IndexBuild.objects.filter(pk__in=[b.pk for b in previous]).update(current=False)
            build.current = True
            build.complete = True
            build.built_at = timezone.now()
            build.doc_count = IndexDocument.objects.filter(segment__build=build, deleted=False).count()
            build.state = uuid.uuid4()
            build.save()
    except BaseException:
        _delete_builds([build])
        raise
    # Old builds go after the swap: a query that started on one may miss rows for a moment,
    # never see the new build half written.
    with transaction.atomic():
        _delete_builds(IndexBuild.objects.exclude(pk=build.pk).filter(complete=True, current=False))
        stale = timezone.now() - REBUILD_TIMEOUT
        _delete_builds(IndexBuild.objects.filter(complete=False, created_at__lt=stale))
    return {"path": location(), "doc_count": build.doc_count, "dictionary_version": version}


def _apply(build, keys):
    """Re-index `keys` in `build`: their old documents marked deleted, the current ones (those
    still in the database) written as one new segment."""
    from ...documents import documents_for_keys

    keys = sorted(keys)
    docs = documents_for_keys(keys)
    removed = 0
    for start in range(0, len(keys), KEY_BATCH):
        removed += IndexDocument.objects.filter(
            segment__build=build,
            segment__retired_at__isnull=True,  # a merged-away copy is not counted twice
            key__in=keys[start : start + KEY_BATCH],
            deleted=False,
        ).update(deleted=True)
    live = [doc for _key, doc in sorted(docs.items()) if doc is not None]
    if live:
        segments.write(build, segments.analyse(live))
    build.doc_count = max(0, build.doc_count - removed + len(live))


def _keys_containing(words):
    """Keys of the documents whose text holds any of these words literally."""
    snapshot = load_snapshot()
    return dictionary.keys_holding(PostgresReader(snapshot), words) if snapshot is not None else set()


def sync_keys(keys, path=None):
    """Re-index (or delete) the documents with these keys from the current database state.

    When the user dictionary changed (a new hospital name or alias), the documents holding the
    added or removed words are re-segmented too, so the index follows the dictionary.
    """
    keys = set(keys)
    if not keys:
        return
    with _writing():
        for unfinished in IndexBuild.objects.filter(complete=False):
            IndexPending.objects.bulk_create([IndexPending(build=unfinished, key=k) for k in sorted(keys)])
        build = IndexBuild.objects.filter(current=True).first()
        if build is None:
            return
        version = dictionary.current(refresh=True)
        changed = dictionary.changed_words(build.dictionary, build.dictionary_version)
        if changed:
            keys |= _keys_containing(changed)
        _apply(build, keys)
        if changed is not None:
            build.dictionary = sorted(dictionary.current_words())
            build.dictionary_version = version
        build.state = uuid.uuid4()
        build.save()
        merge(build)


def merge(build):
    """Merge segments of one size class once MERGE_FACTOR of them pile up (sizes in powers of
    MERGE_FACTOR), so a build of N saves holds O(log N) segments; drop segments retired a while
    ago."""
    retired = IndexSegment.objects.filter(build=build, retired_at__lt=timezone.now() - RETIRED_KEEP)
    _delete_segments(list(retired.values_list("pk", flat=True)))
    live = list(
        IndexSegment.objects.filter(build=build, retired_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "doc_count")
    )
    classes = {}
    for pk, doc_count in live:
        size_class = int(np.log(max(doc_count, 1)) / np.log(MERGE_FACTOR))
        classes.setdefault(size_class, []).append(pk)
    for pks in classes.values():
        if len(pks) >= MERGE_FACTOR:
            _merge_segments(build, pks)
            build.state = uuid.uuid4()
            build.save(update_fields=["state"])


def _merge_segments(build, pks):
    """One segment with the live documents of segments `pks` (in order), their posting arrays
    renumbered; the old ones retired."""
    rows = {
        pk: (doc_count, meta, lengths)
        for pk, doc_count, meta, lengths in IndexSegment.objects.filter(pk__in=pks).values_list(
            "pk", "doc_count", "meta", "lengths"
        )
    }
    remap, data = {}, segments.SegmentData(doc_count=0)
    meta_rows, length_parts = [], []
    for pk in pks:
        doc_count, meta, lengths = rows[pk]
        docs = {
            docnum: (key, stored)
            for docnum, key, stored in IndexDocument.objects.filter(segment_id=pk, deleted=False).values_list(
                "docnum", "key", "stored"
            )
        }
        live = np.array(sorted(docs), dtype=np.int64)
        numbers = np.full(doc_count, -1, dtype=np.int64)
        numbers[live] = np.arange(data.doc_count, data.doc_count + len(live))
        remap[pk] = numbers
        data.doc_count += len(live)
        for docnum in live.tolist():
            key, stored = docs[docnum]
            data.keys.append(key)
            data.stored.append(stored)
        raw_meta = bytes(meta).split(segments.META_SEP) if doc_count else []
        meta_rows.extend(raw_meta[d] for d in live.tolist())
        table = np.frombuffer(bytes(lengths), dtype=segments.U4).reshape(len(segments.SCORED), doc_count)
        length_parts.append(table[:, live])
    data.meta = segments.META_SEP.join(meta_rows)
    data.lengths = (
        (np.concatenate(length_parts, axis=1) if length_parts else np.zeros((len(segments.SCORED), 0)))
        .astype(segments.U4)
        .tobytes()
    )
    terms = (
        IndexTerm.objects.filter(segment_id__in=pks)
        .order_by("field", "term", "segment_id")
        .values_list("field", "term", "segment_id", "ids", "weights", "positions")
    )
    current, parts = None, []
    for code, term, pk, ids, weights, positions in terms.iterator(chunk_size=2000):
        term = bytes(term)
        if (code, term) != current:
            _merged_term(data, current, parts)
            current, parts = (code, term), []
        parts.append((remap[pk], ids, weights, positions))
    _merged_term(data, current, parts)
    segments.write(build, data)
    IndexSegment.objects.filter(pk__in=pks).update(retired_at=timezone.now())


def _merged_term(data, current, parts):
    if current is None:
        return
    all_ids, all_weights, all_positions = [], [], []
    for numbers, ids, weights, positions in parts:
        ids = np.frombuffer(ids, dtype=segments.U4).astype(np.int64)
        weights = np.frombuffer(weights, dtype=segments.U4)
        new = numbers[ids]
        keep = new >= 0
        all_ids.append(new[keep])
        all_weights.append(weights[keep])
        if positions is not None:
            places = np.frombuffer(positions, dtype=segments.U4)
            all_positions.append(places[np.repeat(keep, weights.astype(np.int64))])
    ids = np.concatenate(all_ids)
    if not len(ids):
        return
    code, term = current
    positions = np.concatenate(all_positions).astype(segments.U4).tobytes() if all_positions else None
    data.terms.append(
        (
            code,
            term,
            len(ids),
            ids.astype(segments.U4).tobytes(),
            np.concatenate(all_weights).tobytes(),
            positions,
        )
    )
