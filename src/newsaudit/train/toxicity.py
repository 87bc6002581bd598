"""Train the comment model: hand labels and teacher soft labels, six heads, calibrated, with thresholds.

Targets (all soft, in [0, 1]):

* ``toxicity``: half the hand label ("offensive" in the set's own sense), half
  the teachers' mean; the teachers alone where a set has no hand label.
* the other heads: the teachers' mean, halved on comments the hand labels call
  clean (the teachers over-fire on identity words and slang); ``insult`` and
  ``identity_attack`` are blended half and half with the hand labels that
  speak to them (OLID targeted insults; Davidson and HateXplain hate speech).

Every comment that names an identity also enters as a counterfactual copy with
each identity word swapped for a random other one (:func:`counterfactual_copies`),
with the same targets. Sentences written for this project (:mod:`.written`) fill
two gaps: neutral sentences that name groups and people enter as clean comments
(mentioning who people are is not an attack), and calls to violence with their
harmless twins teach the ``threat`` head alone (a NaN target leaves a row out of a
head's fit and calibration). Paragraphs of news articles (a seeded sample of
:data:`ARTICLE_PARAGRAPHS` from the article datasets the reliability model
trains on) also enter as clean comments: the hand-labelled sets are tweets, and
without formal prose the model takes talk of attacks, deaths and crimes for
abuse. The solver runs on one BLAS thread, so a retrain gives the same bytes on
any machine. Each head is a logistic regression on the soft target
(every comment appears once as positive with weight ``target`` and once as
negative with weight ``1 - target``). A seeded tenth of the comments (with their
counterfactual copies) is held out to fit each head's Platt calibration and
choose its threshold (best F1 against ``target >= 0.5``).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from ..features.subwords import tokens, word_key
from ..models.toxicity import HEADS, ToxicityModel
from .comments import DATASETS, load_comment_dataset, text_sha1
from .subword_matrix import build
from .written import neutral_comments, violence_comments

SEED = 0
ARTICLE_PARAGRAPHS = 10_000
COUNTERFACTUAL = True
C = 4.0
HAND_SHARE = 0.5
HOLDOUT = 0.1
#: Calls to violence we wrote (each with a harmless twin; :func:`~newsaudit.train.written.violence_comments`).
WRITTEN_CALLS = 1500

#: Identity words swapped for one another in counterfactual copies (lower case; one word each).
IDENTITY_TERMS = (
    "muslim", "muslims", "islam", "islamic", "christian", "christians", "catholic", "jewish", "jew", "jews",
    "hindu", "hindus", "sikh", "buddhist", "atheist", "black", "blacks", "white", "whites", "asian", "asians",
    "african", "africans", "arab", "arabs", "mexican", "mexicans", "latino", "latina", "hispanic", "chinese",
    "indian", "american", "americans", "european", "immigrant", "immigrants", "refugee", "refugees", "gay",
    "gays", "lesbian", "lesbians", "bisexual", "transgender", "trans", "queer", "homosexual", "straight",
    "women", "woman", "men", "man", "female", "male", "feminist", "deaf", "blind", "elderly", "young", "old",
)
_IDENTITY_WORD = re.compile(r"\b(" + "|".join(IDENTITY_TERMS) + r")\b", re.IGNORECASE)


def counterfactual_copies(frame: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """A copy of every comment that names an identity, each identity word swapped for a random other one.

    Targets are copied unchanged: the same words about another group deserve the same score
    (counterfactual data augmentation; it keeps the model from tying a group's name to toxicity).

    >>> frame = pd.DataFrame({"text": ["Gay people are welcome here", "Nice photo"], "dataset": "x"})
    >>> counterfactual_copies(frame)["text"].tolist()
    ['Men people are welcome here']
    """
    rng = np.random.default_rng(seed)
    rows = []
    for row in frame.itertuples(index=False):
        if not _IDENTITY_WORD.search(row.text):
            continue

        def swap(match: re.Match[str]) -> str:
            other = IDENTITY_TERMS[int(rng.integers(len(IDENTITY_TERMS)))]
            return other.capitalize() if match.group()[0].isupper() else other

        rows.append({**row._asdict(), "text": _IDENTITY_WORD.sub(swap, row.text), "dataset": f"{row.dataset}+swapped"})
    return pd.DataFrame(rows, columns=frame.columns)


def article_paragraphs(articles: Path, n: int, seed: int = SEED) -> list[str]:
    """A seeded sample of ``n`` paragraphs (80 to 600 characters) from the labelled article datasets."""
    from .corpus import load_corpus

    corpus = load_corpus(articles)
    paragraphs = sorted(
        {p.strip() for text in corpus["text"] for p in text.split("\n") if 80 <= len(p.strip()) <= 600}
    )
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(paragraphs), size=min(n, len(paragraphs)), replace=False)
    return [paragraphs[i] for i in sorted(chosen)]


def training_frame(data: Path, teacher: Path, articles: Path | None = None, *, seed: int = SEED) -> pd.DataFrame:
    """The comments that may train what ships, with soft targets ``target_<head>``, deduplicated by sha1.

    With ``articles`` (the article datasets folder), :data:`ARTICLE_PARAGRAPHS` news paragraphs join as clean text.
    """
    frames = [load_comment_dataset(name, data, teacher) for name, (_, _, role) in DATASETS.items() if role == "train"]
    frame = pd.concat(frames, ignore_index=True)
    # The debiasing set's dev and test splits stay out: they measure identity-term false positives.
    frame = frame[~((frame["dataset"] == "wiki_debiasing") & (frame["split"] != "train"))]
    clean = [pd.DataFrame({"text": neutral_comments(), "dataset": "neutral_templates", "y_toxic": 0.0})]
    written = pd.DataFrame(violence_comments(WRITTEN_CALLS, seed))
    if articles is not None:
        paragraphs = article_paragraphs(Path(articles), ARTICLE_PARAGRAPHS, seed)
        clean.append(pd.DataFrame({"text": paragraphs, "dataset": "article_paragraphs", "y_toxic": 0.0}))
    for extra in clean:
        for head in HEADS:
            extra[f"t_{head}"] = 0.0
        extra["sha1"] = extra["text"].map(text_sha1)
    frame = pd.concat([frame, *clean, _violence_frame(written)], ignore_index=True)
    frame = frame.drop_duplicates("sha1").reset_index(drop=True)
    # A counterfactual copy stays on the same side of the held-out split as its original.
    frame["origin"] = frame["sha1"]
    hand = frame["y_toxic"].to_numpy()
    has_hand = ~np.isnan(hand)
    clean = np.where(has_hand, hand, 1.0)  # 0 where the hand labels call a comment clean
    for head in HEADS:
        teacher_score = frame[f"t_{head}"].to_numpy()
        if head == "toxicity":
            target = np.where(has_hand, HAND_SHARE * hand + (1 - HAND_SHARE) * teacher_score, teacher_score)
        else:
            target = teacher_score * (0.5 + 0.5 * clean)
            column = {"insult": "y_insult", "identity_attack": "y_identity"}.get(head)
            if column in frame:
                extra = frame[column].to_numpy()
                target = np.where(np.isnan(extra), target, HAND_SHARE * extra + (1 - HAND_SHARE) * target)
        frame[f"target_{head}"] = np.clip(target, 0.0, 1.0)
    if COUNTERFACTUAL:
        swapped = counterfactual_copies(frame[frame["dataset"] != "article_paragraphs"], seed)
        swapped["sha1"] = swapped["text"].map(text_sha1)
        frame = pd.concat([frame, swapped], ignore_index=True).drop_duplicates("sha1").reset_index(drop=True)
    return frame


def _violence_frame(written: pd.DataFrame) -> pd.DataFrame:
    """The written calls to violence (threat 1) and their twins and reports (threat 0), for the threat head only."""
    call = (written["kind"] == "call").to_numpy(dtype=float)
    frame = pd.DataFrame({"text": written["text"], "dataset": "written_" + written["kind"], "y_toxic": np.nan})
    # They teach the threat head only: NaN says nothing to the others.
    for head in HEADS:
        frame[f"t_{head}"] = call if head == "threat" else np.nan
    frame["sha1"] = frame["text"].map(text_sha1)
    return frame


def _fit_head(X: sp.csr_matrix, target: np.ndarray, C: float) -> LogisticRegression:
    n = X.shape[0]
    stacked = sp.vstack([X, X]).tocsr()
    y = np.r_[np.ones(n), np.zeros(n)]
    weight = np.r_[target, 1 - target]
    return LogisticRegression(C=C, max_iter=300, tol=1e-4).fit(stacked, y, sample_weight=weight)


def _platt(raw: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    X = raw[:, None]
    lr = LogisticRegression(C=1e4, max_iter=1000).fit(
        np.r_[X, X], np.r_[np.ones(len(raw)), np.zeros(len(raw))], sample_weight=np.r_[target, 1 - target]
    )
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _best_threshold(p: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    best = {"threshold": 0.5, "f1": 0.0, "precision": 0.0, "recall": 0.0}
    positives = truth.sum()
    if positives == 0:
        return best
    for threshold in np.round(np.arange(0.05, 0.96, 0.01), 2):
        flagged = p >= threshold
        tp = float((flagged & truth).sum())
        precision = tp / max(flagged.sum(), 1)
        recall = tp / positives
        f1 = 2 * precision * recall / max(precision + recall, 1e-12)
        if f1 > best["f1"]:
            best = {"threshold": float(threshold), "f1": f1, "precision": precision, "recall": recall}
    return best


def fit_toxicity(frame: pd.DataFrame, *, seed: int = SEED, C: float = C) -> ToxicityModel:
    """Fit the six heads, their calibration and thresholds on ``frame`` (see :func:`training_frame`)."""
    rng = np.random.default_rng(seed)
    origin = frame["origin"] if "origin" in frame else frame["text"]
    codes, uniques = pd.factorize(origin)
    held = (rng.random(len(uniques)) < HOLDOUT)[codes]
    X, keys = build(frame["text"].tolist(), min_df=2)
    fit_rows, cal_rows = np.flatnonzero(~held), np.flatnonzero(held)
    weights = np.zeros((len(keys), len(HEADS)), dtype=np.float64)
    bias = np.zeros(len(HEADS))
    calibration = np.zeros((len(HEADS), 2))
    thresholds = np.zeros(len(HEADS))
    held_out: dict[str, Any] = {}
    # One BLAS thread: the solvers' sums then run in the same order on any machine, so a retrain
    # gives the same bytes whatever the core count (as the reliability and stance models do).
    with threadpool_limits(limits=1):
        for j, head in enumerate(HEADS):
            target = frame[f"target_{head}"].to_numpy()
            # A NaN target says nothing about this head: the row is left out of its fit and calibration.
            says = ~np.isnan(target)
            fit_h, cal_h = fit_rows[says[fit_rows]], cal_rows[says[cal_rows]]
            lr = _fit_head(X[fit_h], target[fit_h], C)
            weights[:, j] = lr.coef_[0]
            bias[j] = lr.intercept_[0]
            raw = X[cal_h] @ weights[:, j] + bias[j]
            calibration[j] = _platt(raw, target[cal_h])
            p = 1 / (1 + np.exp(-(raw * calibration[j, 0] + calibration[j, 1])))
            best = _best_threshold(p, target[cal_h] >= 0.5)
            thresholds[j] = best["threshold"]
            held_out[head] = {k: round(v, 4) for k, v in best.items()} | {
                "positives": int((target[cal_h] >= 0.5).sum())
            }
    # Drop features whose weights are all but zero: a smaller file, the same scores to 1e-4.
    keep = np.flatnonzero(np.abs(weights).max(axis=1) >= 1e-4)
    vocab = {tok for text in frame["text"] for tok in tokens(text)}
    word_keys = np.unique(np.fromiter((word_key(t) for t in vocab), dtype=np.uint32, count=len(vocab)))
    info = {
        "seed": seed,
        "C": C,
        "hand_share": HAND_SHARE,
        "article_paragraphs": int((frame["dataset"] == "article_paragraphs").sum()),
        "n_comments": int(len(frame)),
        "datasets": {k: int(v) for k, v in frame["dataset"].value_counts().sort_index().items()},
        "held_out": held_out,
    }
    return ToxicityModel(
        keys=keys[keep],
        weights=weights[keep].astype(np.float32),
        bias=bias,
        calibration=calibration,
        thresholds=thresholds,
        word_keys=word_keys,
        info=info,
    )


def train_toxicity(
    data: Path, teacher: Path, out: Path, *, articles: Path | None = None, seed: int = SEED
) -> dict[str, Any]:
    """Read the data, fit, write the model to ``out``; returns the training summary."""
    started = time.perf_counter()
    frame = training_frame(Path(data), Path(teacher), articles, seed=seed)
    model = fit_toxicity(frame, seed=seed)
    model.save(out)
    return {"out": str(out), "seconds": round(time.perf_counter() - started, 1), **model.info}
