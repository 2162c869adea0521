"""Snippets with <mark>, built from escaped text (no Django, no Whoosh).

Matches are found in the normalised text, which has the same length as the original, so
the offsets mark the original characters. A term matches across separators the way the
index does (查 研 in "调查,研究" is the literal 调查研), so phrases, bigram matches,
single characters and numbers highlight exactly what made the record match.
"""

import html
from functools import lru_cache

from .analysis import literal_pattern, normalize

MAX_SPANS = 400


@lru_cache(maxsize=512)
def _pattern(compact_term):
    return literal_pattern(compact_term)


def find_spans(text, terms):
    """Sorted, non-overlapping (start, end, term_index) of every term in `text`."""
    normalized = normalize(text)
    spans = []
    for index, term in enumerate(terms):
        if not term:
            continue
        for match in _pattern(term).finditer(normalized):
            if match.end() > match.start():
                spans.append((match.start(), match.end(), index))
            if len(spans) >= MAX_SPANS:
                break
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged = []
    for start, end, index in spans:
        if merged and start < merged[-1][1]:
            prev = merged[-1]
            if end > prev[1]:
                merged[-1] = (prev[0], end, prev[2])
            continue
        merged.append((start, end, index))
    return merged


def _render(text, spans, start, end):
    out = []
    pos = start
    for s, e, _ in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _best_window(spans, width, lead):
    """Start of the window holding the most distinct terms, then the most matches."""
    best, best_key = 0, None
    j = 0
    n = len(spans)
    for i in range(n):
        begin = max(0, spans[i][0] - lead)
        limit = begin + width
        j = max(j, i)
        while j + 1 < n and spans[j + 1][1] <= limit:
            j += 1
        window = spans[i : j + 1]
        key = (len({s[2] for s in window}), len(window))
        if best_key is None or key > best_key:
            best, best_key = begin, key
    return best


def snippet_html(text, terms, width=140, lead=24):
    """An HTML snippet of `text` around the best matches of `terms` (compact query strings).

    Everything outside <mark> tags is escaped; line breaks become spaces.
    """
    text = text or ""
    spans = find_spans(text, terms) if terms else []
    if not spans:
        start = 0
    else:
        start = _best_window(spans, width, lead)
        # Start at the beginning of a sentence when one is close by.
        for i in range(start, max(0, start - 12) - 1, -1):
            if i == 0 or text[i - 1] in "。！？\n；":
                start = i
                break
    end = min(len(text), start + width)
    body = _render(text, spans, start, end).replace("\n", " ")
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def mark_html(text, terms):
    """All of `text`, escaped, with every match of `terms` marked (for titles)."""
    text = text or ""
    return _render(text, find_spans(text, terms) if terms else [], 0, len(text))
