"""What to offer: completions while typing (`complete`, /api/suggest/), and when a search
finds nothing, fewer words or hospitals with a similar name (`suggestions`)."""

import bisect
import heapq
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from articles.pinyin import lazy_pinyin
from hospitals.models import Hospital, HospitalAlias, Indicator, IndicatorSynonym, Initiative

from . import syntax
from .analysis import CJK_RE, compact, dictionary_hash, normalize
from .checked import CheckedTable
from .documents import _detail_url, dictionary_words

MAX_SUGGESTIONS = 5


def _hospitals_like(text):
    """Hospitals whose name or alias shares a two-character piece with the query."""
    pieces = {text[i : i + 2] for i in range(len(text) - 1)}
    pieces = {p for p in pieces if p not in ("医院", "人民", "中心", "中医")}
    if not pieces:
        return []
    condition = Q()
    for piece in list(pieces)[:20]:
        condition |= Q(name__contains=piece) | Q(aliases__name__contains=piece)
    return list(Hospital.objects.filter(condition).distinct().order_by("name")[:MAX_SUGGESTIONS])


def suggestions(q, search):
    """[(label, query)] alternatives that do find something. `search` is search.query.search."""
    parsed = syntax.parse(q)
    offered = []
    terms = parsed.positive_terms
    if len(terms) > 1:
        for dropped in terms:
            rest = " ".join(t.text for t in terms if t is not dropped)
            if rest and search(rest, per_page=1).total:
                offered.append((f"去掉“{dropped.text}”", rest))
    for hospital in _hospitals_like(normalize("".join(t.compact for t in terms))):
        offered.append((hospital.name, hospital.name))
    return offered[:MAX_SUGGESTIONS]


# --- completions while typing (/api/suggest/) ------------------------------------------------

MAX_COMPLETIONS = 10
MAX_PREFIX_CHARS = 50
MAX_TOKENS = 8
# Work per lookup is bounded: keys starting with the text, and strings holding it, looked at.
MAX_PREFIX_KEYS = 2000
MAX_INSIDE = 200
TABLE_TTL = 30.0  # seconds a process trusts its table before checking the names again
TYPE_ORDER = {"hospital": 0, "indicator": 1, "initiative": 2}


@dataclass(frozen=True)
class Entry:
    type: str
    title: str
    url: str
    names: tuple[str, ...]  # compact forms of the title and its aliases
    spellings: tuple[tuple[str, ...], ...]  # pinyin syllables of each name


_RUNS = re.compile(f"{CJK_RE.pattern}+|(?:(?!{CJK_RE.pattern}).)+")


def syllables(name):
    """Pinyin syllables of a compact name (other characters kept as lower-case runs)."""
    return tuple(syllable for run in _RUNS.findall(name) for syllable in _run_syllables(run))


@lru_cache(maxsize=50000)
def _run_syllables(run):
    # Per run of Chinese characters (read as phrases, 重庆 chongqing), so names differing
    # only in a number share the work.
    if run.isascii():
        return (run.lower(),) if run.strip() else ()
    return tuple(part.lower() for part in lazy_pinyin(run) if part.strip())


def _compact(text):
    return compact(normalize(text or ""))


def _entry(kind, title, url, aliases=()):
    names = tuple(dict.fromkeys(c for c in (_compact(n) for n in (title, *aliases)) if c))
    return Entry(kind, title, url, names, tuple(syllables(n) for n in names))


def _entries():
    """Every suggestible name: hospitals (with aliases), indicators, initiatives (once per name)."""
    hospital_url = _detail_url("hospitals:detail")
    aliases = {}
    for hospital_id, name in HospitalAlias.objects.values_list("hospital_id", "name"):
        aliases.setdefault(hospital_id, []).append(name)
    entries = [
        _entry("hospital", name, hospital_url(slug), aliases.get(pk, ()))
        for pk, name, slug in Hospital.objects.values_list("pk", "name", "slug")
    ]
    entries += [
        _entry("indicator", indicator.name, indicator.get_absolute_url(), synonyms)
        for indicator, synonyms in _indicators()
    ]
    search_url = reverse("search:results")
    for name in Initiative.objects.order_by().values_list("name", flat=True).distinct():
        query = urlencode({"q": f'"{name}"', "type": "initiative"})
        url = f"{search_url}?{query}"
        entries.append(_entry("initiative", name, url))
    return tuple(entries)


