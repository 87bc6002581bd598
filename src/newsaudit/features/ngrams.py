"""N-gram features over token sequences, with idf weights and L2 normalisation.

Two views of a text feed the reliability model:

- **words**: word 1–2grams, by presence; punctuation breaks an n-gram. Presence
  rather than counts keeps one repeated phrase (boilerplate, a refrain) from
  dominating a document.
- **patterns**: every word outside a short list of very frequent words replaced
  by its shape (``X`` capitalised, ``x`` lower case, ``C`` all caps, ``D`` number),
  punctuation kept, in 1–3grams with log counts. "said X ." or "! ! !" describe
  how a text is written whatever it is about, which is what carries over to sites
  and topics the model never saw (text distortion, Stamatatos 2017); it was the
  largest gain in the leave-one-dataset-out figures.

Inference never builds n-gram strings: tokens map to integer ids through a cache,
an n-gram is the base-``V`` number of its ids, and the vocabulary is a sorted
table of those numbers (a direct array where the key space is small, else a hash
table: :class:`~newsaudit.features.keytable.KeyTable`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from .keytable import KeyTable
from .tokens import is_word

_BREAK = "\x00"  # stands for punctuation in the words view: no n-gram spans it
_DIRECT_LIMIT = 2**23  # entries of a direct n-gram table (32 MB as int32)


def ngrams(units: list[str], n_max: int) -> list[str]:
    """Unigrams then bigrams (then longer n-grams up to ``n_max``), space-joined.

    >>> ngrams(["no", "confirmation", "yet"], 2)
    ['no', 'confirmation', 'yet', 'no confirmation', 'confirmation yet']
    """
    out = list(units)
    for n in range(2, n_max + 1):
        out += map(" ".join, zip(*(units[i:] for i in range(n))))
    return out


def shape(token: str, keep: frozenset[str]) -> str:
    """The pattern-view unit of a token: a frequent word itself (lower-cased), else its shape.

    >>> keep = frozenset({"the", "said"})
    >>> [shape(t, keep) for t in ["The", "Kerry", "NATO", "said", "20", "war", "!"]]
    ['the', 'X', 'C', 'said', 'D', 'x', '!']
    """
    low = token.lower()
    if low in keep:
        return low
    first = token[0]
    if first.isdigit():
        return "D"
    if not (first.isalpha() or first == "_"):
        return token
    if token.isupper():
        return "C"
    return "X" if first.isupper() else "x"


def unique_counts(values: np.ndarray, *, with_inverse: bool = False, bound: int | None = None):
    """Distinct values (sorted) and how often each occurs, like ``np.unique(..., return_counts=True)``
    without its overhead, which dominates on the short arrays of one article.

    With ``with_inverse`` also returns, for each value, the index of its distinct value.
    ``bound``, when given, promises ``0 <= values < bound`` (see :func:`sort_with_order`).
    """
    if with_inverse:
        order, ordered = sort_with_order(values, bound)
    else:
        ordered = np.sort(values)
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    firsts = new.nonzero()[0]
    counts = np.diff(firsts, append=len(ordered))
    if not with_inverse:
        return ordered[firsts], counts
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = new.cumsum() - 1
    return ordered.take(firsts), counts, inverse


def sort_with_order(values: np.ndarray, bound: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """An order that sorts ``values`` (equal values in index order), and the sorted values.

    For int64 values in ``[0, bound)`` (``bound`` found when not given) it sorts
    ``value << b | index`` with ``np.sort`` where that fits in 63 bits: on a batch's
    10^5 n-gram keys about twice as fast as ``np.argsort``.

    >>> order, ordered = sort_with_order(np.array([5, 3, 5, 0]))
    >>> order.tolist(), ordered.tolist()
    ([3, 1, 0, 2], [0, 3, 5, 5])
    """
    index_bits = int(max(len(values), 1) - 1).bit_length()
    if bound is None:
        bound = int(values.max(initial=0)) + 1 if not len(values) or values.min() >= 0 else None
    if bound is None or (bound - 1).bit_length() + index_bits > 63:
        order = np.argsort(values, kind="stable")
        return order, values[order]
    packed = np.sort((values.astype(np.int64, copy=False) << index_bits) | np.arange(len(values)))
    return packed & ((1 << index_bits) - 1), packed >> index_bits


def _all_known(ids: np.ndarray, n: int) -> np.ndarray:
    """For each window of ``n`` unit ids, whether none is 0 (a unit no vocabulary n-gram uses)."""
    known = ids > 0
    windows = known[: len(ids) - n + 1].copy()
    for k in range(1, n):
        windows &= known[k : len(ids) - n + 1 + k]
    return windows


class TokenCache(dict):
    """token -> value, computed once per distinct token by ``convert``.

    A ``dict`` subclass with ``__missing__``, so ``map(cache.__getitem__, tokens)``
    stays in C for every token seen before.
    """

    def __init__(self, convert: Callable[[str], object]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, token: str):
        if len(self) > 500_000:  # an endless stream of new words must not grow memory forever
            self.clear()
        value = self[token] = self.convert(token)
        return value


@dataclass
class NgramVectorizer:
    """Maps a token sequence to the indices and values of its n-gram features.

    Parameters
    ----------
    vocabulary : dict
        n-gram -> column index.
    idf : ndarray of shape (n_features,)
        Weight of each column (ones for plain presence).
    n_max : int
        Longest n-gram.
    view : {"words", "patterns"}
        Which units the n-grams are built from.
    keep : frozenset of str
        For ``view="patterns"``: the frequent words kept as themselves.
    counts : bool
        Use ``1 + log(count)`` instead of presence.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    n_max: int = 2
    view: str = "words"
    keep: frozenset[str] = frozenset()
    counts: bool = False
    _units: TokenCache = field(init=False, repr=False, compare=False)
    _ids: TokenCache = field(init=False, repr=False, compare=False)
    _tables: list[tuple[np.ndarray, np.ndarray]] = field(init=False, repr=False, compare=False)
    _names: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._units = TokenCache(self.unit)
        self._build_tables()

    def unit(self, token: str) -> str:
        """The token in this view: itself (punctuation breaks word n-grams), or its shape."""
        if self.view == "words":
            return token if is_word(token) else _BREAK
        return shape(token, self.keep)

    def _build_tables(self) -> None:
        """Integer keys: each vocabulary n-gram becomes the base-``V`` number of its unit ids.

        Unit ids start at 1, so an n-gram holding an unknown unit (id 0) equals no key.
        """
        units = sorted({u for g in self.vocabulary for u in g.split(" ")})
        unit_id = {u: i + 1 for i, u in enumerate(units)}
        self._base = base = len(units) + 1
        if base**self.n_max >= 2**62:
            raise ValueError(f"vocabulary too large for {self.n_max}-gram integer keys")
        self._unit_index = unit_id
        self._ids = TokenCache(self.compute_unit_id)
        by_n: list[tuple[list[int], list[int]]] = [([], []) for _ in range(self.n_max)]
        for g, col in self.vocabulary.items():
            parts = g.split(" ")
            key = 0
            for u in parts:
                key = key * base + unit_id[u]
            by_n[len(parts) - 1][0].append(key)
            by_n[len(parts) - 1][1].append(col)
        # n-grams: a direct table from key to column where the key space is small (the
        # patterns view: about 200 units), else a hash table.
        self._tables = []
        for n, (keys, cols) in enumerate(by_n, start=1):
            k = np.array(keys, dtype=np.int64)
            c = np.array(cols, dtype=np.int64)
            if base**n <= _DIRECT_LIMIT:
                direct = np.full(base**n, -1, dtype=np.int32)
                direct[k] = c
                self._tables.append(direct)
            else:
                self._tables.append(KeyTable(k, c))

    # -- fitting -----------------------------------------------------------------
    def grams(self, tokens: list[str]) -> list[str]:
        """The n-gram strings of ``tokens`` in this view (used for fitting and inspection)."""
        units = list(map(self._units.__getitem__, tokens))
        return [g for g in ngrams(units, self.n_max) if _BREAK not in g]

    @classmethod
    def fit(
        cls,
        documents: Iterable[list[str]],
        *,
        n_max: int = 2,
        view: str = "words",
        keep: Iterable[str] = (),
        counts: bool = False,
        use_idf: bool = False,
        min_df: int = 5,
        max_df: float = 0.9,
    ) -> NgramVectorizer:
        """Vocabulary of the n-grams in at least ``min_df`` documents and at most a ``max_df`` share.

        ``documents`` are token lists (:func:`~newsaudit.features.tokens.tokenize`).
        Columns are in sorted n-gram order, so the same corpus always gives the same model.
        """
        empty = cls({}, np.zeros(0), n_max, view, frozenset(keep), counts)
        df: Counter[str] = Counter()
        n_docs = 0
        for tokens in documents:
            df.update(set(empty.grams(tokens)))
            n_docs += 1
        limit = max_df * n_docs
        kept = sorted(g for g, c in df.items() if min_df <= c <= limit)
        if use_idf:
            idf = np.array([math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in kept])
        else:
            idf = np.ones(len(kept))
        return cls({g: i for i, g in enumerate(kept)}, idf, n_max, view, frozenset(keep), counts)

    def select(self, columns: np.ndarray) -> NgramVectorizer:
        """A vectorizer restricted to ``columns``, renumbered in their given order."""
        names = self.feature_names()
        vocab = {names[int(c)]: k for k, c in enumerate(columns)}
        return NgramVectorizer(vocab, self.idf[columns], self.n_max, self.view, self.keep, self.counts)

    # -- inference ---------------------------------------------------------------
    @property
    def n_features(self) -> int:
        return len(self.idf)

    def feature_names(self) -> list[str]:
        """The n-gram of each column (computed once, then kept)."""
        if self._names is None:
            names = [""] * len(self.vocabulary)
            for g, i in self.vocabulary.items():
                names[i] = g
            self._names = names
        return self._names

    def compute_unit_id(self, token: str) -> int:
        """The id of a token's unit in this view (0: no vocabulary n-gram uses it), uncached:
        :meth:`hits` caches it per token, and so does the reliability model's packed code."""
        return self._unit_index.get(self.unit(token), 0)

    def hits(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every vocabulary n-gram occurrence in ``tokens``: ``(columns, first token index, n)``."""
        return self.hits_from_ids(np.fromiter(map(self._ids.__getitem__, tokens), dtype=np.int64, count=len(tokens)))

    def hits_from_ids(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`hits` for tokens already mapped by :meth:`compute_unit_id`."""
        runs = self.hits_by_size(ids)
        return (
            np.concatenate([np.zeros(0, dtype=np.int64)] + [cols for _, cols, _ in runs]),
            np.concatenate([np.zeros(0, dtype=np.int64)] + [first for _, _, first in runs]),
            np.concatenate([np.zeros(0, dtype=np.int64)] + [np.full(len(cols), n) for n, cols, _ in runs]),
        )

    def hits_by_size(self, ids: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """The hits of :meth:`hits_from_ids` as ``(n, columns, first token index)`` for each
        n-gram size ``n``, first tokens ascending."""
        runs = []
        key = ids
        for n, table in enumerate(self._tables, start=1):
            if len(ids) < n:
                break
            if n > 1:  # the n-gram starting at each token: its (n-1)-gram, then one more unit
                key = key[:-1] * self._base + ids[n - 1 :]
            if isinstance(table, KeyTable):
                # Only n-grams of known units can be keys: look up those alone.
                known = _all_known(ids, n).nonzero()[0]
                found = table.find(key.take(known))
                runs.append((n, found[found >= 0], known[found >= 0]))
            else:
                found = table.take(key)
                hit = (found >= 0).nonzero()[0]
                runs.append((n, found.take(hit).astype(np.int64), hit))
        return runs

    def weigh(self, cols: np.ndarray, *, with_inverse: bool = False):
        """From occurrence columns to ``(indices, values, counts, inverse)``.

        ``indices`` are the distinct columns (sorted), ``values`` their feature values,
        ``counts`` how often each occurs and ``inverse`` (when asked for) maps
        occurrences to ``indices``.
        """
        if with_inverse:
            idx, counts, inverse = unique_counts(cols, with_inverse=True)
        else:
            (idx, counts), inverse = unique_counts(cols), None
        v = self.idf[idx]
        if self.counts:
            v = v * (1.0 + np.log(counts))
        norm = float(np.sqrt(v @ v))
        return idx, (v / norm if norm else v), counts, inverse

    def transform(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(indices, values)`` of the features present in ``tokens``, indices sorted."""
        idx, values, _, _ = self.weigh(self.hits(tokens)[0])
        return idx, values

    # -- persistence ---------------------------------------------------------------
    def to_config(self) -> dict:
        return {
            "n_max": self.n_max,
            "view": self.view,
            "keep": sorted(self.keep),
            "counts": self.counts,
            "vocabulary": self.feature_names(),
        }

    @classmethod
    def from_config(cls, config: dict, idf: np.ndarray) -> NgramVectorizer:
        vocab = {g: i for i, g in enumerate(config["vocabulary"])}
        return cls(vocab, idf, config["n_max"], config["view"], frozenset(config["keep"]), config["counts"])
