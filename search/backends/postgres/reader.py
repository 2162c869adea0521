"""The engine's view of the postgres index (see search.query): a snapshot of the current
build's segments, with posting arrays fetched from the database as queries need them.

A segment never changes once written, so what a process decodes of it (facet table, field
lengths, a term's arrays) is kept by segment uid and never goes stale. Per query the
database is asked one thing to start with: the build's `state`. Only when it changed (a
record was saved, a merge or rebuild happened) are the segment list and the deleted
documents read again, and only new segments decoded.
"""

import threading

import numpy as np
from django.db import DatabaseError
from django.db.models import Q

from ... import analysis, arrays, status
from ...arrays import EMPTY, phrase_docs
from ...cache import LRU
from ...doctable import DocTable
from ...models import IndexBuild, IndexDocument, IndexSegment, IndexTerm
from .segments import FIELDS, SCORED, U4, decode_lengths, decode_meta_rows

READ_ERRORS = (DatabaseError,)
K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, so both backends rank alike

_postings = LRU()
_stored = LRU(limit_mb=32)  # stored fields of recent hits
_segments = {}  # uid -> SegmentView of the segments of the last snapshot
_lock = threading.Lock()
_current = {"snapshot": None}


def clear_caches():
    _postings.clear()
    _stored.clear()
    _segments.clear()
    _current["snapshot"] = None


def cache_bytes():
    return _postings.nbytes


class SegmentView:
    """What a process keeps of one segment: its facet table and field lengths."""

    def __init__(self, pk, uid, doc_count, meta, lengths):
        self.pk = pk
        self.uid = uid
        self.doc_count = doc_count
        self.table = DocTable.from_rows(decode_meta_rows(meta, doc_count))
        self.lengths = decode_lengths(lengths, doc_count)


class Snapshot:
    """The segments of one state of the current build, laid end to end as global docnums."""

    def __init__(self, key, views, deleted, versions=(None, None)):
        self.key = key
        self.versions = versions  # (analyzer, dictionary) the build was made with
        self.views = views
        self.offsets = np.cumsum([0] + [v.doc_count for v in views]).tolist()
        self.size = self.offsets[-1]
        self.table = DocTable.combine([(v.table, off) for v, off in zip(views, self.offsets, strict=False)])
        self.deleted = {}  # segment pk -> boolean mask
        for pk, docnums in deleted.items():
            view = next(v for v in views if v.pk == pk)
            mask = np.zeros(view.doc_count, dtype=bool)
            mask[[d for d in docnums if d < view.doc_count]] = True
            self.deleted[pk] = mask
        self.deleted_count = sum(int(m.sum()) for m in self.deleted.values())
        self.totals = {name: float(sum(v.lengths[name].sum() for v in views)) for name in SCORED}


def load_snapshot():
    """The current build's Snapshot (reloaded only when its state changed), or None."""
    row = (
        IndexBuild.objects.filter(current=True)
        .values_list("pk", "uid", "state", "analyzer_version", "dictionary_version")
        .first()
    )
    if row is None:
        return None
    build_pk, uid, state, *versions = row
    found = _current["snapshot"]
    if found is not None and found.key == (uid, state):
        return found
    with _lock:
        found = _current["snapshot"]
        if found is not None and found.key == (uid, state):
            return found
        listed = list(
            IndexSegment.objects.filter(build_id=build_pk, retired_at__isnull=True)
            .order_by("pk")
            .values_list("pk", "uid", "doc_count")
        )
        missing = [pk for pk, seg_uid, _ in listed if seg_uid not in _segments]
        for pk, seg_uid, doc_count, meta, lengths in IndexSegment.objects.filter(pk__in=missing).values_list(
            "pk", "uid", "doc_count", "meta", "lengths"
        ):
            _segments[seg_uid] = SegmentView(pk, seg_uid, doc_count, meta, lengths)
        views = [_segments[seg_uid] for _pk, seg_uid, _ in listed]
        for seg_uid in set(_segments) - {v.uid for v in views}:
            del _segments[seg_uid]  # merged away or from an older build
        deleted = {}
        for pk, docnum in IndexDocument.objects.filter(
            segment_id__in=[v.pk for v in views], deleted=True
        ).values_list("segment_id", "docnum"):
            deleted.setdefault(pk, []).append(docnum)
        found = Snapshot((uid, state), views, deleted, tuple(versions))
        _current["snapshot"] = found
        return found


def _array(raw):
    return np.frombuffer(raw, dtype=U4) if raw is not None else np.zeros(0, dtype=U4)


