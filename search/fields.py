"""What each search document holds, field by field, whichever backend stores it.

A Document (search.documents) becomes:

- stored values shown in results (title, url, text, date, facets, names);
- three literal fields, `bigrams` (title and text), `title_bi` and `names_bi`: the compact
  text's character pairs at their positions (see analysis.char_postings), so a phrase of
  pairs is a substring test;
- `name_exact`: the compact form of each name, for the query that is a hospital's name;
- `words`: jieba words with their frequencies, for ranking only;
- `meta`: the facet values the engine reads for every match, in one small string.
"""

from datetime import date

import numpy as np

from . import analysis

LITERAL_FIELDS = ("bigrams", "title_bi", "names_bi")
FIELD_SEP, VALUE_SEP = "\x1f", "\x1e"
# Kinds whose text is a quotation from an article: jieba words are taken from the title only.
QUOTING_KINDS = ("initiative", "metric")


def names_of(doc):
    return [n for n in doc["names"] if n]


def stored(doc):
    """The values a result shows."""
    return {
        "key": doc["key"],
        "kind": doc["kind"],
        "title": doc["title"],
        "url": doc["url"],
        "text": doc["text"],
        "date": doc["date"],
        "province": "、".join(doc["provinces"]),
        "hospital": "、".join(doc["hospitals"]),
        "category": "、".join(doc["categories"]),
        "names": names_of(doc),
    }


def literal_values(doc):
    """{literal field: its text}."""
    names = names_of(doc)
    return {
        "bigrams": f"{doc['title']}\n{doc['text']}",
        "title_bi": doc["title"],
        "names_bi": "\n".join(names),
    }


def exact_names(doc):
    """The compact form of every name of the record (a hospital's name and aliases)."""
    return [c for n in names_of(doc) if (c := analysis.compact(analysis.normalize(n)))]


def words_value(doc):
    # Facts quote their article, whose own document already ranks that text by words.
    return doc["title"] if doc["kind"] in QUOTING_KINDS else f"{doc['title']}\n{doc['text']}"


def code_points(value):
    """A literal field's compact text as an array of code points (what literal_postings reads)."""
    text = analysis.compact(analysis.normalize(value))
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def encode_meta(doc):
    """Per-document facet values in one string: read for every match, so kept tiny."""
    day = date.fromisoformat(doc["date"]).toordinal() if doc["date"] else 0
    parts = [
        doc["kind"],
        str(day),
        VALUE_SEP.join(doc["provinces"]),
        VALUE_SEP.join(doc["hospitals"]),
        VALUE_SEP.join(doc["categories"]),
        str(doc.get("article") or ""),
    ]
    return FIELD_SEP.join(parts).encode("utf-8")


def decode_meta(raw):
    """(kind, day, provinces, hospitals, categories, article pk or -1)."""
    if not raw:
        return ("", 0, (), (), (), -1)
    kind, day, provinces, hospitals, categories, *rest = raw.decode("utf-8").split(FIELD_SEP)

    def split(value):
        return tuple(value.split(VALUE_SEP)) if value else ()

    article = int(rest[0]) if rest and rest[0] else -1  # older indexes have no article column
    return (kind, int(day), split(provinces), split(hospitals), split(categories), article)


def literal_postings(docnums, arrays):
    """(term bytes, ids, freqs, positions) of a literal field, terms in byte order.

    `arrays` are the documents' code points (see code_points), `docnums` their numbers.
    Every character position is a row: its term is the pair it starts, or the character
    alone at the end of a document. Term keys are (first code point, second + 1 or 0): the
    order of UTF-8 bytes. Rows come in (document, position) order, so a stable sort by key
    leaves each term's postings in document order and each posting's positions ascending
    and together.
    """
    sizes = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
    codes = np.concatenate(arrays).astype(np.int64)
    total = len(codes)
    ends = np.cumsum(sizes)
    docs = np.repeat(np.asarray(docnums, dtype=np.int64), sizes)
    positions = np.arange(total, dtype=np.int64) - np.repeat(ends - sizes, sizes)
    second = np.empty(total, dtype=np.int64)
    second[:-1] = codes[1:] + 1
    second[ends - 1] = 0  # the last character of each document stands alone
    keys = (codes << 22) | second
    order = np.argsort(keys, kind="stable")
    keys, docs, positions = keys[order], docs[order], positions[order]
    # A posting is a run of rows with the same term and document; a term, a run of postings.
    starts = np.flatnonzero(np.concatenate(([True], (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1]))))
    freqs = np.diff(np.append(starts, total))
    ids = docs[starts]
    posting_keys = keys[starts]
    term_starts = np.flatnonzero(np.concatenate(([True], posting_keys[1:] != posting_keys[:-1])))
    term_ends = np.append(term_starts[1:], len(starts))
    row_starts = np.append(starts, total)
    for key, begin, end in zip(
        posting_keys[term_starts].tolist(), term_starts.tolist(), term_ends.tolist(), strict=True
    ):
        first, second = key >> 22, (key & 0x3FFFFF) - 1
        term = chr(first) + chr(second) if second >= 0 else chr(first)
        yield (
            term.encode("utf-8", "surrogatepass"),
            ids[begin:end],
            freqs[begin:end],
            positions[row_starts[begin] : row_starts[end]],
        )
