"""Search documents turned into one segment's rows: posting arrays per term, field lengths,
facet values and stored fields (plain functions, no database), and those rows written.

The arrays are what the engine reads (see search.arrays): for each term, ascending docnums
with their weights (occurrences), and for literal fields every position, grouped by posting.
They are stored as little-endian uint32 bytes, which numpy reads back without decoding.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from ... import analysis, fields
from ...models import IndexDocument, IndexSegment, IndexTerm

FIELDS = {"bigrams": 0, "title_bi": 1, "names_bi": 2, "words": 3, "name_exact": 4}
# Fields whose lengths BM25F reads, in the row order of IndexSegment.lengths.
SCORED = ("bigrams", "title_bi", "names_bi", "words")
U4 = np.dtype("<u4")
META_SEP = b"\x1d"


@dataclass
class SegmentData:
    doc_count: int
    keys: list = field(default_factory=list)
    stored: list = field(default_factory=list)
    meta: bytes = b""
    lengths: bytes = b""
    # (field code, term bytes, document frequency, ids, weights, positions or None)
    terms: list = field(default_factory=list)


def _u4(values):
    return np.asarray(values, dtype=U4).tobytes()


def analyse(documents):
    """The SegmentData of these documents, numbered 0.. in order."""
    documents = list(documents)
    n = len(documents)
    lengths = np.zeros((len(SCORED), n), dtype=U4)
    literal = {name: ([], []) for name in fields.LITERAL_FIELDS}
    words = defaultdict(list)
    exact = defaultdict(list)
    for docnum, doc in enumerate(documents):
        for name, value in fields.literal_values(doc).items():
            codes = fields.code_points(value)
            if len(codes):
                literal[name][0].append(docnum)
                literal[name][1].append(codes)
                lengths[SCORED.index(name), docnum] = len(codes)
        frequencies = analysis.word_frequencies(analysis.normalize(fields.words_value(doc)))
        for word, count in frequencies.items():
            words[word].append((docnum, count))
        lengths[SCORED.index("words"), docnum] = sum(frequencies.values())
        for name in dict.fromkeys(fields.exact_names(doc)):
            exact[name].append(docnum)
    terms = []
    for name, (docnums, arrays) in literal.items():
        if docnums:
            code = FIELDS[name]
            for tbytes, ids, freqs, positions in fields.literal_postings(docnums, arrays):
                terms.append((code, tbytes, len(ids), _u4(ids), _u4(freqs), _u4(positions)))
    for word, postings in words.items():
        ids, counts = zip(*postings, strict=True)
        terms.append((FIELDS["words"], word.encode("utf-8"), len(ids), _u4(ids), _u4(counts), None))
    for name, ids in exact.items():
        terms.append(
            (FIELDS["name_exact"], name.encode("utf-8"), len(ids), _u4(ids), _u4([1] * len(ids)), None)
        )
    return SegmentData(
        doc_count=n,
        keys=[doc["key"] for doc in documents],
        stored=[fields.stored(doc) for doc in documents],
        meta=META_SEP.join(fields.encode_meta(doc) for doc in documents),
        lengths=lengths.tobytes(),
        terms=terms,
    )


def decode_meta_rows(raw, doc_count):
    """The decoded facet rows of a segment (see fields.decode_meta)."""
    raw = bytes(raw)
    rows = raw.split(META_SEP) if doc_count else []
    return [fields.decode_meta(row) for row in rows]


def decode_lengths(raw, doc_count):
    """{field: float64 lengths of every document}."""
    table = np.frombuffer(bytes(raw), dtype=U4).reshape(len(SCORED), doc_count) if doc_count else None
    return {
        name: (table[i].astype(np.float64) if table is not None else np.zeros(0))
        for i, name in enumerate(SCORED)
    }


def write(build, data):
    """Store a segment of `build`; returns it."""
    segment = IndexSegment.objects.create(
        build=build, doc_count=data.doc_count, meta=data.meta, lengths=data.lengths
    )
    IndexDocument.objects.bulk_create(
        [
            IndexDocument(segment=segment, docnum=i, key=key, stored=stored)
            for i, (key, stored) in enumerate(zip(data.keys, data.stored, strict=True))
        ],
        batch_size=2000,
    )
    _write_terms(segment.pk, data.terms)
    return segment


def _write_terms(segment_id, terms):
    if connection.vendor == "postgresql":
        # COPY streams the rows in one statement: several times faster than INSERTs of
        # a hundred thousand terms.
        with connection.cursor() as cursor:
            with cursor.cursor.copy(
                "COPY search_indexterm (segment_id, field, term, frequency, ids, weights, positions) "
                "FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int8", "int2", "bytea", "int4", "bytea", "bytea", "bytea"])
                for row in terms:
                    copy.write_row((segment_id, *row))
        return
    IndexTerm.objects.bulk_create(
        (
            IndexTerm(
                segment_id=segment_id,
                field=code,
                term=tbytes,
                frequency=frequency,
                ids=ids,
                weights=weights,
                positions=positions,
            )
            for code, tbytes, frequency, ids, weights, positions in terms
        ),
        batch_size=2000,
    )
