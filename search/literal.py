"""Which documents hold a literal string, read straight from the posting blocks of a
literal field (see analysis.char_postings).

Whoosh's Phrase query walks every posting of every bigram through a tree of span matchers,
several Python calls per posting; on ten thousand articles that was most of the search
time. Here the document sets of the bigrams are intersected a block at a time (the blocks of
a rarer bigram's candidates are the only ones decoded), and positions are decoded only for
documents that hold every bigram. Same answers as the Phrase query, a fraction of the work.

`term_scores` likewise gives the BM25F scores Whoosh's Term matchers would, from the same
blocks, so a query's matching and scoring can share one decoding of them (`memo`).
"""

import io
import pickle
import struct
import zlib
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.util.numeric import byte_to_length

from . import analysis

# Phrase start positions implied by a posting's encoded positions, per offset of the pair in
# the phrase. Most postings hold one position, whose encoding recurs across documents, so
# this stays small and saves an unpickling per posting.
_STARTS_LIMIT = 200_000
_starts_cache = {}
_INT = struct.Struct("!i")


def _blocks(reader, fieldname, tbytes, within=None, values=False, weights=False, memo=None):
    """(ids, values or None) of each posting block of a term (deleted documents included).

    The term's postings are read in one piece and parsed here (the layout Whoosh's
    W3PostingsWriter writes); with `within` (a sorted list of docnums), only the blocks that
    can hold one of them are decompressed. `memo`, a dict kept for one query, holds decoded
    blocks: matching, ranking and scoring read the same bigrams.
    """
    terms = reader._terms
    try:
        terminfo = terms.term_info(fieldname, tbytes)
    except TermNotFound:
        return
    if terminfo.is_inlined():
        ids, ws, vals = terminfo.inlined_postings()
        yield tuple(ids), (tuple(ws) if weights else tuple(vals) if values else None)
        return
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the length unpacked
        length = length[0]
    buf = io.BytesIO(terms._postfile.get(offset, length))
    if buf.read(4) != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"unexpected posting block header for {fieldname}:{tbytes!r}")
    low = -1
    block = 0
    while True:
        size = _INT.unpack(buf.read(4))[0]
        start = buf.tell()
        _count, high, _maxweight, compression, _minlength, _maxlength = pickle.load(buf)
        end = start + abs(size)
        if within is None or bisect_right(within, high) > bisect_right(within, low):
            key = (id(reader), fieldname, tbytes, block)
            decoded = memo.get(key) if memo is not None else None
            if decoded is None:
                data = buf.read(end - buf.tell())
                if compression:
                    data = zlib.decompress(data)
                ids, ws, vals = pickle.loads(data)
                decoded = (tuple(accumulate(ids)), ws, vals)
                if memo is not None:
                    memo[key] = decoded
            ids, ws, vals = decoded
            if weights:
                # Minified as in W3PostingsWriter._mini_weights: None is all 1.0, a float all that.
                if ws is None or isinstance(ws, float):
                    ws = (1.0 if ws is None else ws,) * len(ids)
                vals = ws
            yield ids, (vals if values or weights else None)
        if size < 0:
            return
        low = high
        block += 1
        buf.seek(end)


def term_ids(reader, fieldname, tbytes, memo=None):
    """Local docnums holding a term (deleted documents included)."""
    found = set()
    for ids, _ in _blocks(reader, fieldname, tbytes, memo=memo):
        found.update(ids)
    return found


def _cover(freqs):
    """Offsets of the pairs to check, cheapest first by document frequency.

    Pair i fixes characters i and i+1, so pairs at offsets 0, ..., n-1 no more than two
    apart (0 and n-1 included) fix every character of the phrase: for 高质量发展, 高质 量发
    发展 say as much as all four pairs. Chosen to minimise the postings read.
    """
    n = len(freqs)
    best = [(freqs[0], (0,))] + [None] * (n - 1)
    for i in range(1, n):
        options = [best[j] for j in (i - 1, i - 2) if j >= 0]
        cost, path = min(options)
        best[i] = (cost + freqs[i], path + (i,))
    return best[n - 1][1]


