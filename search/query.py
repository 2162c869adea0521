"""`search()`: the one entry point views use (they never see a backend).

The engine here works on a Reader, which each backend provides (search.backends.whoosh.reader,
search.backends.postgres.reader): posting arrays of literal fields (`literal_docs`), BM25F
term scores (`term_scores`, `char_scores`), hospitals by exact name (`exact_docs`), stored
fields (`prefetch`, `stored_fields`, `names`), the facet table (`doc_table`), and
`prefetch_terms` (what a query will read, gathered in one go where reading costs a round trip). Everything
else, matching, tiers, ranking, facets and bounds, is the same code on every backend.

Matching is literal: every term of the query must occur in the record (a phrase of its
character bigrams), so recall of any verbatim piece of text is complete and 青山医院 never
matches 青山县医院. jieba words, title and name fields only add to the score. Results are
then ordered in tiers: a hospital whose name or alias is the query, then hospitals whose
name or alias contains it, then records holding the whole query in one piece (for
`胸痛 中心`, those with 胸痛中心), then the rest; by score (or date) within a tier.
"""

import logging
from dataclasses import dataclass, field

import numpy as np

from . import analysis, expansion, index, syntax
from .arrays import EMPTY, difference, intersect, member, union
from .documents import KIND_LABELS, KINDS
from .highlight import mark_html, snippet_html
from .suggest import complete

logger = logging.getLogger(__name__)

FACETS = ("type", "province", "hospital", "category")
FILTER_FIELDS = ("province", "hospital", "category")
MAX_PER_PAGE = 100

MESSAGE_MISSING = "搜索索引尚未建立，请运行 python manage.py rebuild_index。"
MESSAGE_STALE = (
    "搜索索引需要重建（分词词典或分析程序已更新），结果可能不完整；请运行 python manage.py rebuild_index。"
)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet_html: str
    score: float
    date: str
    province: str
    hospital: str
    category: str
    title_html: str = ""
    grouped: dict[str, int] = field(default_factory=dict)  # facts listed under this article, by kind

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def grouped_note(self):
        return grouped_note(self.grouped)


@dataclass
class SearchPage:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FACETS})
    message: str = ""
    sort: str = "relevance"
    kind: str | None = None
    filters: dict[str, str] = field(default_factory=dict)
    scored: int = 0  # records scored: the work that grows with matches, bounded by max_scored()

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def _required_docs(reader, parsed):
    """Docnums (ascending array) of the records matching the literal part of the query (what
    _required_query finds), computed from posting arrays."""
    cache = {}

    def holding(compact_text):
        if compact_text not in cache:
            cache[compact_text] = reader.literal_docs("bigrams", compact_text)
        return cache[compact_text]

    docs = None
    for group in parsed.groups:
        found = union([holding(t.compact) for t in group])
        docs = found if docs is None else intersect(docs, found)
        if not len(docs):
            return EMPTY
    for term in parsed.excluded:
        docs = difference(docs, holding(term.compact))
    return docs


FACT_KINDS = ("initiative", "metric")


@dataclass
class Tiers:
    """Docnums (ascending arrays) of the matches that rank above the rest, see _tier_codes."""

    exact: np.ndarray  # a hospital whose name or alias is the query
    in_names: np.ndarray  # a hospital whose name or alias holds every term
    adjacent: np.ndarray  # the whole query in one piece
    evidence_only: np.ndarray  # facts matched only through their evidence, not their own name
    typed: np.ndarray | None = None  # when synonyms widened the query: matches of the words as typed

    def codes(self, docs):
        """Tier of each of `docs` (ascending), higher first: 8 for an exact name, 4 for a name
        holding every term, 2 for a record matched by its own name, title or text (every
        match but a fact matched only through its evidence sentence), 1 for the whole query
        in one piece, summed."""
        typed = member(docs, self.typed) if self.typed is not None else 1
        return (
            typed * 16  # what was typed ranks above what only a synonym matched
            + member(docs, self.exact) * 8
            + member(docs, self.in_names) * 4
            + ~member(docs, self.evidence_only) * 2
            + member(docs, self.adjacent) * 1
        )

    def arrays(self):
        if self.typed is not None:
            return (self.typed, self.exact, self.in_names, self.adjacent)
        return (self.exact, self.in_names, self.adjacent)


