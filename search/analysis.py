"""Text analysis shared by indexing, querying and highlighting (no Django, no database).

Every piece of text goes through `normalize()` first. It is length-preserving (one character
in, one character out), so an offset found in normalised text is also an offset into the text
the reader sees; highlighting relies on that.

Matching works on the *compact* form: normalised text with everything that is not a letter,
digit, `.` or `%` removed. Any literal query that occurs in a record's text therefore occurs
in the record's compact text, whatever punctuation, spaces or line breaks sat in between,
and a phrase of its character bigrams finds it.
"""

import hashlib
import re
import threading
from collections import defaultdict

from articles.text import t2s_table

# Bump when tokenisation or normalisation changes: indexes built by older code are then stale.
# (Also when the per-document meta column changes: 6 added each fact's article.)
ANALYZER_VERSION = "6"

# A "searchable" character is a Unicode word character except "_", or "." / "%" so that
# 90.72 and 33.2% stay searchable. Everything else separates.
SEPARATORS_RE = re.compile(r"[^\w.%]|_")
SEPARATOR_RUN = r"(?:[^\w.%]|_)*"
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _build_table():
    table = dict(t2s_table())
    # Full-width ASCII variants (！ to ～) fold to ASCII, then ASCII upper case folds to lower.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(0xFF21, 0xFF3B):  # Ａ-Ｚ
        table[code] = chr(code - 0xFEE0 + 32)
    return table


_TABLE = _build_table()


def normalize(text):
    """Fold width, Latin case and traditional characters; the result has the same length."""
    return text.translate(_TABLE)


def compact(normalized):
    """Drop separators from normalised text (what bigrams and literal matching work on)."""
    return SEPARATORS_RE.sub("", normalized)


def has_cjk(text):
    return bool(CJK_RE.search(text))


def char_postings(compact_text):
    """Term -> positions for a literal field: each character pair at its index, plus the last
    character alone.

    A literal string of length >= 2 occurs in the text exactly when its bigrams occur at
    consecutive positions, so a Whoosh phrase query over them is a substring test. A single
    character occurs exactly when some term *starts* with it (the pair it begins, or the
    trailing character), so one-character queries are prefix queries and the index carries
    no per-character postings (they were a third of all postings).
    """
    postings = defaultdict(list)
    last = len(compact_text) - 1
    for i in range(last):
        postings[compact_text[i : i + 2]].append(i)
    if last >= 0:
        postings[compact_text[last]].append(last)
    return postings


def literal_grams(compact_text):
    """The terms whose phrase finds `compact_text` (length >= 2) in a literal field.

    A single character comes back alone: it is looked up as a prefix (see `char_postings`).
    """
    if len(compact_text) == 1:
        return [compact_text]
    return [compact_text[i : i + 2] for i in range(len(compact_text) - 1)]


def literal_pattern(compact_text):
    """A regex finding `compact_text` in normalised text, separators allowed in between."""
    return re.compile(SEPARATOR_RUN.join(re.escape(ch) for ch in compact_text))


# --- jieba words (ranking only) -------------------------------------------------------------

_jieba_lock = threading.Lock()
_loaded_words = set()
_jieba_ready = False


def _jieba():
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                _jieba_ready = True
    return jieba


def dictionary_hash(words):
    """A stable fingerprint of the user dictionary (recorded with the index)."""
    digest = hashlib.sha1()
    for word in sorted({normalize(w).strip() for w in words if w and w.strip()}):
        digest.update(word.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


def load_user_words(words):
    """Add hospital names, aliases and initiative names to jieba so they stay whole.

    Words already added in this process are skipped, so calling this on every request is cheap.
    """
    jieba = _jieba()
    new = {normalize(w).strip() for w in words if w and w.strip()} - _loaded_words
    if not new:
        return
    with _jieba_lock:
        for word in sorted(new):
            if len(word) > 1 and " " not in word:
                jieba.add_word(word, freq=max(jieba.get_FREQ(word) or 0, 50000))
            _loaded_words.add(word)


def words(normalized_text):
    """jieba words of normalised text, separators dropped (non-overlapping, in order)."""
    jieba = _jieba()
    return [c for w in jieba.lcut(normalized_text, HMM=False) if (c := compact(w))]


def word_frequencies(normalized_text):
    freqs = defaultdict(int)
    for word in words(normalized_text):
        freqs[word] += 1
    return freqs