def _phrase_ids(reader, fieldname, grams, memo=None):
    """Local docnums where `grams` occur at consecutive positions."""
    terms = reader._terms
    infos = {}
    for gram in grams:
        tbytes = gram.encode("utf-8")
        if tbytes not in infos:
            try:
                infos[tbytes] = terms.term_info(fieldname, tbytes)
            except TermNotFound:
                return set()
    encoded = [gram.encode("utf-8") for gram in grams]
    offsets = {}
    for i in _cover([infos[t].doc_frequency() for t in encoded]):
        offsets.setdefault(encoded[i], []).append(i)
    # Rarest first: its documents are the candidates the others are read for.
    order = sorted(offsets, key=lambda t: infos[t].doc_frequency())
    decode = reader.schema[fieldname].format.decode_positions
    postings = {}
    candidates = None
    for tbytes in order:
        within = sorted(candidates) if candidates is not None else None
        found = {}
        for ids, vals in _blocks(reader, fieldname, tbytes, within, values=True, memo=memo):
            found.update(zip(ids, vals, strict=True))
        postings[tbytes] = found
        candidates = found.keys() if candidates is None else candidates & found.keys()
        if not candidates:
            return set()
    if len(grams) == 1:
        return set(candidates)
    # Every (term, offset) pair must agree on where the phrase starts; a term that recurs in
    # the phrase (ABAB: AB at 0 and 2) is checked at each of its offsets. Column by column
    # (C-level maps over the candidates) rather than a Python loop per candidate: this runs
    # for thousands of documents on a broad phrase.
    candidates = list(candidates)
    columns = []
    for tbytes in order:
        values = list(map(postings[tbytes].__getitem__, candidates))
        for i in offsets[tbytes]:
            starts = _starts_cache.get(i)
            if starts is None or len(starts) >= _STARTS_LIMIT:
                # Replaced, never cleared in place: another thread may be reading the old one.
                starts = _starts_cache[i] = {}
            for value in set(values).difference(starts):
                starts[value] = frozenset(p - i for p in decode(value))
            columns.append(list(map(starts.__getitem__, values)))
    return set(compress(candidates, map(frozenset.intersection, *columns)))


def _literal_ids(reader, fieldname, compact_text, memo=None):
    if len(compact_text) == 1:
        # A single character: every term starting with it (see analysis.char_postings).
        found = set()
        for tbytes in reader.expand_prefix(fieldname, compact_text):
            found |= term_ids(reader, fieldname, tbytes, memo)
        return found
    grams = analysis.literal_grams(compact_text)
    if len(grams) == 1:
        return term_ids(reader, fieldname, grams[0].encode("utf-8"), memo)
    return _phrase_ids(reader, fieldname, grams, memo)


def literal_docs(searcher, fieldname, compact_text, memo=None):
    """Global docnums (deleted documents excluded) whose literal field holds `compact_text`.

    `memo`: a dict to share decoded posting blocks between the calls of one query.
    """
    if not compact_text:
        return set()
    found = set()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if not isinstance(reader, SegmentReader):  # an empty index
            continue
        local = _literal_ids(reader, fieldname, compact_text, memo)
        if local and reader.has_deletions():
            local = {d for d in local if not reader.is_deleted(d)}
        found.update(map(offset.__add__, local) if offset else local)
    return found


def _lengths(reader, fieldname):
    """Field length of every document of a segment, decoded once per reader."""
    cache = reader.__dict__.setdefault("_hf_lengths", {})
    if fieldname not in cache:
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        decode = [byte_to_length(b) for b in range(256)]
        cache[fieldname] = [decode[b] for b in column] if column is not None else None
    return cache[fieldname]


def term_scores(searcher, fieldname, text, wanted, boost=1.0, memo=None):
    """{docnum: score} of one term, for those of `wanted` (sorted global docnums) holding it,
    exactly as the searcher's weighting scores a Term query with this boost."""
    tbytes = text.encode("utf-8")
    scores = {}
    weighting = searcher.weighting
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if not isinstance(reader, SegmentReader):
            continue
        lo = bisect_left(wanted, offset)
        hi = bisect_left(wanted, offset + reader.doc_count_all())
        if lo == hi or (fieldname, tbytes) not in reader:
            continue
        local = [d - offset for d in wanted[lo:hi]]
        local_set = set(local)
        score = weighting.scorer(sub, fieldname, tbytes)._score
        lengths = _lengths(reader, fieldname)
        for ids, weights in _blocks(reader, fieldname, tbytes, local, weights=True, memo=memo):
            for docnum, weight in zip(ids, weights, strict=True):
                if docnum in local_set:
                    length = lengths[docnum] if lengths is not None else 1
                    scores[docnum + offset] = score(weight, length) * boost
    return scores
