"""Did you mean: a query whose place or hospital name was typed with a homophone (兰洲 for 兰州)
corrected from the collection's own names.

Names are keyed by their toneless pinyin; a piece of the query with the same pinyin but other
characters is a typo of that name. The work per query is bounded: at most MAX_PIECES pieces of
the query are looked up, each one dictionary probe.
"""

import re
import threading

from django.db.models import Max

from articles.pinyin import lazy_pinyin
from hospitals.models import Hospital, HospitalAlias

from .analysis import normalize

MIN_PIECE, MAX_PIECE = 2, 8
MAX_QUERY_CHARS = 40
MAX_PIECES = 300
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Administrative suffixes: 泸溪县 is also written 泸溪.
_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|县|区|旗|州|盟)$")

_lock = threading.Lock()
_cache = {"key": None, "names": {}}


def _key(text):
    return " ".join(lazy_pinyin(text))


def _collection_key():
    """Changes whenever a hospital or alias is added, renamed away or deleted."""
    hospitals = Hospital.objects.aggregate(n=Max("pk"))["n"], Hospital.objects.count()
    aliases = HospitalAlias.objects.aggregate(n=Max("pk"))["n"], HospitalAlias.objects.count()
    return hospitals, aliases


def _names():
    """{pinyin key: name} of hospital names, aliases and their places (with and without suffix)."""
    key = _collection_key()
    with _lock:
        if _cache["key"] == key:
            return _cache["names"]
    words = set()
    for name, province, city, county in Hospital.objects.values_list("name", "province", "city", "county"):
        words.add(name)
        for place in (province, city, county):
            if place:
                words.add(place)
                words.add(_PLACE_SUFFIX.sub("", place))
    words.update(HospitalAlias.objects.values_list("name", flat=True))
    names = {}
    for word in words:
        word = normalize(word)
        if MIN_PIECE <= len(word) <= 20 and _HAN_RUN.fullmatch(word):
            # Two names that sound alike are no correction for each other: keep neither.
            k = _key(word)
            names[k] = None if k in names and names[k] != word else word
    with _lock:
        _cache.update(key=key, names=names)
    return names


def correction(query):
    """The query with its homophone typos of collection names corrected, or None."""
    text = normalize(query or "")[:MAX_QUERY_CHARS]
    if not _HAN_RUN.search(text):
        return None
    names = _names()
    out, probes, changed = text, 0, False
    for run in _HAN_RUN.finditer(text):
        word = run.group()
        i = 0
        while i < len(word) and probes < MAX_PIECES:
            for n in range(min(MAX_PIECE, len(word) - i), MIN_PIECE - 1, -1):
                probes += 1
                piece = word[i : i + n]
                found = names.get(_key(piece))
                if found and found != piece:
                    out = out.replace(piece, found, 1)
                    changed = True
                    i += n - 1
                    break
            i += 1
    return out if changed else None
