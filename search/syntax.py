"""The query language: parse whatever a user typed into terms, never raising.

    spaces mean AND        胸痛 中心
    "quoted phrase"        "最多跑一次"   (“中文引号” too; an unclosed quote runs to the end)
    -word / -"phrase"      excludes records containing it
    OR                     either side (binds tighter than the spaces around it)

Every term, quoted or not, is matched literally (after normalisation), so 青山医院 never
matches 青山县医院. There are no field prefixes, wildcards or fuzzy terms: `field:`, `*`,
`~` are just separators.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .analysis import compact, has_cjk, normalize

# Caps on what one query may ask for: each term costs a few passes over posting arrays, so
# these (with the caps on scoring in search.query) bound the work of any query.
MAX_QUERY_CHARS = 200
MAX_TERMS = 8  # terms in all, excluded ones included; the rest are ignored
MAX_ALTERNATIVES = 4  # terms joined by OR in one group; further alternatives are ignored
MAX_TERM_CHARS = 48

QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』", "＂": "＂"}
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    text: str  # as typed (after cleaning), for display
    compact: str  # normalised, separators dropped: what must occur literally
    phrase: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Term]] = field(default_factory=list)  # AND of groups; a group is an OR
    excluded: list[Term] = field(default_factory=list)
    message: str = ""

    @property
    def positive_terms(self):
        return [term for group in self.groups for term in group]

    @property
    def usable(self):
        return bool(self.groups)


def clean(text):
    """Strip control/format/private characters, collapse whitespace, cap the length."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[: MAX_QUERY_CHARS * 4]
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif unicodedata.category(ch)[0] != "C":
            kept.append(ch)
    return _WS_RE.sub(" ", "".join(kept)).strip()[:MAX_QUERY_CHARS]


def _tokens(text):
    """Yield (raw, quoted, negated) tokens."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " ":
            i += 1
            continue
        negated = False
        if ch in "-－" and i + 1 < n and text[i + 1] != " ":
            negated = True
            i += 1
            ch = text[i]
        if ch in QUOTES:
            closing = QUOTES[ch]
            end = text.find(closing, i + 1)
            if ch == '"' and end == -1:
                end = text.find("”", i + 1)
            if end == -1:
                end = n
            yield text[i + 1 : end], True, negated
            i = end + 1
            continue
        end = i
        while end < n and text[end] != " " and text[end] not in QUOTES:
            end += 1
        yield text[i:end], False, negated
        i = end


def _searchable(compact_text):
    """A term must have a Chinese character, or at least one letter or digit."""
    return bool(compact_text) and (has_cjk(compact_text) or any(ch.isalnum() for ch in compact_text))


def parse(text):
    """Parse a raw query string into a ParsedQuery; never raises."""
    cleaned = clean(text)
    if not cleaned:
        return ParsedQuery(message="请输入要查找的词。")

    groups, excluded = [], []
    pending_or = False
    count = 0
    for raw, quoted, negated in _tokens(cleaned):
        if not quoted and not negated and raw == "OR":
            pending_or = bool(groups)
            continue
        term_compact = compact(normalize(raw))[:MAX_TERM_CHARS]
        if not _searchable(term_compact):
            continue
        alternative = pending_or and not negated and groups
        pending_or = False
        if alternative and len(groups[-1]) >= MAX_ALTERNATIVES:
            continue
        count += 1
        if count > MAX_TERMS:
            break
        term = Term(text=raw.strip(), compact=term_compact, phrase=quoted)
        if negated:
            excluded.append(term)
        elif alternative:
            groups[-1].append(term)
        else:
            groups.append([term])

    if not groups:
        if excluded:
            return ParsedQuery(excluded=excluded, message="只有排除词，请再输入一个要查找的词。")
        return ParsedQuery(message="查询中没有可搜索的文字，请输入中文、字母或数字。")
    return ParsedQuery(groups=groups, excluded=excluded)