def _holding_every_term(reader, parsed, fieldname, allowed):
    """Those of `allowed` whose literal field holds a term of every group."""
    found = allowed
    for group in parsed.groups:
        if not len(found):
            break
        found = intersect(found, union([reader.literal_docs(fieldname, t.compact) for t in group]))
    return found


def _tiers(reader, parsed, allowed, table, typed=None):
    """The Tiers of the matches `allowed`; `typed` is the query before synonyms widened it."""
    whole = "".join(group[0].compact for group in parsed.groups)
    exact = intersect(reader.exact_docs(whole), allowed)
    in_names = _holding_every_term(reader, parsed, "names_bi", allowed)
    adjacent = EMPTY
    if len(parsed.groups) > 1:
        adjacent = intersect(reader.literal_docs("bigrams", whole), allowed)
    codes = [table.kind_names.index(k) for k in FACT_KINDS if k in table.kind_names]
    facts = allowed[np.isin(table.kind[allowed], codes)]
    evidence_only = difference(facts, _holding_every_term(reader, parsed, "title_bi", facts))
    typed_docs = None if typed is None else _holding_every_term(reader, typed, "bigrams", allowed)
    return Tiers(exact, in_names, adjacent, evidence_only, typed_docs)


def _name_coverage(reader, docnums, parsed):
    """How much of its best-matching name the query covers, per hospital document.

    For 青山 the profile named (or also called) 青山医院 beats 青山县医院: the query is half
    of one name and only two fifths of the other.
    """
    terms = [group[0].compact for group in parsed.groups]
    wanted = sum(len(t) for t in terms)
    coverage = {}
    reader.prefetch(docnums)
    for docnum in docnums:
        names = reader.names(docnum)
        best = 0.0
        for name_compact in names:
            if all(t in name_compact for t in terms):
                best = max(best, wanted / len(name_compact))
        coverage[docnum] = best
    return coverage


def _clean_filters(kind, filters):
    kind = kind if kind in KINDS else None
    clean = {}
    for name, value in (filters or {}).items():
        if name in FILTER_FIELDS and isinstance(value, str) and value.strip():
            clean[name] = value.strip()[:100]
    return kind, clean


def _passing(docs, table, kind, filters):
    """{facet: boolean array over `docs`, True where the doc passes that one selection}."""
    passing = {}
    if kind:
        code = table.kind_names.index(kind) if kind in table.kind_names else -1
        passing["type"] = table.kind[docs] == code
    for name, value in filters.items():
        passing[name] = table.holding(name, value)[docs]
    return passing


def _facets(docs, table, passing):
    """Counts per facet over the matches that pass every *other* selection, so choices stay visible."""
    counts = {}
    for name in FACETS:
        others = [p for other, p in passing.items() if other != name]
        kept = docs[np.logical_and.reduce(others)] if others else docs
        counts[name] = table.counts(name, kept)
    return counts


# Work per query is bounded whatever it matches. Above SCORE_ALL_LIMIT matches only likely
# winners are scored: the newest SCORED_PER_TIER of each tier and the `_candidates`; sorting
# by date scores only the page shown. Deep pages stop at MAX_PAGE (the one cap of page
# numbers: views and templates read it from here).
SCORE_ALL_LIMIT = 300
NEWEST_SCORED = 100
SCORED_PER_TIER = 100
MAX_PAGE = 50


def max_scored():
    """The most documents one query scores (tests assert the bound against it)."""
    return max(SCORE_ALL_LIMIT, 3 * SCORED_PER_TIER + 2 * NEWEST_SCORED, MAX_PER_PAGE)


