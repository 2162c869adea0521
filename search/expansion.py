"""Query expansion: synonyms (三甲 finds 三级甲等) and pinyin (lanzhou finds 兰州市第一人民医院;
青山 diyi yiyuan finds what 青山 第一 医院 does).

Both add alternatives to the parsed query; a record matching the words as typed still ranks
first, because an alternative only widens the OR group that held the typed word, and pinyin is
read only when the query as typed finds nothing. The work is bounded by search.syntax's caps
(MAX_ALTERNATIVES per group, MAX_TERMS groups) and, for pinyin, by MAX_INSIDE places in names
looked at per run of letters, MAX_SPLIT pieces a run is cut into and MAX_PROBES lookups a query.
"""

import bisect
import re
import threading
from collections import Counter
from functools import lru_cache

from django.db.models import Count, Max

from hospitals.models import SearchSynonym

from . import suggest, syntax
from .analysis import CJK_RE, compact, normalize

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
    """The query with its letters read as pinyin, or None when there is nothing to read.

    A query of Latin letters only (lanzhou, lzsdyrmyy, xiehe yiyuan) is read as the names it
    spells (hospitals, indicators, initiatives, by full pinyin or initials). Otherwise, and when
    no name is spelled, each run of letters is read as the pieces of those names it spells
    (see read_letters): 青山 xiehe is 青山 AND (xiehe OR 协和), deyang中心医院 is
    (deyang OR 德阳) AND 中心医院. `complete` is search.suggest.complete."""
    cleaned = syntax.clean(query)
    if _LATIN_QUERY.fullmatch(cleaned):
        names = list(dict.fromkeys(entry["title"] for entry in complete(cleaned)))
        if names:
            return syntax.ParsedQuery(groups=[[_term(name) for name in names[: syntax.MAX_ALTERNATIVES]]])
    return _letters_read(syntax.parse(cleaned), suggest.table())


# --- letters inside a query read as pieces of names -----------------------------------------

# Places in names looked at for one run of letters, readings kept per run (the letters as typed
# stay too), pieces an unreadable run is cut into, letters of one piece, the longest run cut, and
# lookups of letters in the names per query: the work of reading a query is bounded.
MAX_INSIDE = 200
MAX_READINGS = syntax.MAX_ALTERNATIVES - 1
MAX_SPLIT = 4
MAX_PIECE_LETTERS = 18
MAX_LETTERS = 30
MAX_PROBES = 40
_PIECES = re.compile(r"[a-z]+|[^a-z]+")


@lru_cache(maxsize=50000)
def _syllable_spans(name):
    """(start, end) in the compact name of each of its pinyin syllables (search.suggest.syllables),
    or None when they do not line up with its characters."""
    spans, at = [], 0
    for run in suggest._RUNS.findall(name):
        read = suggest._run_syllables(run)
        if CJK_RE.match(run):
            if len(read) != len(run):
                return None
            spans += [(at + i, at + i + 1) for i in range(len(run))]
        elif read:
            spans.append((at, at + len(run)))
        at += len(run)
    return tuple(spans)


def _piece(entry, position, first, end):
    """The characters of one of the entry's names spelled by syllables first..end, if they are
    Chinese and more than one (a single syllable has too many readings to be one)."""
    name = entry.names[position]
    spans = _syllable_spans(name)
    if spans is None or len(spans) != len(entry.spellings[position]) or end > len(spans):
        return None
    text = name[spans[first][0] : spans[end - 1][1]]
    return text if len(text) > 1 and CJK_RE.search(text) else None


def _whole_syllables(spelling, first, letters):
    """The syllable index where `letters`, read from syllable `first`, ends on a syllable
    boundary, or None."""
    at, i = 0, first
    while at < len(letters) and i < len(spelling):
        if not letters.startswith(spelling[i], at):
            return None
        at += len(spelling[i])
        i += 1
    return i if at == len(letters) else None


