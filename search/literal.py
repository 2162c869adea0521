"""Which documents hold a literal string, and the BM25F scores of terms, from decoded posting
arrays (see search.postings and analysis.char_postings).

Whoosh's Phrase query walks every posting of every bigram through a tree of span matchers,
several Python calls per posting; on ten thousand articles and their facts that was most of
the search time. Here the document arrays of the bigrams are intersected first (rarest
first), and positions are compared only for documents that hold every bigram, as sorted
(document, start) keys. Same answers as the Phrase query; the tests compare the two.

`term_scores` gives the scores Whoosh's Term matchers would, computed over arrays with the
same BM25F formula, in the same order of operations; `char_scores` scores a single character
with the same formula, as one term (see postings.char_postings).
"""

import numpy as np
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25FScorer

from . import analysis, postings

EMPTY = postings.EMPTY


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


def _phrase_ids(reader, fieldname, grams):
    """Local docnums (ascending) where `grams` (two or more) occur at consecutive positions."""
    encoded = [gram.encode("utf-8") for gram in grams]
    infos = {}
    for tbytes in encoded:
        if tbytes not in infos:
            info = postings.term_info(reader, fieldname, tbytes)
            if info is None:
                return EMPTY
            infos[tbytes] = info
    offsets = {}
    for i in _cover([infos[t].doc_frequency() for t in encoded]):
        offsets.setdefault(encoded[i], []).append(i)
    order = sorted(offsets, key=lambda t: infos[t].doc_frequency())
    candidates = None
    found = {}
    for tbytes in order:
        ids, docs, positions = found[tbytes] = postings.term_positions(
            reader, fieldname, tbytes, within=candidates
        )
        candidates = ids if candidates is None else intersect(candidates, ids)
        if not len(candidates):
            return EMPTY
    # Every (term, offset) pair must agree on where the phrase starts; a term that recurs in
    # the phrase (ABAB: AB at 0 and 2) is checked at each of its offsets.
    wanted = np.zeros(reader.doc_count_all() + 1, dtype=bool)
    wanted[candidates] = True
    keys = None
    for tbytes in order:
        _ids, docs, positions = found[tbytes]
        keep = wanted[docs]
        docs = docs[keep].astype(np.int64) << 32
        positions = positions[keep].astype(np.int64)
        for i in offsets[tbytes]:
            starts = docs[positions >= i] | (positions[positions >= i] - i)
            keys = starts if keys is None else np.intersect1d(keys, starts, assume_unique=True)
            if not len(keys):
                return EMPTY
    docs = keys >> 32
    return docs[np.concatenate(([True], docs[1:] != docs[:-1]))]


def _literal_ids(reader, fieldname, compact_text):
    if len(compact_text) == 1:
        # A single character: every term starting with it (see postings.char_postings).
        return postings.char_postings(reader, fieldname, compact_text)[0].astype(np.int64)
    grams = analysis.literal_grams(compact_text)
    if len(grams) == 1:
        return postings.term_ids(reader, fieldname, grams[0].encode("utf-8")).astype(np.int64)
    return _phrase_ids(reader, fieldname, grams)


def _segments(searcher):
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if isinstance(reader, SegmentReader):  # not an empty index
            yield sub, reader, offset


def literal_docs(searcher, fieldname, compact_text):
    """Global docnums (ascending int64 array, deleted documents excluded) whose literal field
    holds `compact_text`."""
    if not compact_text:
        return EMPTY
    parts = []
    for _sub, reader, offset in _segments(searcher):
        local = _literal_ids(reader, fieldname, compact_text)
        deleted = postings.deleted_mask(reader)
        if deleted is not None and len(local):
            local = local[~deleted[local]]
        if len(local):
            parts.append(local + offset)
    if not parts:
        return EMPTY
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _flags(arrays):
    """A boolean array indexed by docnum, True at every docnum of these ascending arrays."""
    flags = np.zeros(max(int(a[-1]) for a in arrays) + 1, dtype=bool)
    for a in arrays:
        flags[a] = True
    return flags


def union(arrays):
    """The ascending union of ascending docnum arrays (linear: a flag per docnum)."""
    arrays = [a for a in arrays if len(a)]
    if len(arrays) <= 1:
        return arrays[0] if arrays else EMPTY
    return np.flatnonzero(_flags(arrays))


