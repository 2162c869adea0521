"""The engine's view of a Whoosh searcher (see search.query.Reader): posting arrays, stored
fields and facet tables of the index at hand."""

import pickle
import struct
import zlib

import numpy as np
import whoosh.index
from whoosh import query as wq
from whoosh.reading import SegmentReader

from ... import analysis
from ...doctable import DocTable
from ...fields import decode_meta
from . import literal
from .postings import DamagedIndexError

# What reading a missing, truncated or damaged index raises: whoosh's own errors, the file layer
# and the decoders under it. Anything else is a bug and must not pass for an unbuilt index.
READ_ERRORS = (
    whoosh.index.IndexError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    DamagedIndexError,
)

# Segment tables by segment id: a segment's stored values never change, and Whoosh opens new
# segment readers on every refresh, so a table kept on the reader would be decoded again
# after each saved record.
_segment_tables = {}
_SEGMENT_TABLES_KEPT = 32


def _segment_table(reader):
    segment_id = reader.segment().segment_id()
    table = _segment_tables.get(segment_id)
    if table is None:
        rows = [decode_meta(raw) for raw in reader.column_reader("meta")]
        table = DocTable.from_rows(rows)
        if len(_segment_tables) >= _SEGMENT_TABLES_KEPT:
            _segment_tables.pop(next(iter(_segment_tables)), None)
        _segment_tables[segment_id] = table
    return table


# The last combined table, by the segments (and offsets) it was made of: a searcher opened
# again over the same segments (every new gunicorn worker, after the master's warm-up) finds it.
# One (key, table) tuple, replaced whole, so a thread never pairs one key with another's table.
_combined = (None, None)


def doc_table(searcher):
    """Facet arrays for every document of this searcher's reader (cached on the reader)."""
    reader = searcher.reader()
    table = getattr(reader, "_hf_doc_table", None)
    if table is None:
        parts, key = [], []
        for sub, offset in searcher.leaf_searchers():
            leaf = sub.reader()
            if isinstance(leaf, SegmentReader) and leaf.has_column("meta"):
                parts.append((_segment_table(leaf), offset))
                key.append((leaf.segment().segment_id(), offset))
            else:  # an empty segment or index
                parts.append((DocTable.from_rows([decode_meta(b"")] * leaf.doc_count_all()), offset))
                key.append((None, offset, leaf.doc_count_all()))
        global _combined
        key = tuple(key)
        kept_key, kept_table = _combined
        table = kept_table if kept_key == key else None
        if table is None:
            table = DocTable.combine(parts)
            _combined = (key, table)
        reader._hf_doc_table = table
    return table


class WhooshReader:
    """Reads one open Whoosh searcher for the engine."""

    read_errors = READ_ERRORS

    def __init__(self, searcher, stale=False):
        self.searcher = searcher
        self.stale = stale  # built by another analyser or with another user dictionary

    def doc_count(self):
        return self.searcher.doc_count()

    def doc_table(self):
        return doc_table(self.searcher)

    def literal_docs(self, fieldname, compact_text):
        return literal.literal_docs(self.searcher, fieldname, compact_text)

    def term_scores(self, fieldname, text, wanted, boost=1.0):
        return literal.term_scores(self.searcher, fieldname, text, wanted, boost)

    def char_scores(self, fieldname, char, wanted, boost=1.0):
        return literal.char_scores(self.searcher, fieldname, char, wanted, boost)

    def exact_docs(self, compact_name):
        found = np.fromiter(self.searcher.docs_for_query(wq.Term("name_exact", compact_name)), dtype=np.int64)
        return np.sort(found)

    def prefetch(self, docnums):
        """Whoosh reads stored fields from a local file: nothing to gather ahead."""

    def prefetch_terms(self, wanted):
        """Whoosh reads postings from a local file: nothing to gather ahead."""

    def stored_fields(self, docnum):
        return self.searcher.stored_fields(docnum)

    def keys_of(self, docnums):
        return {self.searcher.stored_fields(n)["key"] for n in docnums}

    def names(self, docnum):
        """The compact names of a document, kept on the reader (it never changes under it)."""
        names_of = self.searcher.reader().__dict__.setdefault("_hf_names", {})
        names = names_of.get(docnum)
        if names is None:
            stored = self.searcher.stored_fields(docnum).get("names") or ()
            names = names_of[docnum] = [
                c for name in stored if (c := analysis.compact(analysis.normalize(name)))
            ]
        return names
