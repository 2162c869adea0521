"""Posting lists of terms decoded into numpy arrays, kept between queries.

Decoding a Whoosh posting block (zlib, then pickle) costs about a microsecond per posting, and
a two-character term such as 医院 has a posting in nearly every record. Decoded once, a
term's document numbers, weights and positions are arrays that matching, facet counting and
scoring use with C-level operations.

The cache is per process, bounded in bytes (settings.SEARCH_POSTINGS_CACHE_MB) and evicts
the least recently used term first. It is keyed by segment id: a Whoosh segment's postings
never change once written (deletions are kept apart, see `deleted_mask`), so an entry never
goes stale; entries of segments that were merged away or replaced by a rebuild just age out.

This reads the layout Whoosh 2.7's W3PostingsWriter writes (Whoosh is pinned; the tests
compare every answer with Whoosh's own queries on the same index).
"""

import io
import pickle
import struct
import zlib
from array import array
from bisect import bisect_right
from itertools import accumulate

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from ...cache import LRU
from .packed import PackedPositions, PackedValues

EMPTY = np.zeros(0, dtype=np.int64)
_INT = struct.Struct("!i")
_POSITION_CODES_LIMIT = 200_000


_cache = LRU()


def clear_cache():
    _cache.clear()


def cache_bytes():
    return _cache.nbytes


def _key(reader, fieldname, tbytes, what):
    return (reader.segment().segment_id(), fieldname, tbytes, what)


_term_infos = {}
_TERM_INFOS_LIMIT = 100_000


def term_info(reader, fieldname, tbytes):
    """The term's W3TermInfo in this segment, or None; kept, like postings, by segment id."""
    global _term_infos
    key = (reader.segment().segment_id(), fieldname, tbytes)
    found = _term_infos.get(key, False)
    if found is False:
        try:
            found = reader._terms.term_info(fieldname, tbytes)
        except TermNotFound:
            found = None
        if len(_term_infos) >= _TERM_INFOS_LIMIT:
            _term_infos = {}  # replaced, not cleared: another thread may be reading it
        _term_infos[key] = found
    return found


class DamagedIndexError(ValueError):
    """Index bytes that do not decode as what the writer wrote: a damaged or truncated file."""


def blocks(reader, fieldname, tbytes, within=None, info=None):
    """(ids, weights, values) of each posting block of a term, deleted documents included.

    ids are local docnums (an int32 array); weights None (all 1.0), a float (all that), a
    tuple or an array, as the writer minified them; values a tuple of bytes or a
    PackedValues (see search.packed). With `within` (sorted local docnums) only the blocks
    that can hold one of them are decompressed.
    """
    info = info or term_info(reader, fieldname, tbytes)
    if info is None:
        return
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        yield np.asarray(ids, dtype=np.int32), tuple(weights), tuple(values)
        return
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the length unpacked
        length = length[0]
    buf = io.BytesIO(reader._terms._postfile.get(offset, length))
    if buf.read(4) != WHOOSH3_HEADER_MAGIC:
        raise DamagedIndexError(f"unexpected posting block header for {fieldname}:{tbytes!r}")
    low = -1
    while True:
        size = _INT.unpack(buf.read(4))[0]
        start = buf.tell()
        _count, high, _maxweight, compression, _minlength, _maxlength = pickle.load(buf)
        end = start + abs(size)
        if within is None or bisect_right(within, high) > bisect_right(within, low):
            data = buf.read(end - buf.tell())
            if compression:
                data = zlib.decompress(data)
            ids, weights, values = pickle.loads(data)
            if isinstance(ids, array):  # a packed block: uint32 deltas
                ids = np.cumsum(np.frombuffer(ids, dtype=np.uint32), dtype=np.int64).astype(np.int32)
            else:
                ids = np.fromiter(accumulate(ids), dtype=np.int32, count=len(ids))
            yield ids, weights, values
        if size < 0:
            return
        low = high
        buf.seek(end)


def _weights_of(ids, weights):
    if weights is None or isinstance(weights, float):
        return np.full(len(ids), 1.0 if weights is None else weights)
    if isinstance(weights, array):
        return np.frombuffer(weights, dtype=np.float32).astype(np.float64)
    return np.asarray(weights, dtype=np.float64)


def _concatenate(parts, dtype):
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