def _indicators():
    synonyms = {}
    for indicator_id, name in IndicatorSynonym.objects.values_list("indicator_id", "name"):
        synonyms.setdefault(indicator_id, []).append(name)
    return [(i, synonyms.get(i.pk, ())) for i in Indicator.objects.only("pk", "name", "slug")]


def _fingerprint():
    """Changes whenever a suggestible name does: the search dictionary (hospital names,
    aliases, initiative names) and the indicators."""
    indicators = tuple(Indicator.objects.order_by("pk").values_list("pk", "name", "slug"))
    synonyms = tuple(IndicatorSynonym.objects.order_by("pk").values_list("pk", "name", "indicator_id"))
    return (dictionary_hash(dictionary_words()), hash(indicators), hash(synonyms))


_table = CheckedTable(lambda: (_fingerprint(), None), lambda _data: Table(_entries()), lambda: TABLE_TTL)


def clear_cache():
    _table.clear()


def table():
    """The Table, rebuilt when the names changed (checked at most every TABLE_TTL seconds)."""
    return _table.get()


class Table:
    """The entries, with their spellings sorted for prefix lookups and joined for substrings.

    A key is a name or alias (compact), its full pinyin (lanzhoushi…) or its initials
    (xns…). A prefix finds its keys by bisection, and text inside a name or its pinyin is
    found by str.find over one joined string, so a lookup costs its matches, not the table.
    """

    def __init__(self, entries):
        self.entries = entries
        keys = []
        names, pinyin = [], []
        for index, entry in enumerate(entries):
            for position, name in enumerate(entry.names):
                keys.append((name, index, 0, position))
                names.append((name, index, position))
            for position, spelling in enumerate(entry.spellings):
                full = "".join(spelling)
                keys.append((full, index, 2, position))
                keys.append(("".join(s[:1] for s in spelling), index, 2, position))
                pinyin.append((full, index, position, spelling))
        keys.sort()
        self.keys = keys
        self.strings = [key[0] for key in keys]
        self.names = _Joined(names)
        self.pinyin = _Joined(pinyin, syllables=True)

    def starting_with(self, prefix, limit=None):
        """(entry index, rank, name position) of the keys starting with `prefix`, in
        alphabetical order, at most `limit` (MAX_PREFIX_KEYS)."""
        at = bisect.bisect_left(self.strings, prefix)
        end = at + (MAX_PREFIX_KEYS if limit is None else limit)
        while at < min(end, len(self.keys)) and self.strings[at].startswith(prefix):
            _key, index, rank, position = self.keys[at]
            yield index, rank, position
            at += 1


class _Joined:
    """Strings joined by newlines, to find those holding a text with str.find. With
    `syllables`, only matches starting on a syllable count."""

    def __init__(self, rows, syllables=False):
        self.text = "\n".join(row[0] for row in rows)
        self.starts, self.owners = [], []
        self.syllable_at = {} if syllables else None  # offset in text -> syllable index
        offset = 0
        for string, index, position, *spelling in rows:
            self.starts.append(offset)
            self.owners.append((index, position))
            if syllables:
                at = offset
                for number, syllable in enumerate(spelling[0]):
                    self.syllable_at[at] = number
                    at += len(syllable)
            offset += len(string) + 1

    def holding(self, text, limit):
        """(entry index, name position, syllable index or None) of up to `limit` strings
        holding `text`."""
        found, at, looked = [], self.text.find(text), 0
        while at != -1 and len(found) < limit and looked < limit * 4:
            looked += 1
            row = bisect.bisect_right(self.starts, at) - 1
            if self.syllable_at is not None and at not in self.syllable_at:
                at = self.text.find(text, at + 1)
                continue
            syllable = self.syllable_at[at] if self.syllable_at is not None else None
            found.append((*self.owners[row], syllable))
            # On to the next string: one match per string is enough.
            following = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
            at = self.text.find(text, following)
        return found