def member(a, b):
    """A boolean array over ascending `a`: True where the docnum is also in `b`."""
    if not len(a) or not len(b):
        return np.zeros(len(a), dtype=bool)
    flags = np.zeros(max(int(a[-1]), int(b[-1])) + 1, dtype=bool)
    flags[b] = True
    return flags[a]


def intersect(a, b):
    """Docnums in both ascending arrays, ascending."""
    if not len(a) or not len(b):
        return EMPTY
    if len(a) > len(b):
        a, b = b, a
    if len(a) * 16 < len(b):
        at = np.minimum(np.searchsorted(b, a), len(b) - 1)
        return a[b[at] == a]
    return a[member(a, b)]


def difference(a, b):
    """Docnums of ascending array `a` not in `b`."""
    if not len(a) or not len(b):
        return a
    return a[~member(a, b)]


def _bm25(idf, tf, fl, avgfl, B, K1, boost):
    """whoosh.scoring.bm25, operation for operation, over arrays (times the boost)."""
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))) * boost


def _held(ids, weights, local):
    """(held, tf) for ascending local docnums: whether each holds the posting, and its weight."""
    if not len(ids):
        return np.zeros(len(local), dtype=bool), weights[:0]
    at = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
    held = ids[at] == local
    return held, weights[at[held]]


def term_scores(searcher, fieldname, text, wanted, boost=1.0):
    """(scores, held) arrays aligned with `wanted` (ascending global docnums): the score of
    one term in each document holding it, exactly as the searcher's weighting scores a Term
    query with this boost, and whether the document holds it."""
    tbytes = text.encode("utf-8")
    scores = np.zeros(len(wanted), dtype=np.float64)
    holding = np.zeros(len(wanted), dtype=bool)
    weighting = searcher.weighting
    for sub, reader, offset in _segments(searcher):
        lo, hi = np.searchsorted(wanted, [offset, offset + reader.doc_count_all()])
        if lo == hi or (fieldname, tbytes) not in reader:
            continue
        local = wanted[lo:hi] - offset
        held, tf = _held(*postings.term_postings(reader, fieldname, tbytes, within=local), local)
        if not held.any():
            continue
        local = local[held]
        scorer = weighting.scorer(sub, fieldname, tbytes)
        lengths = postings.field_lengths(reader, fieldname)
        fl = lengths[local] if lengths is not None else np.ones(len(local))
        if isinstance(scorer, BM25FScorer):
            values = _bm25(scorer.idf, tf, fl, scorer.avgfl, scorer.B, scorer.K1, boost)
        else:
            values = np.array([scorer._score(w, n) * boost for w, n in zip(tf, fl, strict=True)])
        slots = lo + np.flatnonzero(held)
        scores[slots] = values
        holding[slots] = True
    return scores, holding


def char_scores(searcher, fieldname, char, wanted, boost=1.0):
    """term_scores for a single character of a literal field, scored as one term (see
    postings.char_postings): BM25F with the character's document frequency and its
    number of occurrences, so a one-character query is scored like a pair, on arrays."""
    scores = np.zeros(len(wanted), dtype=np.float64)
    holding = np.zeros(len(wanted), dtype=bool)
    found = [
        (reader, offset, postings.char_postings(reader, fieldname, char))
        for _, reader, offset in _segments(searcher)
    ]
    frequency = sum(len(ids) for _reader, _offset, (ids, _weights) in found)
    if not frequency:
        return scores, holding
    weighting = searcher.weighting
    K1 = getattr(weighting, "K1", 1.2)
    B = getattr(weighting, "_field_B", {}).get(fieldname, getattr(weighting, "B", 0.75))
    idf = np.log(searcher.doc_count_all() / (frequency + 1)) + 1
    avgfl = searcher.avg_field_length(fieldname) or 1
    for reader, offset, (ids, weights) in found:
        lo, hi = np.searchsorted(wanted, [offset, offset + reader.doc_count_all()])
        if lo == hi:
            continue
        local = wanted[lo:hi] - offset
        held, tf = _held(ids, weights, local)
        if not held.any():
            continue
        lengths = postings.field_lengths(reader, fieldname)
        fl = lengths[local[held]] if lengths is not None else np.ones(int(held.sum()))
        slots = lo + np.flatnonzero(held)
        scores[slots] = _bm25(idf, tf, fl, avgfl, B, K1, boost)
        holding[slots] = True
    return scores, holding
