"""Sentence spans and a simplified-Chinese view of the text that keeps offsets."""

import re
from dataclasses import dataclass

from articles.text import to_simplified

__all__ = ["MAX_SENTENCE", "Sentence", "split_sentences", "to_simplified"]

SENTENCE_END = re.compile(r"[。！？；!?;\n]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # normalised (simplified) text of body[start:end]
    ends_with: str = ""  # the mark that ended it ("；" joins it to the next in one list)


# Extraction looks back and forth within a sentence, so its cost grows with the square of a
# sentence's length. Real sentences are far shorter than this; a run-on line (a web page with no
# full stops, a garbled file) is cut at clause marks, or hard, into pieces of at most this length.
MAX_SENTENCE = 300
_CLAUSE_MARK = re.compile(r"[，,、：:]")


def split_sentences(norm):
    """Sentences of the normalised body as spans, trimmed of spaces and quotes at the edges."""
    sentences = []
    start = 0
    for m in SENTENCE_END.finditer(norm + "\n"):
        end = min(m.start(), len(norm))
        for s, e in _pieces(norm, start, end):
            while s < e and norm[s] in ' \t\u3000”’"':
                s += 1
            while e > s and norm[e - 1] in " \t\u3000":
                e -= 1
            if e > s:
                mark = m.group() if m.start() < len(norm) else ""
                sentences.append(Sentence(s, e, norm[s:e], mark if e == end else "，"))
        start = m.end()
    return sentences


def _pieces(norm, start, end):
    """(start, end) spans of at most MAX_SENTENCE characters covering norm[start:end]."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = None
        for mark in _CLAUSE_MARK.finditer(norm, start + MAX_SENTENCE // 2, limit):
            cut = mark.end()
        cut = cut or limit
        yield start, cut
        start = cut
    yield start, end
