"""Sets of document numbers and BM25F scores as numpy arrays, whatever stores the postings.

Both search backends hand the engine (search.query) posting arrays: ascending document
numbers, per-document weights (occurrences) and, for literal fields, one (document,
position) entry per occurrence. Everything here works on those arrays alone, so matching
and scoring are the same code, and give the same answers, on every backend.
"""

import numpy as np

EMPTY = np.zeros(0, dtype=np.int64)


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


def bm25(idf, tf, fl, avgfl, B, K1, boost):
    """whoosh.scoring.bm25, operation for operation, over arrays (times the boost)."""
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))) * boost


def idf(doc_count, frequency):
    """Whoosh's BM25F idf: log(N / (df + 1)) + 1."""
    return np.log(doc_count / (frequency + 1)) + 1


def held(ids, weights, local):
    """(held, tf) for ascending local docnums: whether each holds the posting, and its weight."""
    if not len(ids):
        return np.zeros(len(local), dtype=bool), weights[:0]
    at = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
    found = ids[at] == local
    return found, weights[at[found]]


def cover(freqs):
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


def phrase_docs(grams, frequency, positions):
    """Docnums (ascending) where `grams` (two or more) occur at consecutive positions.

    `frequency(gram)` is the gram's document frequency (None when absent) and
    `positions(gram, within)` its (ids, docs, positions) arrays: the docnums holding it
    (at least those of `within`, ascending, when given) and one (doc, position) entry per
    occurrence. The document arrays of the grams are intersected first (rarest first),
    and positions compared only for documents holding every gram, as sorted (document,
    start) keys.
    """
    freqs = {}
    for gram in grams:
        if gram not in freqs:
            found = frequency(gram)
            if not found:
                return EMPTY
            freqs[gram] = found
    offsets = {}
    for i in cover([freqs[g] for g in grams]):
        offsets.setdefault(grams[i], []).append(i)
    order = sorted(offsets, key=freqs.__getitem__)
    candidates = None
    found = {}
    for gram in order:
        ids, _docs, _places = found[gram] = positions(gram, candidates)
        candidates = ids if candidates is None else intersect(candidates, ids)
        if not len(candidates):
            return EMPTY
    # Every (gram, offset) pair must agree on where the phrase starts; a gram that recurs in
    # the phrase (ABAB: AB at 0 and 2) is checked at each of its offsets.
    wanted = np.zeros(int(candidates[-1]) + 1, dtype=bool)
    wanted[candidates] = True
    keys = None
    for gram in order:
        _ids, all_docs, all_places = found[gram]
        inside = all_docs < len(wanted)
        keep = np.zeros(len(all_docs), dtype=bool)
        keep[inside] = wanted[all_docs[inside]]
        docs = all_docs[keep].astype(np.int64) << 32
        places = all_places[keep].astype(np.int64)
        for i in offsets[gram]:
            starts = docs[places >= i] | (places[places >= i] - i)
            keys = starts if keys is None else np.intersect1d(keys, starts, assume_unique=True)
            if not len(keys):
                return EMPTY
    docs = keys >> 32
    return docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