# A term is decoded whole (and kept) unless the documents asked about are this many times
# fewer than the documents holding it: then only their blocks are decoded, and not kept. A
# term asked about in part a second time is decoded whole: it is in use.
PARTIAL_RATIO = 8
_partly_read = {}
_PARTLY_READ_LIMIT = 100_000


def _partial(key, reader, fieldname, tbytes, within):
    global _partly_read
    if within is None or not len(within):
        return None
    info = term_info(reader, fieldname, tbytes)
    if info is None or len(within) * PARTIAL_RATIO >= info.doc_frequency():
        return None
    if key in _partly_read:
        return None
    if len(_partly_read) >= _PARTLY_READ_LIMIT:
        _partly_read = {}  # replaced, not cleared: another thread may be reading it
    _partly_read[key] = True
    return within.tolist() if isinstance(within, np.ndarray) else list(within)


def _decode_postings(reader, fieldname, tbytes, within=None, info=None):
    ids_parts, weight_parts = [], []
    for ids, weights, _values in blocks(reader, fieldname, tbytes, within, info):
        ids_parts.append(ids)
        weight_parts.append(_weights_of(ids, weights))
    return _concatenate(ids_parts, np.int32), _concatenate(weight_parts, np.float64)


def term_postings(reader, fieldname, tbytes, within=None):
    """(ids int32, weights float64) of a term's postings, ids ascending.

    Decoded whole and kept for later queries, unless `within` (ascending local docnums)
    names far fewer documents than hold the term: then the arrays cover at least those.
    """
    key = _key(reader, fieldname, tbytes, "w")
    found = _cache.get(key)
    if found is not None:
        return found[0]
    partial = _partial(key, reader, fieldname, tbytes, within)
    if partial is not None:
        return _decode_postings(reader, fieldname, tbytes, partial)
    ids, weights = _decode_postings(reader, fieldname, tbytes)
    _cache.put(key, (ids, weights), ids.nbytes + weights.nbytes + 200)
    return ids, weights


def term_ids(reader, fieldname, tbytes, within=None):
    """Local docnums (int32, ascending) holding a term, deleted documents included (at least
    those of `within`, see term_postings)."""
    return term_postings(reader, fieldname, tbytes, within)[0]


def char_postings(reader, fieldname, char):
    """(ids int32, weights float64) of one character in a literal field, as if it were a term.

    A literal field has no postings of single characters (see analysis.char_postings): a
    character occurs where a term starts with it, the pairs it begins and itself where it
    ends the text. Those postings are merged once, their weights (occurrences) summed per
    document, and kept: a one-character query then costs what a pair costs, not a pass
    over hundreds of terms.
    """
    key = _key(reader, fieldname, char.encode("utf-8"), "c")
    found = _cache.get(key)
    if found is not None:
        return found[0]
    ids_parts, weight_parts = [], []
    prefix = char.encode("utf-8")
    # The terms and their infos in one ordered walk: a lookup per term costs more than its
    # postings for the rare pairs, which are most of them.
    for (name, tbytes), info in reader._terms.items_from(fieldname, prefix):
        if name != fieldname or not tbytes.startswith(prefix):
            break
        kept = _cache.get(_key(reader, fieldname, tbytes, "w"))
        ids, weights = kept[0] if kept is not None else _decode_postings(reader, fieldname, tbytes, info=info)
        ids_parts.append(ids)
        weight_parts.append(weights)
    ids, weights = _concatenate(ids_parts, np.int32), _concatenate(weight_parts, np.float64)
    if len(ids_parts) > 1:
        # Summed per document in one pass (weights are occurrences, so at least 1 where held).
        summed = np.bincount(ids, weights=weights, minlength=reader.doc_count_all())
        ids = np.flatnonzero(summed).astype(np.int32)
        weights = summed[ids]
    _cache.put(key, (ids, weights), ids.nbytes + weights.nbytes + 200)
    return ids, weights


_position_codes = {}


def _decode_pickled_positions(value):
    """Positions of one posting in Whoosh's own Positions format (a 4-byte count, then a
    pickled delta list): indexes written before PackedPositions. Memoised: most postings
    hold one position, whose encoding recurs."""
    global _position_codes
    found = _position_codes.get(value)
    if found is None:
        if len(_position_codes) >= _POSITION_CODES_LIMIT:
            # Replaced, never cleared in place: another thread may be reading the old one.
            _position_codes = {}
        data = value if value.endswith(b".") else value + b"."
        found = tuple(accumulate(pickle.loads(data[4:])))
        _position_codes[value] = found
    return found