def _literal_scores(reader, parsed, docnums):
    """What `_scores(reader, build_query(parsed, scoring=True), docnums)` computes, summed
    term by term over posting arrays instead of through Whoosh's matcher tree.

    The same sums of the same BM25F term scores, added in the same order: every group's
    matching alternatives (all their bigrams), each term's title and name phrase where it
    holds literally (boosted), and its jieba words. A one-character term, which Whoosh
    would score as a prefix query (a sum over every pair it begins, hundreds of matchers),
    is scored as one term here instead (see the backends' char_scores): same code, same cost as a
    pair.
    """
    wanted = np.unique(np.asarray(docnums, dtype=np.int64))
    by_term = {}

    def term(fieldname, text, boost=1.0):
        key = (fieldname, text, boost)
        if key not in by_term:
            if fieldname != "words" and len(text) == 1:
                by_term[key] = reader.char_scores(fieldname, text, wanted, boost)
            else:
                by_term[key] = reader.term_scores(fieldname, text, wanted, boost)
        return by_term[key]

    def all_grams(fieldname, grams, holders=None):
        parts = [term(fieldname, g) for g in grams]
        total = np.zeros(len(wanted))
        held = np.ones(len(wanted), dtype=bool) if holders is None else holders
        for part_scores, part_held in parts:
            total = total + part_scores
            held = held & part_held
        return np.where(held, total, 0.0)

    scores = np.zeros(len(wanted))
    for group in parsed.groups:
        for t in group:
            scores += all_grams("bigrams", list(dict.fromkeys(analysis.literal_grams(t.compact)))) * 1.0
    for group in parsed.groups:
        for t in group:
            grams = analysis.literal_grams(t.compact)
            for fieldname, boost in (("title_bi", 3.0), ("names_bi", 6.0)):
                holders = None
                if len(grams) > 1:
                    holders = member(wanted, reader.literal_docs(fieldname, t.compact))
                scores += all_grams(fieldname, grams, holders) * boost
            word_list = analysis.words(t.compact)
            if len(word_list) > 1:
                for w in dict.fromkeys(word_list):
                    scores += term("words", w, 0.5)[0] * 1.0
            elif word_list:
                scores += term("words", word_list[0], 1.0)[0] * 1.0
    return dict(zip(wanted.tolist(), scores.tolist(), strict=True))


def _top(docs, key, count):
    """The `count` of `docs` (an array) with the highest `key` (aligned with docs), best first,
    ties by docnum: a partial sort, linear in len(docs)."""
    if count <= 0:
        return docs[:0]
    if len(docs) > count:
        # Ties at the cut go to the lowest docnums, so page n and page n + 1 agree on them.
        threshold = -np.partition(-key, count - 1)[count - 1]
        above = np.flatnonzero(key > threshold)
        tied = np.flatnonzero(key == threshold)
        tied = tied[np.argsort(docs[tied], kind="stable")][: count - len(above)]
        chosen = np.concatenate((above, tied))
        docs, key = docs[chosen], key[chosen]
    return docs[np.lexsort((docs, -key))]


def _newest(docs, day, count):
    """The `count` newest of `docs` (an array), newest first, ties by docnum."""
    return _top(docs, day[docs], count)


def _newest_sorted(docs, day, count):
    return np.sort(_newest(docs, day, count))


def _candidates(reader, parsed, docs, own, day):
    """The matches worth scoring when there are too many to score them all.

    The newest of those with a term in their title or a hospital name (boosted, so they
    rank first anyway), plus the newest of those matched by their own text (`own`, or of
    all if none is): for a query as broad as 医院, the tail is ranked by score among recent
    records instead of among all of them. Scoring costs a Python call per record, so this
    keeps a broad query as cheap as a narrow one.
    """
    in_titles = union(
        [
            reader.literal_docs(fieldname, term.compact)
            for group in parsed.groups
            for term in group
            for fieldname in ("title_bi", "names_bi")
        ]
    )
    titled = intersect(in_titles, docs)
    recent = own if len(own) else docs
    return union([_newest_sorted(titled, day, NEWEST_SCORED), _newest_sorted(recent, day, NEWEST_SCORED)])


