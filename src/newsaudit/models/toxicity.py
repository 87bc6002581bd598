"""The comment model: six calibrated heads over hashed word and sub-word features, plus rules.

Scoring a batch of comments is a handful of numpy operations: each token type's
share of every head is computed once and cached (see
:mod:`newsaudit.features.subwords`), bigrams are looked up in a hash table
(:class:`~newsaudit.features.keytable.KeyTable`), the rules run only on comments
holding one of their trigger words, and the rules of :mod:`newsaudit.moderation.rules` add fixed logits where they
fire. The score of a head is

    logit = scale * (bias + sum of token and bigram contributions) + shift + rule boosts

so every span's contribution is exact.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..features.keytable import KeyTable
from ..features.subwords import batch_char_keys, batch_tokens, bigram_keys, scales, word_key
from ..moderation.rules import TRIGGERS, RuleMatch, boosts, find
from .store import load_model, save_model

HEADS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")
#: Token types cached before the cache starts afresh: an endless stream of new words must not grow memory forever.
MAX_TOKEN_TYPES = 500_000
KIND = "newsaudit.toxicity"


@dataclass
class Scored:
    """A batch of comments after scoring: logits, and what :meth:`ToxicityModel.token_contributions` needs."""

    texts: list[str]
    tokens: list[str]  # every comment's tokens, concatenated
    bounds: np.ndarray  # comment i's tokens are tokens[bounds[i]:bounds[i + 1]] and those rows of contributions
    contributions: np.ndarray  # (n_tokens, heads): each token's share of the calibrated logits
    rules: list[Sequence[RuleMatch]]  # empty for most comments
    logits: np.ndarray  # calibrated, rules included
    known: np.ndarray  # share of each comment's tokens the model has a word weight for


class _TokenTable:
    """Token type -> row of cached per-head scores; grows as new words arrive."""

    def __init__(self, lookup: Callable[[np.ndarray], np.ndarray], word_keys: np.ndarray, n_heads: int) -> None:
        self._lookup = lookup
        self.word_keys = word_keys
        self.index: dict[str, int] = {}
        self._lock = threading.Lock()
        self.word = np.zeros((0, n_heads))
        self.gram = np.zeros((0, n_heads))
        self.n_grams = np.zeros(0)
        self.hash = np.zeros(0, dtype=np.uint32)
        self.known = np.zeros(0, dtype=bool)
        self.trigger = np.zeros(0, dtype=bool)

    def ids(self, toks: list[str]) -> np.ndarray:
        index = self.index
        try:
            return np.fromiter(map(index.__getitem__, toks), dtype=np.int64, count=len(toks))
        except KeyError:
            pass
        # Services score from several threads: rows are added under a lock and a token is published in
        # the index only once its row exists, so a reader never sees an id its arrays lack.
        with self._lock:
            new = [tok for tok in dict.fromkeys(toks) if tok not in index]
            if new:
                self._add(new)
        return np.fromiter(map(index.__getitem__, toks), dtype=np.int64, count=len(toks))

    def _add(self, new: list[str]) -> None:
        start = len(self.hash)
        grams, lengths = batch_char_keys(new)
        hashes = np.fromiter((word_key(t) for t in new), dtype=np.uint32, count=len(new))
        bounds = np.zeros(len(new) + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        pos = np.minimum(np.searchsorted(self.word_keys, hashes), max(len(self.word_keys) - 1, 0))
        known = self.word_keys[pos] == hashes if len(self.word_keys) else np.zeros(len(new), dtype=bool)
        self.word = np.vstack([self.word, self._lookup(hashes)])
        self.gram = np.vstack([self.gram, _segment_sums(self._lookup(grams), bounds)])
        self.n_grams = np.append(self.n_grams, lengths)
        self.known = np.append(self.known, known)
        self.trigger = np.append(self.trigger, [tok in TRIGGERS for tok in new])
        self.hash = np.append(self.hash, hashes)
        for k, tok in enumerate(new):
            self.index[tok] = start + k


def _segment_sums(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Sums of ``values`` rows over the segments ``bounds[i]:bounds[i+1]`` (empty segments give 0)."""
    csum = np.zeros((len(values) + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=csum[1:])
    return csum[bounds[1:]] - csum[bounds[:-1]]


@dataclass
class ToxicityModel:
    """Six heads over comment text. Load the shipped one with :meth:`load`.

    Parameters
    ----------
    keys : uint32 array
        Sorted feature hashes the model kept.
    weights : float array, shape (len(keys), 6)
    bias : float array, shape (6,)
    calibration : float array, shape (6, 2)
        Platt ``(scale, shift)`` of each head, fitted on held-out comments.
    thresholds : float array, shape (6,)
        Probability at or above which a head flags a comment.
    word_keys : uint32 array
        Sorted hashes of the words seen in training (language screening).
    info : dict
        Training summary (data, seed, held-out precision and recall).
    """

    keys: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    calibration: np.ndarray
    thresholds: np.ndarray
    word_keys: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)
    heads: tuple[str, ...] = HEADS

    def __post_init__(self) -> None:
        # A zero row after the weights: the row of every feature the model does not have (index -1).
        self._rows = np.vstack([self.weights.astype(np.float64), np.zeros((1, self.weights.shape[1]))])
        # A quarter full: the comment model has half a million keys, and memory matters per worker.
        self._index = KeyTable(self.keys.astype(np.int64), np.arange(len(self.keys)), room=4)
        self._table = self._new_table()

    def _new_table(self) -> _TokenTable:
        return _TokenTable(self._weights_of, self.word_keys, self.weights.shape[1])

    def _weights_of(self, keys: np.ndarray) -> np.ndarray:
        """Weights of each feature hash, shape ``(len(keys), heads)``; zeros for features not kept."""
        return self._rows[self._index.find(keys)]

    # -- scoring -----------------------------------------------------------------------------------

    def score(self, texts: Sequence[str]) -> Scored:
        """Score a batch of comment texts; :attr:`Scored.logits` holds calibrated logits."""
        texts = list(texts)
        flat, counts = batch_tokens(texts)
        lengths = np.asarray(counts, dtype=np.int64)
        bounds = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        table = self._table
        if len(table.index) > MAX_TOKEN_TYPES:
            # A new table: scorers still using the old one keep it until they finish.
            table = self._table = self._new_table()
        ids = table.ids(flat)
        n_heads = self.weights.shape[1]
        # Bigrams: each token with its right neighbour in the same comment.
        bigram_w = np.zeros((len(ids), n_heads))
        if len(ids) > 1:
            rows = self._index.find(bigram_keys(table.hash[ids]))
            starts = bounds[1:-1]
            rows[starts[(starts > 0) & (starts < len(ids))] - 1] = -1  # no pair across two comments
            bigram_w[:-1] = self._rows[rows]
        n_bigrams = np.maximum(lengths - 1, 0)
        # Per comment: its n-grams, trigger words and known words, in one pass.
        n_grams, n_triggers, n_known = _segment_sums(
            np.column_stack([table.n_grams[ids], table.trigger[ids], table.known[ids]]), bounds
        ).T
        word_scale, gram_scale = scales(lengths, n_bigrams, n_grams)
        # A bigram's weight is split evenly between its two tokens (the last token of a comment starts none).
        shared = bigram_w / 2
        shared[1:] += bigram_w[:-1] / 2
        contributions = (
            np.repeat(word_scale, lengths)[:, None] * (table.word[ids] + shared)
            + np.repeat(gram_scale, lengths)[:, None] * table.gram[ids]
        ) * self.calibration[:, 0]
        logits = self.bias * self.calibration[:, 0] + self.calibration[:, 1] + _segment_sums(contributions, bounds)
        rules: list[Sequence[RuleMatch]] = [()] * len(texts)
        # Only comments with a trigger word can match a rule (the screen :func:`find` would do itself).
        screened = n_triggers > 0
        head_index = {h: i for i, h in enumerate(self.heads)}
        for i in np.flatnonzero(screened).tolist():
            rules[i] = matches = find(texts[i], flat[bounds[i] : bounds[i + 1]])
            for head, value in boosts(matches).items():
                logits[i, head_index[head]] += value
        with np.errstate(invalid="ignore"):
            known = n_known / np.maximum(lengths, 1)
        return Scored(texts, flat, bounds, contributions, rules, logits, known)

    def strongest_tokens(
        self, scored: Scored, wanted: np.ndarray, limit: int
    ) -> dict[tuple[int, int], tuple[list[int], list[float]]]:
        """The ``limit`` tokens that raise each wanted (comment, head) pair most, strongest first.

        ``wanted`` is a boolean array ``(comments, heads)``. Returns, for each wanted
        pair of a comment with tokens, the tokens' positions in the comment and their
        contributions (as :meth:`token_contributions`); equal contributions keep
        token order. One sort per head serves the whole batch.
        """
        lengths = np.diff(scored.bounds)
        out: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
        for j in np.flatnonzero(wanted.any(axis=0)).tolist():
            comments = np.flatnonzero(wanted[:, j] & (lengths > 0))
            if not len(comments):
                continue
            n = lengths[comments]
            first = np.zeros(len(comments), dtype=np.int64)  # where each comment starts among the selected rows
            np.cumsum(n[:-1], out=first[1:])
            position = np.arange(n.sum()) - np.repeat(first, n)  # token position within its comment
            rows = np.repeat(scored.bounds[comments], n) + position
            values = scored.contributions[rows, j]
            # Comment by comment (the selected rows are in comment order), strongest first; lexsort is stable.
            order = np.lexsort((-values, np.repeat(np.arange(len(comments)), n)))
            top = order[position < limit]  # the first ``limit`` sorted rows of each comment
            counts = np.minimum(n, limit).tolist()
            at = 0
            for i, count in zip(comments.tolist(), counts):
                picked = top[at : at + count]
                out[(i, j)] = (position[picked].tolist(), values[picked].tolist())
                at += count
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, shape ``(len(texts), 6)``, columns in :attr:`heads` order."""
        return _sigmoid(self.score(texts).logits)

    def token_contributions(self, scored: Scored, i: int) -> np.ndarray:
        """Each token's share of comment ``i``'s calibrated logits, shape ``(n_tokens, 6)``.

        A bigram's weight is split evenly between its two tokens. These shares,
        the scaled bias, the calibration shift and the rule boosts sum to the logit.
        """
        return scored.contributions[scored.bounds[i] : scored.bounds[i + 1]]

    # -- storage -----------------------------------------------------------------------------------

    def save(self, directory: str | Path) -> Path:
        config = {
            "kind": KIND,
            "heads": list(self.heads),
            "bias": self.bias.tolist(),
            "calibration": self.calibration.tolist(),
            "thresholds": self.thresholds.tolist(),
            "info": self.info,
        }
        arrays = {
            "keys": self.keys.astype(np.uint32),
            "weights": self.weights.astype(np.float32),
            "word_keys": self.word_keys.astype(np.uint32),
        }
        return save_model(directory, config, arrays)

    @classmethod
    def load(cls, directory: str | Path) -> ToxicityModel:
        config, arrays, _manifest = load_model(directory, KIND)
        return cls(
            keys=arrays["keys"],
            weights=arrays["weights"],
            bias=np.asarray(config["bias"], dtype=np.float64),
            calibration=np.asarray(config["calibration"], dtype=np.float64),
            thresholds=np.asarray(config["thresholds"], dtype=np.float64),
            word_keys=arrays["word_keys"],
            info=config.get("info", {}),
            heads=tuple(config["heads"]),
        )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
