"""Integer keys to columns: a hash table looked up with numpy, one array operation per probe.

The words view has too many bigram keys for a direct table. ``np.searchsorted`` over
its sorted keys misses the cache at every step of a binary search for each of the
batch's ~10^5 needles; this open-addressing table (linear probing, at most an eighth
full) finds almost every needle at its first slot, about three times faster.
"""

from __future__ import annotations

import numpy as np

_EMPTY = -1  # keys are non-negative
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio: spreads consecutive keys over the table


class KeyTable:
    """Maps non-negative int64 ``keys`` to ``columns``; :meth:`find` gives -1 for a key not in it.

    >>> table = KeyTable(np.array([10, 2**40, 7]), np.array([0, 1, 2]))
    >>> table.find(np.array([7, 8, 2**40, 10])).tolist()
    [2, -1, 1, 0]
    """

    def __init__(self, keys: np.ndarray, columns: np.ndarray, *, room: int = 8) -> None:
        # ``room`` slots per key: the emptier the table, the sooner a probe meets its key or an empty slot.
        keys = np.asarray(keys, dtype=np.int64)
        bits = max(4, (room * max(len(keys), 1) - 1).bit_length())
        self._mask = (1 << bits) - 1
        self._shift = np.uint64(64 - bits)
        self._keys = np.full(1 << bits, _EMPTY, dtype=np.int64)
        self._columns = np.full(1 << bits, -1, dtype=np.int32)
        self._max_probe = self._insert(keys, np.asarray(columns, dtype=np.int64))

    def _home(self, keys: np.ndarray) -> np.ndarray:
        """Each key's first slot: the top bits of ``key * FIBONACCI`` (wrapping)."""
        return (keys.view(np.uint64) * _FIBONACCI >> self._shift).astype(np.int64)

    def _insert(self, keys: np.ndarray, columns: np.ndarray) -> int:
        """Place every key at its home slot or the first free one after it; returns the longest probe."""
        home = self._home(keys)
        pending = np.arange(len(keys))
        probe = 0
        while True:
            slot = (home[pending] + probe) & self._mask
            free = self._keys[slot] == _EMPTY
            # Of the keys that reach the same free slot, the first one takes it.
            taken, first = np.unique(slot[free], return_index=True)
            placed = pending[free][first]
            self._keys[taken] = keys[placed]
            self._columns[taken] = columns[placed]
            left = np.ones(len(keys), dtype=bool)
            left[placed] = False
            pending = pending[left[pending]]
            if not len(pending):
                return probe
            probe += 1

    def find(self, needles: np.ndarray) -> np.ndarray:
        """The column of each needle, -1 where it is not a key."""
        needles = np.asarray(needles, dtype=np.int64)
        slot = self._home(needles)
        key = self._keys.take(slot)
        hit = key == needles
        found = np.where(hit, self._columns.take(slot), -1)
        # An empty slot ends the search: the key would have been placed there.
        pending = (~hit & (key != _EMPTY)).nonzero()[0]
        slot = slot.take(pending)
        for _ in range(self._max_probe):
            if not len(pending):
                break
            slot = (slot + 1) & self._mask
            key = self._keys.take(slot)
            hit = key == needles.take(pending)
            found[pending[hit]] = self._columns.take(slot[hit])
            keep = ~hit & (key != _EMPTY)
            pending, slot = pending[keep], slot[keep]
        return found
