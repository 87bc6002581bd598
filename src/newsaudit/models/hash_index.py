"""Row lookup for 32-bit feature hashes: an open-addressing table probed with numpy.

The comment model looks up every bigram of every comment among about half a
million kept hashes. A binary search (``np.searchsorted``) makes about twenty
dependent memory reads per key; here most keys need one or two, and a whole
batch of keys is probed at once, one round per probe step.
"""

from __future__ import annotations

import numpy as np

_MULTIPLIER = np.uint64(0x9E3779B1)  # Fibonacci hashing: spreads hashes that share low bits
_EMPTY = -1


class HashIndex:
    """Maps each of ``keys`` (distinct uint32) to its position; :meth:`rows` gives -1 for keys not there.

    >>> index = HashIndex(np.array([7, 3, 100], dtype=np.uint32))
    >>> index.rows(np.array([3, 5, 100], dtype=np.uint32)).tolist()
    [1, -1, 2]
    """

    def __init__(self, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint32)
        # At most a quarter full, so a key not in the table meets an empty slot within a step or two.
        bits = max(4, int(4 * max(len(keys), 1) - 1).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.zeros(1 << bits, dtype=np.uint32)
        self._rows = np.full(1 << bits, _EMPTY, dtype=np.int32)
        self._insert(keys)

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        # The top bits of the 64-bit product (Knuth's multiplicative hashing).
        return ((keys.astype(np.uint64) * _MULTIPLIER) << np.uint64(32) >> self._shift).astype(np.int64)

    def _insert(self, keys: np.ndarray) -> None:
        pending = np.arange(len(keys))
        slots = self._slots(keys)
        while len(pending):
            free = self._rows[slots] == _EMPTY
            # Of the keys that want the same free slot, the first takes it; the others move on.
            taken, first = np.unique(slots[free], return_index=True)
            winners = pending[free][first]
            self._rows[taken] = winners
            self._keys[taken] = keys[winners]
            placed = np.zeros(len(pending), dtype=bool)
            placed[np.flatnonzero(free)[first]] = True
            pending, slots = pending[~placed], (slots[~placed] + 1) & self._mask

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Position of each key in the ``keys`` the index was built from, or -1."""
        keys = np.asarray(keys, dtype=np.uint32)
        out = np.full(len(keys), _EMPTY, dtype=np.int64)
        active = np.arange(len(keys))
        slots = self._slots(keys)
        while len(active):
            rows = self._rows[slots]
            hit = (rows != _EMPTY) & (self._keys[slots] == keys[active])
            out[active[hit]] = rows[hit]
            # Probing goes on past occupied slots holding other keys, and stops at an empty one.
            more = (rows != _EMPTY) & ~hit
            active, slots = active[more], (slots[more] + 1) & self._mask
        return out
