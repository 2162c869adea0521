"""Posting blocks that numpy can decode in a few calls, still read by Whoosh as usual.

Whoosh's W3PostingsWriter pickles each block of 128 postings (protocol 2) as a tuple of
delta-coded ids, weights and one value per posting; for a positions field every value is
itself a pickled list of deltas. Decoding a block then costs a Python object per posting,
and a term in every record has thousands of blocks. Here:

- `PackedPositions` encodes a posting's positions as a 4-byte count and little-endian
  uint32 positions (Whoosh's format pickles a list of deltas);
- `PackedPostingsWriter` (used by the bulk writer through `PackedCodec`) pickles a block's
  ids and weights as arrays and its positions values as one `PackedValues` (counts and all
  positions as two byte strings), with pickle protocol 5, so unpickling is a few memcpys.

Whoosh's own readers, matchers and merges still work on these blocks: arrays and
PackedValues are sequences, and PackedPositions decodes its values. search.postings reads
them with numpy directly. Segments written by Whoosh's ordinary writer (incremental
updates) hold ordinary blocks of PackedPositions values; both kinds are read.
"""

import pickle
import zlib
from array import array
from collections.abc import Sequence

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.system import _INT_SIZE, pack_uint
from whoosh.util.numeric import length_to_byte

_U4 = np.dtype("<u4")


class PackedPositions(formats.Positions):
    """Positions as a 4-byte count then little-endian uint32 positions."""

    def encode(self, poslist):
        return pack_uint(len(poslist)) + np.asarray(poslist, dtype=_U4).tobytes()

    def decode_positions(self, valuestring):
        return np.frombuffer(valuestring, dtype=_U4, offset=_INT_SIZE).tolist()


class PackedValues(Sequence):
    """The PackedPositions values of one block: each posting's count, and all positions."""

    __slots__ = ("counts", "positions", "_starts")

    def __init__(self, counts, positions):
        self.counts = counts  # bytes: uint32 little-endian, one per posting
        self.positions = positions  # bytes: uint32 little-endian, every position in order
        self._starts = None

    def __reduce__(self):
        return (PackedValues, (self.counts, self.positions))

    def count_array(self):
        return np.frombuffer(self.counts, dtype=_U4)

    def position_array(self):
        return np.frombuffer(self.positions, dtype=_U4)

    def __len__(self):
        return len(self.counts) // 4

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        counts = self.count_array()
        if self._starts is None:
            self._starts = np.concatenate(([0], np.cumsum(counts, dtype=np.int64))).tolist()
        count = int(counts[i])
        start = self._starts[i if i >= 0 else len(self) + i]
        return pack_uint(count) + self.positions[start * 4 : (start + count) * 4]


class PackedPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter writing array-pickled blocks (see the module docstring)."""

    def _write_block(self, last=False):
        # Postings added one at a time (fields other than the literal ones) keep Whoosh's
        # values; only the ids and weights are packed.
        self._emit(self._mini_values(), last)

    def write_term(self, ids, freqs, positions, lengths):
        """Every posting of the current (just started) term of a positions field at once.

        ids: ascending docnums; freqs: positions per posting; positions: each posting's
        positions in turn; lengths: field length by docnum. Blocks are cut straight from the
        arrays, with no Python object per posting.
        """
        limit = self._blocklimit
        total = len(ids)
        row = 0
        for start in range(0, total, limit):
            end = min(start + limit, total)
            block_ids, block_freqs = ids[start:end], freqs[start:end]
            rows = int(block_freqs.sum())
            self._ids = array("I")
            self._ids.frombytes(block_ids.astype(np.uint32).tobytes())
            self._weights = array("f")
            self._weights.frombytes(block_freqs.astype(np.float32).tobytes())
            block_lengths = lengths[block_ids]
            self._minlength = int(block_lengths.min())
            self._maxlength = int(block_lengths.max())
            self._maxweight = float(block_freqs.max())
            values = PackedValues(
                block_freqs.astype(_U4).tobytes(), positions[row : row + rows].astype(_U4).tobytes()
            )
            row += rows
            self._emit(values, last=end == total)

    def _emit(self, values, last):
        """Write the buffered ids and weights with these values as one block (what
        W3PostingsWriter._write_block does, pickled with protocol 5)."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = np.frombuffer(self._ids, dtype=np.uint32)
        gaps = ids.copy()
        np.subtract(ids[1:], ids[:-1], out=gaps[1:])
        deltas = array("I")
        deltas.frombytes(gaps.tobytes())
        weights = self._mini_weights()
        if isinstance(weights, tuple):
            weights = array("f", weights)
        databytes = pickle.dumps((deltas, weights, values), 5)
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        infobytes = pickle.dumps(
            (
                len(ids),
                int(ids[-1]),
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class PackedCodec(W3Codec):
    # zlib level 1: the same size as Whoosh's level 3 on these blocks, in less time.
    def __init__(self, blocklimit=128, compression=1, inlinelimit=1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