def _coverage_array(docs, coverage):
    """`coverage` ({docnum: value}) aligned with ascending `docs` (0 where absent)."""
    values = np.zeros(len(docs))
    if coverage:
        known = np.fromiter(coverage, dtype=np.int64, count=len(coverage))
        at = np.searchsorted(docs, known)
        inside = at < len(docs)
        inside[inside] = docs[at[inside]] == known[inside]
        values[at[inside]] = np.fromiter(coverage.values(), dtype=np.float64, count=len(coverage))[inside]
    return values


def _by_date(reader, parsed, listed, tiers, coverage, day, first, wanted):
    """Ranks first..wanted of `listed` by date, tier and name coverage; only they are scored."""
    # (day, tier, coverage) as one number: tiers are 0-15 and coverage is at most 1.
    key = day[listed] * 64.0 + tiers.codes(listed) * 4.0 + _coverage_array(listed, coverage)
    shown = _top(listed, key, wanted)[first:].tolist()
    scores = _literal_scores(reader, parsed, shown)
    return [(d, scores.get(d, 0.0)) for d in shown], len(shown)


def _by_relevance(reader, parsed, listed, tiers, coverage, day, wanted):
    """Ranks 1..wanted of `listed`: tier by tier, the scored by name coverage, score and
    date, then the tier's unscored matches newest first. Scores at most max_scored() records."""
    pool = listed
    if len(listed) > SCORE_ALL_LIMIT:
        own = difference(listed, tiers.evidence_only)
        pool = union(
            [_newest_sorted(intersect(tier, listed), day, SCORED_PER_TIER) for tier in tiers.arrays()]
            + [_candidates(reader, parsed, listed, own, day)]
        )
    scores = _literal_scores(reader, parsed, pool.tolist())
    scored = np.fromiter(scores, dtype=np.int64, count=len(scores))
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    order = np.argsort(scored, kind="stable")
    scored, values = scored[order], values[order]
    scored_tiers = tiers.codes(scored)
    covered = _coverage_array(scored, coverage)
    # Best first by tier, name coverage, score, then date; ties keep docnum order.
    best = np.lexsort((-day[scored], -values, -covered, -scored_tiers))
    ranked = []
    unscored = difference(listed, scored) if len(scored) < len(listed) else EMPTY
    unscored_tiers = tiers.codes(unscored)
    for tier in sorted(set(scored_tiers.tolist()) | set(unscored_tiers.tolist()), reverse=True):
        in_tier = best[scored_tiers[best] == tier]
        ranked.extend(zip(scored[in_tier].tolist(), values[in_tier].tolist(), strict=True))
        if len(ranked) >= wanted:
            break
        # Deep pages of a broad query: the tier's records nobody scored follow, newest first.
        rest = _newest(unscored[unscored_tiers == tier], day, wanted - len(ranked))
        ranked.extend((d, 0.0) for d in rest.tolist())
        if len(ranked) >= wanted:
            break
    return ranked[:wanted], len(scored)


# The head of a ranking checked for verbatim matches (see _verbatim_first): a stored-field
# read per record, so a fixed number.
VERBATIM_CHECKED = 20


def _verbatim_first(ranked, stored_of, terms, tiers):
    """Within each tier of the ranking's head, records holding every term as typed (no
    punctuation or line break inside) come before those matching only across one: for 年医院,
    "…年医院…" before "2023年，医院". Stable otherwise; the rest of the ranking is unchanged."""
    head = ranked[:VERBATIM_CHECKED]
    if not head or not terms:
        return ranked
    docs = np.array([d for d, _ in head], dtype=np.int64)
    order = np.argsort(docs, kind="stable")
    codes = np.empty(len(docs), dtype=np.int64)
    codes[order] = tiers.codes(docs[order])

    def verbatim(docnum):
        stored = stored_of(docnum)
        text = f"{stored.get('title', '')}\n{stored.get('text', '')}"
        found = sum(term in text for term in terms)
        if found < len(terms):  # folding the whole text costs more: only when needed
            found = sum(term in analysis.normalize(text) for term in terms)
        return found

    keyed = [(-int(code), -verbatim(d), i) for i, ((d, _), code) in enumerate(zip(head, codes, strict=True))]
    return [head[i] for *_, i in sorted(keyed)] + ranked[VERBATIM_CHECKED:]


