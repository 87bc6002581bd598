"""Headline–body stance: does the body agree with, discuss, deny, or ignore its headline?

A small multinomial logistic regression over 40-odd overlap and cue-word features,
learnt by ``newsaudit train stance`` on FNC-1 (see MODEL_CARD.md). Inference is
numpy only: features of one (headline, body) pair cost one pass over the body.

Word weights (inverse document frequency) are stored per hashed bucket
(CRC-32 of the word, modulo :data:`BUCKETS`), so the model needs no vocabulary.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress, pairwise
from operator import mul
from pathlib import Path
from typing import Any

import numpy as np

from ..models.store import load_model, save_model
from .base import Signal, percent, signal, words, words_of_lower

STANCES = ("agree", "disagree", "discuss", "unrelated")
BUCKETS = 1 << 15

_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "would", "could", "may", "might", "must", "shall", "says", "said", "say", "new", "also", "just", "like", "one", "two", "as"]
)
_REFUTE = frozenset(
    ["fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denying", "not", "despite", "nope", "doubt", "doubts", "bogus", "debunk", "debunks", "debunked", "refute", "refutes", "refuted", "untrue", "fabricated", "fabrication", "satire", "prank", "rumor", "rumour", "no", "never", "incorrect", "misleading", "wrong", "retract", "retracted"]
)
_HEDGE = frozenset(
    ["reportedly", "allegedly", "alleged", "claims", "claim", "claimed", "claiming", "rumor", "rumored", "rumour", "rumoured", "purportedly", "apparently", "unconfirmed", "unverified", "may", "might", "could", "possibly", "report", "reports", "reported", "according", "sources", "suggest", "suggests", "speculation", "speculated", "believed", "appears"]
)
_AGREE = frozenset(
    ["confirmed", "confirms", "confirm", "officially", "announced", "announces", "revealed", "reveals", "proved", "proves", "proof", "indeed", "verified", "true"]
)
_BINS = 8


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode()) % BUCKETS


_WINDOW = 30


def _window_coverage(tokens: list[str], hset: set[str], hw: dict[str, float], total: float,
                     present: set[str]) -> list[float]:
    """Coverage of the headline (its words' weight share) by each window of :data:`_WINDOW` tokens.

    One C-level pass picks out the positions of the headline words that occur (``present``);
    each window then has a bit mask of the words it holds, and each distinct mask is summed once.
    """
    n_windows = -(-len(tokens) // _WINDOW)
    if not present:
        return [0.0] * n_windows
    bit = {w: 1 << j for j, w in enumerate(hset) if w in present}
    masks = [0] * n_windows
    for i in compress(range(len(tokens)), map(bit.__contains__, tokens)):
        masks[i // _WINDOW] |= bit[tokens[i]]
    weight = {b: hw[w] for w, b in bit.items()}
    share = {0: 0.0}
    out = []
    for mask in masks:
        c = share.get(mask)
        if c is None:
            if mask.bit_count() <= 2:  # one or two words: their sum does not depend on the order
                low = mask & -mask
                c = (weight[low] + weight.get(mask ^ low, 0.0)) / total
            else:  # fsum: exactly rounded, so the same float whatever order the set gives the words in
                c = math.fsum(hw[w] for w in hset if bit.get(w, 0) & mask) / total
            share[mask] = c
        out.append(c)
    return out


def pair_features(headline: str, body: str, idf: np.ndarray, lower: str | None = None,
                  vocab: set[str] | None = None, tokens: list[str] | None = None,
                  utf8: bytes | None = None) -> np.ndarray:
    """The feature vector of one (headline, body) pair (length :data:`N_FEATURES`).

    ``lower`` (the lower-cased body), ``tokens`` (``WORD.findall(lower)``) and ``vocab``
    (their set, or any container of them such as a ``Counter``) and ``utf8`` (``lower.encode()``)
    save the work when the caller already has them.

    >>> f = pair_features("Bridge closed", "The bridge was closed on Monday.", np.ones(BUCKETS))
    >>> f.shape == (N_FEATURES,), float(f[0]), float(f[3])  # the headline's weight and words all covered
    (True, 1.0, 1.0)
    """
    return np.asarray(_feature_list(headline, body, idf, lower, vocab, tokens, utf8), dtype=np.float64)


def _feature_list(headline: str, body: str, idf: np.ndarray, lower: str | None = None,
                  vocab: set[str] | None = None, tokens: list[str] | None = None,
                  utf8: bytes | None = None) -> list[float]:
    """:func:`pair_features` as a list."""
    lower = body.lower() if lower is None else lower
    utf8 = lower.encode() if utf8 is None else utf8
    tokens = words_of_lower(lower, utf8) if tokens is None else tokens
    vocab = set(tokens) if vocab is None else vocab
    head_tokens = words(headline)
    hset = {t for t in head_tokens if t not in _STOP and len(t) > 1}
    hw = {w: float(idf[_bucket(w)]) for w in hset}
    # Sums over sets use fsum: a plain sum depends on the order the set gives, which changes from one process
    # to the next (string hashing is randomised), and the features must not.
    total = math.fsum(hw.values()) or 1.0
    n_words = len(tokens)
    present = {w for w in hset if w in vocab}
    cov_all = math.fsum(hw[w] for w in present) / total
    plain = len(present) / len(hset) if hset else 0.0
    # Coverage of the headline by each window of 30 words: where the body is about the headline.
    coverage = _window_coverage(tokens, hset, hw, total, present)
    best = max(coverage, default=0.0)
    lead = max(coverage[:2], default=0.0)
    top = sorted(range(len(coverage)), key=lambda k: -coverage[k])[:3]  # stable: ties by position
    refute_near = sum(len(_REFUTE.intersection(tokens[k * _WINDOW:(k + 1) * _WINDOW])) for k in top)
    has = vocab.__contains__  # the cue lists are short: look each of their words up
    refute = sum(map(has, _REFUTE))
    hedge = sum(map(has, _HEDGE))
    agree = sum(map(has, _AGREE))
    n_vocab = len(vocab)
    pairs = [a + " " + b for a, b in pairwise(head_tokens) if a not in _STOP and b not in _STOP]
    bigram = sum(1 for p in pairs if p.encode() in utf8) / len(pairs) if pairs else 0.0
    words_head = set(head_tokens)
    head_refute = float(bool(words_head & _REFUTE))
    head_hedge = float(bool(words_head & _HEDGE))
    question = float("?" in headline)
    lw = math.log1p(n_words)
    rb, hb, ab = math.log1p(refute), math.log1p(hedge), math.log1p(agree)
    dense = [
        cov_all, lead, best, plain, bigram, math.log1p(len(hset)), lw,
        rb, hb, ab, refute / max(n_vocab, 1) * 100, hedge / max(n_vocab, 1) * 100,
        math.log1p(refute_near), head_refute, head_hedge, question,
        cov_all * rb, cov_all * hb, cov_all * ab, cov_all * math.log1p(refute_near),
        cov_all * head_refute, cov_all * head_hedge, cov_all * question, cov_all * cov_all, best * best,
    ]
    bins = [0.0] * (3 * _BINS)
    for j, v in enumerate((cov_all, best, bigram)):
        bins[j * _BINS + min(int(v * _BINS), _BINS - 1)] = 1.0
    return dense + bins


N_FEATURES = 25 + 3 * _BINS


@dataclass(frozen=True)
class StanceModel:
    """Multinomial logistic regression over :func:`pair_features`; classes follow :data:`STANCES`."""

    idf: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (len(STANCES), N_FEATURES)
    intercept: np.ndarray  # (len(STANCES),)
    info: dict[str, Any]

    def predict_proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Probabilities ``(n, 4)`` over :data:`STANCES` for ``(headline, body)`` pairs."""
        if not pairs:
            return np.zeros((0, len(STANCES)))
        return self.proba_of(np.vstack([pair_features(h, b, self.idf) for h, b in pairs]))

    def proba_of(self, X: np.ndarray) -> np.ndarray:
        """Probabilities for rows of :func:`pair_features`."""
        z = ((X - self.mean) / self.scale) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @cached_property
    def _as_lists(self) -> tuple[list[float], list[float], list[list[float]], list[float]]:
        return self.mean.tolist(), self.scale.tolist(), self.coef.tolist(), self.intercept.tolist()

    def proba_one(self, x: list[float]) -> list[float]:
        """:meth:`proba_of` for one row, in plain Python: for 49 features, numpy's per-call cost is most of it.

        >>> m = shipped_stance_model()
        >>> x = pair_features("Bridge closed", "The bridge was closed on Monday.", m.idf)
        >>> bool(np.allclose(m.proba_one(x.tolist()), m.proba_of(x[None, :])[0], rtol=0, atol=1e-12))
        True
        """
        mean, scale, coef, intercept = self._as_lists
        u = [(v - m) / s for v, m, s in zip(x, mean, scale)]
        z = [sum(map(mul, u, row)) + b for row, b in zip(coef, intercept)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def save(self, directory: str | Path) -> Path:
        config = {"kind": "newsaudit.stance", "stances": list(STANCES), "buckets": BUCKETS,
                  "n_features": N_FEATURES, "info": self.info}
        arrays = {"idf": self.idf.astype(np.float32), "mean": self.mean, "scale": self.scale,
                  "coef": self.coef, "intercept": self.intercept}
        return save_model(directory, config, arrays)

    @classmethod
    def load(cls, directory: str | Path) -> StanceModel:
        config, arrays, _ = load_model(directory)
        if config.get("kind") != "newsaudit.stance" or config.get("n_features") != N_FEATURES:
            from ..errors import ModelError

            raise ModelError(f"{directory} is not a stance model this version of newsaudit can read")
        return cls(arrays["idf"].astype(np.float64), arrays["mean"], arrays["scale"], arrays["coef"],
                   arrays["intercept"], config.get("info", {}))


@lru_cache(maxsize=1)
def shipped_stance_model() -> StanceModel:
    return StanceModel.load(Path(__file__).resolve().parents[1] / "models" / "data" / "stance")


def has_stance_inputs(title: str, body: str) -> bool:
    """Whether :func:`stance_signals` has a headline and a body to compare.

    >>> has_stance_inputs("Bridge closed", "The bridge was closed."), has_stance_inputs(" ", "Text.")
    (True, False)
    """
    return bool(title.strip()) and bool(body) and not body.isspace()


def stance_signals(title: str, body: str, model: StanceModel, lower: str | None = None,
                   vocab: set[str] | None = None, tokens: list[str] | None = None,
                   utf8: bytes | None = None) -> list[Signal]:
    """The headline–body mismatch signal; none without a headline or a body."""
    if not has_stance_inputs(title, body):
        return []
    p = model.proba_one(_feature_list(title, body, model.idf, lower, vocab, tokens, utf8))
    probs = dict(zip(STANCES, p))
    stance = max(probs, key=probs.get)
    mismatch = probs["unrelated"] + probs["disagree"]
    what = {
        "agree": "the body supports the headline's claim",
        "discuss": "the body discusses the headline's claim without confirming it",
        "disagree": "the body disputes the headline's claim",
        "unrelated": "the body does not seem to be about the headline's claim",
    }[stance]
    part = signal(
        "headline_body_mismatch",
        mismatch,
        mismatch >= 0.5,
        f"Read against its headline, {what} (chance that the body does not back the headline: {percent(mismatch)}).",
    )
    part["stance"] = stance  # type: ignore[typeddict-unknown-key]
    return [part]