def _occurrences(joined, letters):
    """(entry index, name position, syllable index) of up to MAX_INSIDE places where `letters`
    start on a syllable of a name's pinyin (search.suggest._Joined), every one in a name."""
    at, looked, found = joined.text.find(letters), 0, 0
    while at != -1 and looked < MAX_INSIDE * 4 and found < MAX_INSIDE:
        looked += 1
        syllable = joined.syllable_at.get(at)
        if syllable is not None:
            found += 1
            yield *joined.owners[bisect.bisect_right(joined.starts, at) - 1], syllable
        at = joined.text.find(letters, at + 1)


class Reader:
    """Reads runs of letters as pieces of the names in a search.suggest.Table, remembering what it
    read and refusing more than MAX_PROBES lookups."""

    def __init__(self, table):
        self.table = table
        self.probes = 0
        self.known = {}

    def read(self, letters, initials=True):
        """Up to MAX_READINGS pieces (two characters or more) of the collection's names (hospitals
        and their aliases, indicators, initiatives) that `letters` spell, most common first: as
        full pinyin of whole syllables anywhere in a name (xiehe → 协和, diyi → 第一), else as
        initials of a name's first syllables (qs → 青山)."""
        key = (letters, initials)
        if key not in self.known:
            if self.probes >= MAX_PROBES:
                return []
            self.probes += 1
            self.known[key] = self._read(letters, initials)
        return self.known[key]

    def _read(self, letters, initials):
        table, found = self.table, Counter()
        for index, position, first in _occurrences(table.pinyin, letters):
            entry = table.entries[index]
            end = _whole_syllables(entry.spellings[position], first, letters)
            if end is not None and (text := _piece(entry, position, first, end)):
                found[text] += 1
        if not found and initials and len(letters) > 1:
            for index, rank, position in table.starting_with(letters, MAX_INSIDE):
                spelling = table.entries[index].spellings[position]
                heads = "".join(syllable[:1] for syllable in spelling[: len(letters)])
                if rank == 2 and heads == letters:
                    if text := _piece(table.entries[index], position, 0, len(letters)):
                        found[text] += 1
        return [text for text, _count in found.most_common(MAX_READINGS)]

    def split(self, letters):
        """[(piece, readings)] of `letters` cut into at most MAX_SPLIT pieces, each read on its
        own as full pinyin (diyiyiyuan → 第一, 医院 when no name holds 第一医院), longest readable
        piece first; None if some piece has no reading."""
        pieces, at = [], 0
        while at < len(letters):
            if len(pieces) == MAX_SPLIT:
                return None
            for end in range(min(len(letters), at + MAX_PIECE_LETTERS), at + 1, -1):
                readings = self.read(letters[at:end], initials=False)
                if readings:
                    pieces.append((letters[at:end], readings))
                    at = end
                    break
            else:
                return None
        return pieces

    def term(self, text):
        """The groups one term becomes with its letters read as pinyin, or None if none are."""
        groups, read = [], False
        for piece in _PIECES.findall(text):
            if not (piece.isascii() and piece.isalpha() and len(piece) > 1):
                groups.append([_term(piece)])
                continue
            readings = self.read(piece)
            cut = None
            if not readings and 3 < len(piece) <= MAX_LETTERS:
                cut = self.split(piece)
            for part, found in cut or [(piece, readings)]:
                groups.append([_term(part), *(_term(r) for r in found)])
                read = read or bool(found)
        return groups if read else None


def read_letters(letters, table, initials=True):
    """Reader.read for one run of letters."""
    return Reader(table).read(letters, initials)


def _letters_read(parsed, table):
    """`parsed` with each run of Latin letters in an unquoted term read as pinyin: the run becomes
    a group of its own (the letters as typed, or a reading), and so does each run of other
    characters around it. A term none of whose runs has a reading stays as it was; None when no
    term has one."""
    if not parsed.usable:
        return None
    reader = Reader(table)
    groups, changed = [], False
    for group in parsed.groups:
        term = group[0]
        read = None
        if len(group) == 1 and not term.phrase and re.search("[a-z]{2}", term.compact):
            read = reader.term(term.compact)
        groups += read or [group]
        changed = changed or bool(read)
    if not changed or len(groups) > syntax.MAX_TERMS:
        return None
    return syntax.ParsedQuery(groups=groups, excluded=parsed.excluded)
