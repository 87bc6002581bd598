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
array of those numbers searched with ``np.searchsorted``. That keeps the whole
reliability stage near half a millisecond per article.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from .tokens import is_word

_BREAK = "\x00"
_DIRECT_LIMIT = 2**23  # entries of a direct n-gram table (32 MB as int32)  # stands for punctuation in the words view: no n-gram spans it


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


def unique_counts(values: np.ndarray, *, with_inverse: bool = False):
    """Distinct values (sorted) and how often each occurs, like ``np.unique(..., return_counts=True)``
    without its overhead, which dominates on the short arrays of one article.

    With ``with_inverse`` also returns, for each value, the index of its distinct value.
    """
    order = np.argsort(values) if with_inverse else None
    ordered = values[order] if with_inverse else np.sort(values)
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    firsts = np.flatnonzero(new)
    counts = np.diff(np.append(firsts, len(ordered)))
    if not with_inverse:
        return ordered[firsts], counts
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[firsts], counts, inverse


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
        # patterns view: about 200 units), else sorted keys searched with np.searchsorted.
        self._tables = []
        for n, (keys, cols) in enumerate(by_n, start=1):
            k = np.array(keys, dtype=np.int64)
            c = np.array(cols, dtype=np.int64)
            if base**n <= _DIRECT_LIMIT:
                direct = np.full(base**n, -1, dtype=np.int32)
                direct[k] = c
                self._tables.append((None, direct))
            else:
                order = np.argsort(k)
                self._tables.append((k[order], c[order]))

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
        """:meth:`hits` for tokens already mapped by :meth:`unit_id`."""
        length = len(ids)
        cols, firsts, sizes = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for n, (keys, columns) in enumerate(self._tables, start=1):
            if length < n:
                continue
            key = ids[: length - n + 1].copy()
            for k in range(1, n):
                key = key * self._base + ids[k : length - n + 1 + k]
            if keys is None:
                found = columns[key]
                hit = np.flatnonzero(found >= 0)
                cols.append(found[hit].astype(np.int64))
            elif len(keys):
                pos = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
                hit = np.flatnonzero(keys[pos] == key)
                cols.append(columns[pos[hit]])
            else:
                continue
            firsts.append(hit)
            sizes.append(np.full(len(hit), n))
        return np.concatenate(cols), np.concatenate(firsts), np.concatenate(sizes)

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
