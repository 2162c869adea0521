"""Which documents hold a literal string, read straight from the posting blocks of a
literal field (see analysis.char_postings).

Whoosh's Phrase query walks every posting of every bigram through a tree of span matchers,
several Python calls per posting; on ten thousand articles that was most of the search
time. Here the document sets of the bigrams are intersected a block at a time (the blocks of
a rarer bigram's candidates are the only ones decoded), and positions are decoded only for
documents that hold every bigram. Same answers as the Phrase query, a fraction of the work.
"""

import io
import pickle
import struct
import zlib
from bisect import bisect_right
from itertools import accumulate

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.reading import SegmentReader, TermNotFound

from . import analysis

# Decoded positions by their encoded bytes: most postings hold one position, whose encoding
# recurs across documents, so this stays small and saves one unpickling per posting.
_POSITIONS_LIMIT = 200_000
_positions_cache = {}
_INT = struct.Struct("!i")


def _positions(fmt, value):
    found = _positions_cache.get(value)
    if found is None:
        if len(_positions_cache) >= _POSITIONS_LIMIT:
            _positions_cache.clear()
        found = _positions_cache[value] = fmt.decode_positions(value)
    return found


def _blocks(reader, fieldname, tbytes, within=None, values=False):
    """(ids, values or None) of each posting block of a term (deleted documents included).

    The term's postings are read in one piece and parsed here (the layout Whoosh's
    W3PostingsWriter writes); with `within` (a sorted list of docnums), only the blocks that
    can hold one of them are decompressed.
    """
    terms = reader._terms
    try:
        terminfo = terms.term_info(fieldname, tbytes)
    except TermNotFound:
        return
    if terminfo.is_inlined():
        ids, _weights, vals = terminfo.inlined_postings()
        yield tuple(ids), (tuple(vals) if values else None)
        return
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the length unpacked
        length = length[0]
    buf = io.BytesIO(terms._postfile.get(offset, length))
    if buf.read(4) != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"unexpected posting block header for {fieldname}:{tbytes!r}")
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
            ids, _weights, vals = pickle.loads(data)
            yield tuple(accumulate(ids)), (vals if values else None)
        if size < 0:
            return
        low = high
        buf.seek(end)


def term_ids(reader, fieldname, tbytes):
    """Local docnums holding a term (deleted documents included)."""
    found = set()
    for ids, _ in _blocks(reader, fieldname, tbytes):
        found.update(ids)
    return found


def _phrase_ids(reader, fieldname, grams):
    """Local docnums where `grams` occur at consecutive positions."""
    offsets = {}
    for i, gram in enumerate(grams):
        offsets.setdefault(gram.encode("utf-8"), []).append(i)
    terms = reader._terms
    infos = {}
    for tbytes in offsets:
        try:
            infos[tbytes] = terms.term_info(fieldname, tbytes)
        except TermNotFound:
            return set()
    # Rarest first: its documents are the candidates the others are read for.
    order = sorted(offsets, key=lambda t: infos[t].doc_frequency())
    fmt = reader.schema[fieldname].format
    postings = {}
    candidates = None
    for tbytes in order:
        within = sorted(candidates) if candidates is not None else None
        found = {}
        for ids, vals in _blocks(reader, fieldname, tbytes, within, values=True):
            if candidates is None:
                found.update(zip(ids, vals, strict=True))
            else:
                for docnum, value in zip(ids, vals, strict=True):
                    if docnum in candidates:
                        found[docnum] = value
        candidates = found.keys()
        postings[tbytes] = found
        if not found:
            return set()
    if len(grams) == 1:
        return set(candidates)
    first, rest = order[0], order[1:]
    matched = set()
    for docnum in candidates:
        starts = set()
        for pos in _positions(fmt, postings[first][docnum]):
            for i in offsets[first]:
                starts.add(pos - i)
        for tbytes in rest:
            positions = _positions(fmt, postings[tbytes][docnum])
            for i in offsets[tbytes]:
                starts.intersection_update([p - i for p in positions])
            if not starts:
                break
        if starts:
            matched.add(docnum)
    return matched


def _literal_ids(reader, fieldname, compact_text):
    if len(compact_text) == 1:
        # A single character: every term starting with it (see analysis.char_postings).
        found = set()
        for tbytes in reader.expand_prefix(fieldname, compact_text):
            found |= term_ids(reader, fieldname, tbytes)
        return found
    grams = analysis.literal_grams(compact_text)
    if len(grams) == 1:
        return term_ids(reader, fieldname, grams[0].encode("utf-8"))
    return _phrase_ids(reader, fieldname, grams)


def literal_docs(searcher, fieldname, compact_text):
    """Global docnums (deleted documents excluded) whose literal field holds `compact_text`."""
    if not compact_text:
        return set()
    found = set()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if not isinstance(reader, SegmentReader):  # an empty index
            continue
        local = _literal_ids(reader, fieldname, compact_text)
        if local and reader.has_deletions():
            local = {d for d in local if not reader.is_deleted(d)}
        found.update(d + offset for d in local) if offset else found.update(local)
    return found
