"""Query expansion: synonyms (三甲 finds 三级甲等) and pinyin (lanzhou finds 兰州市第一人民医院).

Both add alternatives to the parsed query; a record matching the words as typed still ranks
first, because an alternative only widens the OR group that held the typed word. The work is
bounded by search.syntax's caps (MAX_ALTERNATIVES per group).
"""

import re
import threading

from django.db.models import Count, Max

from hospitals.models import SearchSynonym

from . import syntax
from .analysis import compact, normalize

_lock = threading.Lock()
_cache = {"version": None, "table": {}}
_LATIN_QUERY = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _table():
    """{compact word: [other words of its set]} from the admin-edited synonym table."""
    version = tuple(SearchSynonym.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())
    with _lock:
        if _cache["version"] == version:
            return _cache["table"]
    table = {}
    for synonym in SearchSynonym.objects.all():
        words = synonym.word_list
        for word in words:
            key = compact(normalize(word))
            if key:
                others = [w for w in words if w != word]
                table.setdefault(key, [])
                table[key] += [w for w in others if w not in table[key]]
    with _lock:
        _cache.update(version=version, table=table)
    return table


def _term(text):
    return syntax.Term(text=text, compact=compact(normalize(text)), phrase=True)


def with_synonyms(parsed):
    """`parsed` with each typed word's synonyms as alternatives in its OR group."""
    table = _table()
    if not table or not any(t.compact in table and not t.phrase for t in parsed.positive_terms):
        return parsed
    groups = []
    for group in parsed.groups:
        widened = list(group)
        for term in group:
            # A quoted phrase asks for exactly those words.
            for word in () if term.phrase else table.get(term.compact, ()):
                if len(widened) >= syntax.MAX_ALTERNATIVES:
                    break
                if all(t.compact != compact(normalize(word)) for t in widened):
                    widened.append(_term(word))
        groups.append(widened)
    return syntax.ParsedQuery(groups=groups, excluded=parsed.excluded, message=parsed.message)


def pinyin_reading(query, complete):
    """For a query of Latin letters only (lanzhou, lzsdyrmyy, xiehe yiyuan): the parsed query of
    the names it spells (hospitals, indicators, initiatives, by full pinyin or initials), or None.
    `complete` is search.suggest.complete."""
    cleaned = syntax.clean(query)
    if not _LATIN_QUERY.fullmatch(cleaned):
        return None
    names = list(dict.fromkeys(entry["title"] for entry in complete(cleaned)))[: syntax.MAX_ALTERNATIVES]
    if not names:
        return None
    return syntax.ParsedQuery(groups=[[_term(name) for name in names]])
