"""Sentence spans and a simplified-Chinese view of the text that keeps offsets."""

import re
from dataclasses import dataclass
from functools import lru_cache

SENTENCE_END = re.compile(r"[。！？；!?;\n]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # normalised (simplified) text of body[start:end]
    ends_with: str = ""  # the mark that ended it ("；" joins it to the next in one list)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text):
    """Simplified copy of `text` with the same length, so offsets still line up.

    t2s is char-for-char for nearly all characters; when it is not (a phrase
    conversion changed the length) convert character by character instead.
    """
    if not text:
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for ch in text:
        c = _converter().convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def split_sentences(norm):
    """Sentences of the normalised body as spans, trimmed of spaces and quotes at the edges."""
    sentences = []
    start = 0
    for m in list(SENTENCE_END.finditer(norm)) + [None]:
        end = m.start() if m else len(norm)
        s, e = start, end
        while s < e and norm[s] in ' \t\u3000”’"':
            s += 1
        while e > s and norm[e - 1] in " \t\u3000":
            e -= 1
        if e > s:
            sentences.append(Sentence(s, e, norm[s:e], m.group() if m else ""))
        start = m.end() if m else len(norm)
    return sentences


def sentence_at(sentences, pos):
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None
