"""Which documents hold a literal string, and the BM25F scores of terms, from the posting
arrays of a Whoosh index (see search.backends.whoosh.postings and analysis.char_postings).

Whoosh's Phrase query walks every posting of every bigram through a tree of span matchers,
several Python calls per posting; on ten thousand articles and their facts that was most of
the search time. Here the posting arrays go to search.arrays (intersected rarest first,
positions compared only where every bigram occurs). Same answers as the Phrase query; the
tests compare the two.

`term_scores` gives the scores Whoosh's Term matchers would, computed over arrays with the
same BM25F formula, in the same order of operations; `char_scores` scores a single character
with the same formula, as one term (see postings.char_postings).
"""

import numpy as np
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25FScorer

from ... import analysis, arrays
from ...arrays import EMPTY, bm25, phrase_docs
from . import postings


def _phrase_ids(reader, fieldname, grams):
    """Local docnums (ascending) where `grams` (two or more) occur at consecutive positions."""
    infos = {}

    def frequency(gram):
        if gram not in infos:
            infos[gram] = postings.term_info(reader, fieldname, gram.encode("utf-8"))
        return infos[gram].doc_frequency() if infos[gram] is not None else None

    def positions(gram, within):
        return postings.term_positions(reader, fieldname, gram.encode("utf-8"), within=within)

    return phrase_docs(grams, frequency, positions)


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
        held, tf = arrays.held(*postings.term_postings(reader, fieldname, tbytes, within=local), local)
        if not held.any():
            continue
        local = local[held]
        scorer = weighting.scorer(sub, fieldname, tbytes)
        lengths = postings.field_lengths(reader, fieldname)
        fl = lengths[local] if lengths is not None else np.ones(len(local))
        if isinstance(scorer, BM25FScorer):
            values = bm25(scorer.idf, tf, fl, scorer.avgfl, scorer.B, scorer.K1, boost)
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
        held, tf = arrays.held(ids, weights, local)
        if not held.any():
            continue
        lengths = postings.field_lengths(reader, fieldname)
        fl = lengths[local[held]] if lengths is not None else np.ones(int(held.sum()))
        slots = lo + np.flatnonzero(held)
        scores[slots] = bm25(idf, tf, fl, avgfl, B, K1, boost)
        holding[slots] = True
    return scores, holding