def _block_positions(ids, values, packed_format):
    """(docs, positions) arrays of one block."""
    if isinstance(values, PackedValues):
        return np.repeat(ids, values.count_array()), values.position_array().astype(np.int32)
    if packed_format:
        decoded = [np.frombuffer(v, dtype="<u4", offset=4) for v in values]
    else:
        decoded = [np.asarray(_decode_pickled_positions(v), dtype=np.uint32) for v in values]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    positions = np.concatenate(decoded).astype(np.int32) if decoded else np.zeros(0, np.int32)
    return np.repeat(ids, counts), positions


def _decode_with_positions(reader, fieldname, tbytes, within=None):
    """(ids, weights, docs, positions) from one pass over the blocks."""
    packed_format = isinstance(reader.schema[fieldname].format, PackedPositions)
    ids_parts, weight_parts, doc_parts, pos_parts = [], [], [], []
    for ids, weights, values in blocks(reader, fieldname, tbytes, within):
        ids_parts.append(ids)
        weight_parts.append(_weights_of(ids, weights))
        docs, positions = _block_positions(ids, values, packed_format)
        doc_parts.append(docs)
        pos_parts.append(positions)
    return (
        _concatenate(ids_parts, np.int32),
        _concatenate(weight_parts, np.float64),
        _concatenate(doc_parts, np.int32),
        _concatenate(pos_parts, np.int32),
    )


def term_positions(reader, fieldname, tbytes, within=None):
    """(ids, docs, positions) of a term: the docnums holding it (as term_ids), and one
    (doc, position) entry per occurrence, docs ascending (int32 each).

    One pass over the blocks gives both, kept (or decoded in part) as term_postings is.
    """
    key = _key(reader, fieldname, tbytes, "p")
    found = _cache.get(key)
    if found is not None:
        kept = _cache.get(_key(reader, fieldname, tbytes, "w"))
        ids = kept[0][0] if kept is not None else np.unique(found[0][0])
        return (ids, *found[0])
    partial = _partial(key, reader, fieldname, tbytes, within)
    if partial is not None:
        ids, _weights, docs, positions = _decode_with_positions(reader, fieldname, tbytes, partial)
        return ids, docs, positions
    ids, weights, docs, positions = _decode_with_positions(reader, fieldname, tbytes)
    _cache.put(_key(reader, fieldname, tbytes, "w"), (ids, weights), ids.nbytes + weights.nbytes + 200)
    _cache.put(key, (docs, positions), docs.nbytes + positions.nbytes + 200)
    return ids, docs, positions


def deleted_mask(reader):
    """A boolean array over the segment's docnums, True where deleted (None without deletions)."""
    if not reader.has_deletions():
        return None
    cache = reader.__dict__.setdefault("_hf_deleted", {})
    if "mask" not in cache:
        mask = np.zeros(reader.doc_count_all(), dtype=bool)
        deleted = np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)
        mask[deleted[deleted < len(mask)]] = True
        cache["mask"] = mask
    return cache["mask"]


# Field lengths by (segment id, field): a segment's lengths never change, so a reader opened
# again on it (each new gunicorn worker, after the master's warm-up) finds them decoded.
_lengths = {}
_LENGTHS_KEPT = 128


def field_lengths(reader, fieldname):
    """Field length of every document of a segment (float64), decoded once per segment."""
    key = (reader.segment().segment_id(), fieldname)
    if key not in _lengths:
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            found = None
        else:
            table = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
            found = table[_length_bytes(column, reader.doc_count_all())]
        if len(_lengths) >= _LENGTHS_KEPT:
            _lengths.pop(next(iter(_lengths)), None)
        _lengths[key] = found
    return _lengths[key]


def _length_bytes(column, doccount):
    """The length byte of every document: one read of the column, not one read per document."""
    if getattr(column, "_fixedlen", None) == 1 and hasattr(column, "_basepos"):
        raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
        codes = np.full(doccount, column._unpack(column._defaultbytes)[0], dtype=np.uint8)
        codes[: min(len(raw), doccount)] = raw[:doccount]
        return codes
    return np.fromiter(column, dtype=np.uint8, count=doccount)
