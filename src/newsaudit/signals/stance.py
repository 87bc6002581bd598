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
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from ..models.store import load_model, save_model
from .base import WORD, Signal, percent, signal

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


def pair_features(headline: str, body: str, idf: np.ndarray, lower: str | None = None,
                  vocab: set[str] | None = None, tokens: list[str] | None = None) -> np.ndarray:
    """The feature vector of one (headline, body) pair (length :data:`N_FEATURES`).

    ``lower`` (the lower-cased body), ``tokens`` (``WORD.findall(lower)``) and ``vocab``
    (their set) save the work when the caller already has them.
    """
    lower = body.lower() if lower is None else lower
    tokens = WORD.findall(lower) if tokens is None else tokens
    vocab = set(tokens) if vocab is None else vocab
    head_tokens = WORD.findall(headline.lower())
    hset = {t for t in head_tokens if t not in _STOP and len(t) > 1}
    hw = {w: float(idf[_bucket(w)]) for w in hset}
    total = sum(hw.values()) or 1.0
    n_words = len(tokens)
    cov_all = sum(hw[w] for w in hset & vocab) / total
    plain = len(hset & vocab) / len(hset) if hset else 0.0
    # Coverage of the headline by each window of 30 words: where the body is about the headline.
    windows = []
    for i in range(0, n_words, _WINDOW):
        ws = set(tokens[i:i + _WINDOW])
        windows.append((sum(hw[w] for w in hset & ws) / total, i, ws))
    best = max((c for c, _, _ in windows), default=0.0)
    lead = max((c for c, i, _ in windows if i < 2 * _WINDOW), default=0.0)
    top = sorted(windows, key=lambda x: (-x[0], x[1]))[:3]
    refute_near = sum(len(ws & _REFUTE) for _, _, ws in top)
    refute = len(vocab & _REFUTE)
    hedge = len(vocab & _HEDGE)
    agree = len(vocab & _AGREE)
    pairs = [a + " " + b for a, b in pairwise(head_tokens) if a not in _STOP and b not in _STOP]
    bigram = sum(1 for p in pairs if p in lower) / len(pairs) if pairs else 0.0
    words_head = set(head_tokens)
    head_refute = float(bool(words_head & _REFUTE))
    head_hedge = float(bool(words_head & _HEDGE))
    question = float("?" in headline)
    lw = math.log1p(n_words)
    rb, hb, ab = math.log1p(refute), math.log1p(hedge), math.log1p(agree)
    dense = [
        cov_all, lead, best, plain, bigram, math.log1p(len(hset)), lw,
        rb, hb, ab, refute / max(len(vocab), 1) * 100, hedge / max(len(vocab), 1) * 100,
        math.log1p(refute_near), head_refute, head_hedge, question,
        cov_all * rb, cov_all * hb, cov_all * ab, cov_all * math.log1p(refute_near),
        cov_all * head_refute, cov_all * head_hedge, cov_all * question, cov_all * cov_all, best * best,
    ]
    bins = [0.0] * (3 * _BINS)
    for j, v in enumerate((cov_all, best, bigram)):
        bins[j * _BINS + min(int(v * _BINS), _BINS - 1)] = 1.0
    return np.asarray(dense + bins, dtype=np.float64)


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


def stance_signals(title: str, body: str, model: StanceModel, lower: str | None = None,
                   vocab: set[str] | None = None, tokens: list[str] | None = None) -> list[Signal]:
    """The headline–body mismatch signal; none without a headline or a body."""
    if not title.strip() or not body.strip():
        return []
    p = model.proba_of(pair_features(title, body, model.idf, lower, vocab, tokens)[None, :])[0]
    probs = dict(zip(STANCES, p.tolist()))
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