def _grouped_facts(table, listed, tiers):
    """Facts matched only through their evidence whose article is also a match: listed under
    that article instead of one by one. (docnums kept, (owners, kinds) of the grouped, sorted
    by owner)."""
    if "article" not in table.kind_names or not len(tiers.evidence_only):
        return listed, (EMPTY, EMPTY)
    articles = listed[table.kind[listed] == table.kind_names.index("article")]
    facts = tiers.evidence_only
    owners = table.article[facts]
    grouped = np.isin(owners, table.article[articles]) & (owners >= 0)
    order = np.argsort(owners[grouped], kind="stable")
    kept = difference(listed, facts[grouped])
    return kept, (owners[grouped][order], table.kind[facts[grouped]][order].astype(np.int64))


def _group_counts(table, grouped, article_pk):
    """{kind: count} of the facts grouped under one article."""
    owners, kinds = grouped
    lo, hi = np.searchsorted(owners, [article_pk, article_pk + 1])
    if lo == hi:
        return {}
    found = np.bincount(kinds[lo:hi], minlength=len(table.kind_names))
    return {table.kind_names[k]: int(found[k]) for k in np.flatnonzero(found)}


def grouped_note(counts):
    """该文另有 7 条指标、2 条举措提及 (UI text for an article's grouped facts)."""
    parts = [f"{counts[k]} 条{KIND_LABELS[k]}" for k in ("metric", "initiative") if counts.get(k)]
    return f"该文另有 {'、'.join(parts)}提及" if parts else ""


def _terms_needed(parsed, typed=None):
    """The (field, term) pairs matching and scoring will read: the pairs of every literal in
    the literal fields, its jieba words, and the whole query as a name."""
    wanted = set()
    for query_ in (parsed, typed):
        if query_ is None:
            continue
        terms = [t for group in query_.groups for t in group] + list(query_.excluded)
        for t in terms:
            grams = analysis.literal_grams(t.compact) if len(t.compact) > 1 else []
            for fieldname in ("bigrams", "title_bi", "names_bi"):
                wanted.update((fieldname, g) for g in grams)
            wanted.update(("words", w) for w in analysis.words(t.compact))
        wanted.add(("name_exact", "".join(group[0].compact for group in query_.groups)))
    if len(parsed.groups) > 1:
        whole = "".join(group[0].compact for group in parsed.groups)
        wanted.update(("bigrams", g) for g in analysis.literal_grams(whole))
    return wanted