def _token_ends(spelling, at, token):
    """Syllable indexes where `token`, read from syllable `at`, can end: as full pinyin
    (whole syllables, the last possibly cut short) or as initials (a letter a syllable)."""
    ends = set()
    i, pos = at, 0
    while i < len(spelling) and pos < len(token):
        rest = token[pos:]
        if rest.startswith(spelling[i]):
            pos += len(spelling[i])
            i += 1
        elif spelling[i].startswith(rest):
            pos = len(token)
            i += 1
        else:
            break
    if pos == len(token) and i > at:
        ends.add(i)
    if at + len(token) <= len(spelling) and all(spelling[at + k][:1] == token[k] for k in range(len(token))):
        ends.add(at + len(token))
    return ends


def _spells_from(spelling, first, tokens):
    """Whether the tokens spell syllables of the name in order, the first token from
    syllable `first`, each later one from any syllable after the one before."""
    reached = _token_ends(spelling, first, tokens[0])
    for token in tokens[1:]:
        if not reached:
            return False
        reached = {
            end
            for at in range(min(reached), len(spelling))
            if spelling[at][:1] == token[:1]
            for end in _token_ends(spelling, at, token)
        }
    return bool(reached)


def _spells(spelling, tokens):
    """0 if the tokens spell the name from its first syllable (lanshan yiyuan, xn szx), 1 if
    from a later one, None if they do not."""
    for first in range(len(spelling)):
        if spelling[first][:1] == tokens[0][:1] and _spells_from(spelling, first, tokens):
            return 0 if first == 0 else 1
    return None


def complete(prefix):
    """Up to MAX_COMPLETIONS entries whose name, alias, pinyin or pinyin initials start with
    (or, ranked lower, contain) what was typed, best first: [{type, title, url}]."""
    cleaned = syntax.clean(prefix)[:MAX_PREFIX_CHARS]
    wanted = _compact(cleaned)
    if not wanted:
        return []
    current = table()
    best = {}

    def offer(index, key):
        if index not in best or key < best[index]:
            best[index] = key

    for index, rank, position in current.starting_with(wanted):
        if rank == 0:
            rank = 0 if current.entries[index].names[position] == wanted else 1
        offer(index, (rank, position))
    # Pinyin is typed with or without spaces; Chinese characters in it are read as pinyin.
    tokens = [t for t in ("".join(syllables(part)) for part in normalize(cleaned).split()) if t]
    tokens = tokens[:MAX_TOKENS] if all(t.isascii() and t.isalnum() for t in tokens) else []
    if len(tokens) > 1:
        candidates = dict.fromkeys(index for index, _rank, _position in current.starting_with(tokens[0]))
        for index in list(candidates)[:MAX_INSIDE]:
            for position, spelling in enumerate(current.entries[index].spellings):
                if _spells_from(spelling, 0, tokens):
                    offer(index, (2, position))
    elif tokens and tokens[0] != wanted:
        for index, rank, position in current.starting_with(tokens[0]):
            offer(index, (max(rank, 2), position))
    if len(best) < MAX_COMPLETIONS:
        # Fewer than a list's worth start with it: names holding it, then pinyin from a later
        # syllable (zhongxin yiyuan).
        if len(wanted) > 1 or not wanted.isascii():
            for index, position, _syllable in current.names.holding(wanted, MAX_INSIDE):
                offer(index, (3, position))
        if tokens and len(tokens[0]) > 1:
            for index, position, syllable in current.pinyin.holding(tokens[0], MAX_INSIDE):
                spelling = current.entries[index].spellings[position]
                if len(tokens) == 1 or _spells_from(spelling, syllable, tokens):
                    offer(index, (4, position))
    ranked = [
        ((rank, TYPE_ORDER.get(e.type, 9), position, len(e.title), e.title), e)
        for index, (rank, position) in best.items()
        for e in (current.entries[index],)
    ]
    top = heapq.nsmallest(MAX_COMPLETIONS, ranked, key=lambda pair: pair[0])
    return [{"type": e.type, "title": e.title, "url": e.url} for _key, e in top]
