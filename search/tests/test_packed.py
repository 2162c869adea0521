"""Packed posting blocks: Whoosh reads them as its own, merges keep them right, and indexes
written in Whoosh's own positions format are still read."""

import pickle
import random

import numpy as np
import pytest
from whoosh import formats
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from search import analysis
from search.backends.whoosh import index, literal, packed, postings, reference

from .conftest import make_article

pytestmark = pytest.mark.usefixtures("whoosh_backend")

BODIES = [
    "党建引领高质量发展，党建党建再党建。",
    "高质量的发展需要人才，发展高质量。",
    "ABAB 模式与 ABA 模式不同；医院医院医院。",
    "胸痛中心、卒中中心建设，中心医院。",
    "满意度调查：患者满意度提升到95.5%。",
]


def test_packed_positions_encode_and_decode():
    fmt = packed.PackedPositions()
    for positions in ([0], [3, 9, 400000], list(range(50))):
        value = fmt.encode(positions)
        assert fmt.decode_positions(value) == positions
        assert fmt.decode_frequency(value) == len(positions)


def test_packed_values_behave_as_the_sequence_of_values_they_replace():
    fmt = packed.PackedPositions()
    positions = ([1], [2, 5], [7], [8, 9, 10])
    values = [fmt.encode(p) for p in positions]
    counts = np.array([len(p) for p in positions], dtype="<u4").tobytes()
    flat = np.array([n for p in positions for n in p], dtype="<u4").tobytes()
    packed_values = pickle.loads(pickle.dumps(packed.PackedValues(counts, flat), 5))
    assert len(packed_values) == 4
    assert list(packed_values) == values
    assert packed_values[-1] == values[-1]
    assert packed_values[1:3] == values[1:3]
    assert packed_values.count_array().tolist() == [1, 2, 1, 3]
    assert packed_values.position_array().tolist() == [1, 2, 5, 7, 8, 9, 10]


def _pieces(rng, count):
    pieces = ["abab", "aba", "医院医院", "党建党建", "高质量发展", "中心", "心", "95.5%"]
    for _ in range(count):
        body = analysis.compact(analysis.normalize(rng.choice(BODIES)))
        length = rng.randint(1, 6)
        start = rng.randrange(len(body) - length)
        pieces.append(body[start : start + length])
    return pieces


def _assert_literal_matching_agrees_with_whoosh(searcher, pieces):
    for piece in pieces:
        expected = set(searcher.docs_for_query(reference.literal_query("bigrams", piece)))
        assert set(literal.literal_docs(searcher, "bigrams", piece).tolist()) == expected, piece


@pytest.mark.django_db
def test_segments_merged_by_whoosh_are_read_the_same(index_dir, db):
    for i, body in enumerate(BODIES * 60):
        make_article(f"标题{i}", body, slug=f"merge-{i}")
    index.rebuild(progress=False, procs=2)
    gen = index.current_generation(index_dir)
    # Whoosh's own writer rewrites both packed segments into one ordinary segment.
    ix = FileStorage(str(gen), supports_mmap=False).open_index()
    assert len(ix._segments()) == 2
    ix.optimize()
    assert len(ix._segments()) == 1
    postings.clear_cache()
    index.close_searchers()
    with index.searcher() as s:
        assert s.doc_count() == len(BODIES) * 60
        _assert_literal_matching_agrees_with_whoosh(s, _pieces(random.Random(3), 80))


@pytest.mark.django_db
def test_an_index_in_whoosh_positions_format_is_still_read(tmp_path):
    schema = index.make_schema()
    for name in ("bigrams", "title_bi", "names_bi"):
        schema[name].format = formats.Positions()  # what indexes before PackedPositions hold
    ix = whoosh_index.create_in(str(tmp_path), schema)
    writer = ix.writer()
    for i, body in enumerate(BODIES * 3):
        writer.add_document(key=f"article:{i}", kind="article", bigrams=body, title_bi=f"标题{i}")
    writer.commit()
    postings.clear_cache()
    with ix.searcher() as s:
        _assert_literal_matching_agrees_with_whoosh(s, _pieces(random.Random(4), 60))