def execute(
    reader, parsed, *, kind=None, filters=None, page=1, per_page=20, sort="relevance", query="", typed=None
):
    """Run a parsed query on an open reader and build the SearchPage (no database access).

    Matching, totals and facet counts cover every match (array operations over postings).
    Without a type selected, facts matched only through their evidence sentence are listed
    under their article when it matches too (Hit.grouped), not one by one.
    What costs a Python call per record is bounded: at most max_scored() records are scored
    (see _by_relevance, _by_date), name coverage is read for at most SCORED_PER_TIER
    hospitals, VERBATIM_CHECKED records are checked for verbatim matches, and pages stop at
    MAX_PAGE.
    """
    kind, filters = _clean_filters(kind, filters)
    result = SearchPage(query=query, kind=kind, filters=filters, sort=sort)
    table = reader.doc_table()
    reader.prefetch_terms(_terms_needed(parsed, typed))
    docs = _required_docs(reader, parsed)
    passing = _passing(docs, table, kind, filters)
    result.facets = _facets(docs, table, passing)
    selected = docs[np.logical_and.reduce(list(passing.values()))] if passing else docs
    result.total = len(selected)
    if not result.total:
        return result

    day = table.day
    tiers = _tiers(reader, parsed, selected, table, typed)
    listed, grouped = selected, (EMPTY, EMPTY)
    if kind is None:
        listed, grouped = _grouped_facts(table, selected, tiers)
    result.pages = min((len(listed) + per_page - 1) // per_page, MAX_PAGE)
    result.page = page = min(max(1, page), max(1, result.pages))
    coverage = _name_coverage(reader, _newest_sorted(tiers.in_names, day, SCORED_PER_TIER).tolist(), parsed)
    first, wanted = (page - 1) * per_page, page * per_page
    terms = [t.compact for t in parsed.positive_terms]
    stored = {}

    def stored_of(docnum):
        if docnum not in stored:
            stored[docnum] = reader.stored_fields(docnum)
        return stored[docnum]

    if sort == "date":
        ranked, result.scored = _by_date(reader, parsed, listed, tiers, coverage, day, first, wanted)
    else:
        ranked, result.scored = _by_relevance(
            reader, parsed, listed, tiers, coverage, day, max(wanted, VERBATIM_CHECKED)
        )
        reader.prefetch([d for d, _ in ranked[:VERBATIM_CHECKED]])
        ranked = _verbatim_first(ranked, stored_of, terms, tiers)[first:wanted]
    reader.prefetch([d for d, _ in ranked])

    for docnum, score in ranked:
        fields = stored_of(docnum)
        hit_kind = fields.get("kind", "")
        counts = _group_counts(table, grouped, int(table.article[docnum])) if hit_kind == "article" else {}
        result.hits.append(
            Hit(
                kind=hit_kind,
                title=fields.get("title", ""),
                url=fields.get("url", ""),
                snippet_html=snippet_html(fields.get("text", ""), terms),
                score=round(float(score), 3),
                date=fields.get("date", ""),
                province=fields.get("province", ""),
                hospital=fields.get("hospital", ""),
                category=fields.get("category", ""),
                title_html=mark_html(fields.get("title", ""), terms),
                grouped=counts,
            )
        )
    return result


def search(q, *, kind=None, filters=None, page=1, per_page=20, sort="relevance", path=None):
    """Search every kind of record.

    `q` is whatever the user typed (see search.syntax); `kind` one of article, hospital,
    initiative, metric; `filters` may hold province, hospital and category (display values);
    unknown values are ignored. Never raises on bad input: an unusable query, or a missing or
    stale index, comes back with `message` set.
    """
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    try:
        per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    except (TypeError, ValueError):
        per_page = 20
    sort = sort if sort in ("relevance", "date") else "relevance"
    parsed = syntax.parse(q)
    cleaned = syntax.clean(q)
    if not parsed.usable:
        return SearchPage(query=cleaned, message=parsed.message, sort=sort)

    widened = expansion.with_synonyms(parsed)
    typed, parsed = (parsed if widened is not parsed else None), widened
    with index.reader(path) as reader:
        if reader is None:
            return SearchPage(query=cleaned, message=MESSAGE_MISSING, sort=sort)
        options = {"kind": kind, "filters": filters, "page": page, "per_page": per_page, "sort": sort}
        try:
            result = execute(reader, parsed, query=cleaned, typed=typed, **options)
            if not result.total:
                # Letters that find nothing literally may be pinyin: lanzhou, lzsdyrmyy, xiehe yiyuan.
                reading = expansion.pinyin_reading(q, complete)
                if reading is not None:
                    result = execute(reader, reading, query=cleaned, **options)
        except reader.read_errors:
            # An index damaged under the running site is logged and reported, never a 500.
            logger.warning("search index unreadable", exc_info=True)
            index.close_searchers()
            return SearchPage(query=cleaned, message=MESSAGE_MISSING, sort=sort)
    if reader.stale:
        result.message = MESSAGE_STALE
    return result
