"""Whoosh's own queries for what the array engine computes: the reference the tests compare it
with (matching and scores), and nothing else uses."""

import bisect

from whoosh import query as wq

from ... import analysis


def literal_query(fieldname, compact_text, boost=1.0):
    grams = analysis.literal_grams(compact_text)
    if len(compact_text) == 1:
        # Literal fields hold pairs, not characters: every pair starting with it (see
        # analysis.char_postings).
        return wq.Prefix(fieldname, compact_text, boost=boost)
    if len(grams) == 1:
        return wq.Term(fieldname, grams[0], boost=boost)
    return wq.Phrase(fieldname, grams, boost=boost)


def required_query(parsed):
    """The literal part of the query: what decides whether a record matches."""
    required = [wq.Or([literal_query("bigrams", t.compact) for t in group]) for group in parsed.groups]
    must = required[0] if len(required) == 1 else wq.And(required)
    if parsed.excluded:
        must = wq.AndNot(must, wq.Or([literal_query("bigrams", t.compact) for t in parsed.excluded]))
    return must


def loose_query(fieldname, compact_text):
    """All the grams of a literal, anywhere: scores like its phrase without reading positions.

    Whoosh scores a phrase as the sum of its terms' scores, so on records already known to hold
    the phrase this ranks identically at a fraction of the cost.
    """
    grams = list(dict.fromkeys(analysis.literal_grams(compact_text)))
    if len(compact_text) == 1:
        return wq.Prefix(fieldname, compact_text)
    return wq.Term(fieldname, grams[0]) if len(grams) == 1 else wq.And([wq.Term(fieldname, g) for g in grams])


def build_query(parsed, scoring=False):
    """The Whoosh query for a ParsedQuery: literal terms required, the rest for ranking.

    With scoring=True, for records already known to match: same scores, no position checks
    on the required part, no exclusions.
    """
    optional = []
    for group in parsed.groups:
        for term in group:
            optional.append(literal_query("title_bi", term.compact, boost=3.0))
            optional.append(literal_query("names_bi", term.compact, boost=6.0))
            word_list = analysis.words(term.compact)
            if len(word_list) > 1:
                optional.extend(wq.Term("words", w, boost=0.5) for w in dict.fromkeys(word_list))
            elif word_list:
                optional.append(wq.Term("words", word_list[0], boost=1.0))
    if scoring:
        loose = [wq.Or([loose_query("bigrams", t.compact) for t in group]) for group in parsed.groups]
        must = loose[0] if len(loose) == 1 else wq.And(loose)
    else:
        must = required_query(parsed)
    return wq.AndMaybe(must, wq.Or(optional)) if optional else must


def scores(searcher, q, docnums):
    """{docnum: score} for these matching documents only, segment by segment.

    Walking the query's matcher with skip_to reads just the posting blocks holding them,
    instead of collecting (and scoring) every match and filtering afterwards.
    """
    scores = {}
    wanted = sorted(int(d) for d in docnums)
    context = searcher.context()
    for sub, offset in searcher.leaf_searchers():
        end = offset + sub.doc_count_all()
        lo, hi = bisect.bisect_left(wanted, offset), bisect.bisect_left(wanted, end)
        if lo == hi:
            continue
        m = q.matcher(sub, context)
        for docnum in wanted[lo:hi]:
            local = docnum - offset
            if not m.is_active():
                break
            if m.id() < local:
                m.skip_to(local)
                if not m.is_active():
                    break
            if m.id() == local:
                scores[docnum] = m.score()
    return scores
