"""The jieba user dictionary: hospital names, aliases and initiative names from the database.

Both backends segment with it and record the version (a hash of the words) and the words
they were built with, so an index built before a name was added reads as stale, and an edit
re-segments only the documents holding the changed words.
"""

import time

from . import analysis

# More changed dictionary words than this at once (a bulk import) are left to rebuild_index.
MAX_DICTIONARY_CHANGES = 200
DICTIONARY_TTL = 30.0

_cache = {"hash": None, "words": frozenset(), "at": 0.0}


def current(refresh=False):
    """The hash of the user dictionary from the database (loaded into jieba), kept a few seconds."""
    from .documents import dictionary_words

    now = time.monotonic()
    if refresh or _cache["hash"] is None or now - _cache["at"] > DICTIONARY_TTL:
        words = dictionary_words()
        analysis.load_user_words(words)
        _cache.update(hash=analysis.dictionary_hash(words), words=frozenset(words), at=now)
    return _cache["hash"]


def current_words():
    """The words of the dictionary `current()` last read."""
    return _cache["words"]


def invalidate():
    _cache["hash"] = None


def keys_holding(reader, words):
    """Keys of the documents whose text holds any of these words literally: those a changed
    dictionary word re-segments (`reader` is a backend's Reader, see search.query)."""
    from .arrays import union

    texts = {analysis.compact(analysis.normalize(w)) for w in words}
    docs = union([reader.literal_docs("bigrams", text) for text in texts if len(text) > 1])
    return reader.keys_of(docs.tolist())


def changed_words(recorded, recorded_version):
    """The words added or removed since an index was segmented with `recorded` (version
    `recorded_version`), or None when it has nothing to follow: the same version, unknown
    words, or too many changes (a rebuild's job)."""
    if recorded is None or recorded_version == current():
        return None
    changed = set(current_words()) ^ set(recorded)
    return changed if len(changed) <= MAX_DICTIONARY_CHANGES else None