class PostgresReader:
    read_errors = READ_ERRORS

    def __init__(self, snapshot):
        self.snap = snapshot
        self.stale = status.is_stale(*snapshot.versions)
        self._read = {}  # stored fields read by this reader (whatever the shared cache kept)
        self._terms = {}  # (segment uid, field code, term) -> arrays this reader used

    # --- postings ---------------------------------------------------------------------------

    def _term(self, fieldname, tbytes):
        """[(ids int64, weights float64, positions uint32 or None)] per segment of the snapshot."""
        key = (FIELDS[fieldname], tbytes)
        self._fetch([key])
        return [self._terms[(v.uid, *key)] for v in self.snap.views]

    def prefetch_terms(self, wanted):
        """Read the posting rows of these (field, text) terms that no segment has kept yet, in
        one query: a new query's terms then cost one round trip, not one each."""
        self._fetch({(FIELDS[f], text.encode("utf-8")) for f, text in wanted if f in FIELDS and text})

    def _fetch(self, keys):
        views = self.snap.views
        missing = {}
        for key in keys:
            for v in views:
                found_key = (v.uid, *key)
                if found_key in self._terms:
                    continue
                kept = _postings.get(found_key)
                if kept is not None:
                    self._terms[found_key] = kept[0]
                else:
                    missing.setdefault(key, []).append(v)
        if not missing:
            return
        wanted = Q()
        for code, tbytes in missing:
            wanted |= Q(field=code, term=tbytes)
        segment_ids = {v.pk for views_ in missing.values() for v in views_}
        rows = {
            (pk, code, bytes(term)): (ids, weights, positions)
            for pk, code, term, ids, weights, positions in IndexTerm.objects.filter(
                wanted, segment_id__in=segment_ids
            ).values_list("segment_id", "field", "term", "ids", "weights", "positions")
        }
        for (code, tbytes), views_ in missing.items():
            for v in views_:
                ids, weights, positions = rows.get((v.pk, code, tbytes), (None, None, None))
                value = (
                    _array(ids).astype(np.int64),
                    _array(weights).astype(np.float64),
                    _array(positions) if positions is not None else None,
                )
                nbytes = sum(a.nbytes for a in value if a is not None) + 200
                _postings.put((v.uid, code, tbytes), value, nbytes)
                self._terms[(v.uid, code, tbytes)] = value

    def _chars(self, fieldname, char):
        """[(ids int64, weights float64)] per segment: every term the character starts, merged
        (see analysis.char_postings), so a one-character query costs what a pair costs."""
        code = FIELDS[fieldname]
        prefix = char.encode("utf-8")
        views = self.snap.views
        key = ("char", code, prefix)
        found = [_postings.get((v.uid, *key)) for v in views]
        found = [kept[0] if kept is not None else None for kept in found]
        missing = [i for i, kept in enumerate(found) if kept is None]
        if missing:
            parts = {}
            for pk, ids, weights in IndexTerm.objects.filter(
                segment_id__in=[views[i].pk for i in missing],
                field=code,
                term__gte=prefix,
                term__lt=prefix + b"\xff",
            ).values_list("segment_id", "ids", "weights"):
                parts.setdefault(pk, []).append((_array(ids), _array(weights)))
            for i in missing:
                v = views[i]
                summed = np.zeros(v.doc_count, dtype=np.float64)
                for ids, weights in parts.get(v.pk, ()):
                    summed[ids] += weights
                ids = np.flatnonzero(summed)
                value = (ids.astype(np.int64), summed[ids])
                _postings.put((v.uid, *key), value, value[0].nbytes + value[1].nbytes + 200)
                found[i] = value
        return found

    def _live(self, view, local):
        mask = self.snap.deleted.get(view.pk)
        return local[~mask[local]] if mask is not None and len(local) else local

    def _global(self, per_segment):
        parts = [
            self._live(v, local) + offset
            for v, offset, local in zip(self.snap.views, self.snap.offsets, per_segment, strict=False)
            if len(local)
        ]
        parts = [p for p in parts if len(p)]
        if not parts:
            return EMPTY
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def literal_docs(self, fieldname, compact_text):
        """Global docnums (ascending, deleted excluded) whose literal field holds the text."""
        if not compact_text:
            return EMPTY
        if len(compact_text) == 1:
            return self._global([ids for ids, _ in self._chars(fieldname, compact_text)])
        grams = analysis.literal_grams(compact_text)
        if len(grams) == 1:
            return self._global([ids for ids, _w, _p in self._term(fieldname, grams[0].encode("utf-8"))])
        fetched = {}
        for gram in dict.fromkeys(grams):
            fetched[gram] = self._term(fieldname, gram.encode("utf-8"))
        per_segment = []
        for i in range(len(self.snap.views)):

            def frequency(gram, i=i):
                return len(fetched[gram][i][0]) or None

            def positions(gram, within, i=i):
                ids, weights, places = fetched[gram][i]
                return ids, np.repeat(ids, weights.astype(np.int64)), places.astype(np.int64)

            per_segment.append(phrase_docs(grams, frequency, positions))
        return self._global(per_segment)

    def exact_docs(self, compact_name):
        return self._global([ids for ids, _w, _p in self._term("name_exact", compact_name.encode("utf-8"))])

    # --- scores -----------------------------------------------------------------------------

    def _scores(self, fieldname, per_segment, frequency, wanted, boost):
        scores = np.zeros(len(wanted), dtype=np.float64)
        holding = np.zeros(len(wanted), dtype=bool)
        if not frequency or not self.snap.size:
            return scores, holding
        idf = arrays.idf(self.snap.size, frequency)
        avgfl = (self.snap.totals.get(fieldname, 0.0) / self.snap.size) or 1.0
        for v, offset, (ids, weights) in zip(self.snap.views, self.snap.offsets, per_segment, strict=False):
            lo, hi = np.searchsorted(wanted, [offset, offset + v.doc_count])
            if lo == hi or not len(ids):
                continue
            local = wanted[lo:hi] - offset
            held, tf = arrays.held(ids, weights, local)
            if not held.any():
                continue
            fl = v.lengths[fieldname][local[held]] if fieldname in v.lengths else np.ones(int(held.sum()))
            slots = lo + np.flatnonzero(held)
            scores[slots] = arrays.bm25(idf, tf, fl, avgfl, B, K1, boost)
            holding[slots] = True
        return scores, holding

    def term_scores(self, fieldname, text, wanted, boost=1.0):
        per_segment = [(ids, weights) for ids, weights, _p in self._term(fieldname, text.encode("utf-8"))]
        frequency = sum(len(ids) for ids, _ in per_segment)
        return self._scores(fieldname, per_segment, frequency, np.asarray(wanted, dtype=np.int64), boost)

    def char_scores(self, fieldname, char, wanted, boost=1.0):
        per_segment = self._chars(fieldname, char)
        frequency = sum(len(ids) for ids, _ in per_segment)
        return self._scores(fieldname, per_segment, frequency, np.asarray(wanted, dtype=np.int64), boost)

    # --- documents --------------------------------------------------------------------------

    def doc_count(self):
        return self.snap.size - self.snap.deleted_count

    def doc_table(self):
        return self.snap.table

    def _locate(self, docnum):
        at = int(np.searchsorted(self.snap.offsets, docnum, side="right")) - 1
        view = self.snap.views[at]
        return view, docnum - self.snap.offsets[at]

    def prefetch(self, docnums):
        """Read the stored fields of these documents in one query (those not kept already)."""
        wanted = {}
        for docnum in docnums:
            view, local = self._locate(int(docnum))
            if (view.uid, local) not in self._read and _stored.get((view.uid, local)) is None:
                wanted.setdefault(view.pk, (view, []))[1].append(local)
        for pk, (view, locals_) in wanted.items():
            for docnum, key, stored in IndexDocument.objects.filter(
                segment_id=pk, docnum__in=locals_
            ).values_list("docnum", "key", "stored"):
                stored = {**stored, "key": key}
                self._read[(view.uid, docnum)] = stored
                _stored.put((view.uid, docnum), stored, 200 + len(stored.get("text", "")) * 3)

    def stored_fields(self, docnum):
        view, local = self._locate(int(docnum))
        found = self._read.get((view.uid, local))
        if found is None:
            kept = _stored.get((view.uid, local))
            if kept is None:
                self.prefetch([docnum])
                return self._read.get((view.uid, local), {})
            found = kept[0]
        return found

    def names(self, docnum):
        stored = self.stored_fields(docnum).get("names") or ()
        return [c for name in stored if (c := analysis.compact(analysis.normalize(name)))]

    def keys_of(self, docnums):
        """The keys of these documents (their keys only: a word's documents may be many)."""
        by_segment = {}
        for docnum in docnums:
            view, local = self._locate(int(docnum))
            by_segment.setdefault(view.pk, []).append(local)
        keys = set()
        for pk, locals_ in by_segment.items():
            for start in range(0, len(locals_), 1000):
                keys.update(
                    IndexDocument.objects.filter(
                        segment_id=pk, docnum__in=locals_[start : start + 1000]
                    ).values_list("key", flat=True)
                )
        return keys
