"""Train the headline–body stance model on FNC-1 (``newsaudit train stance``).

Only FNC-1's labelled competition set is available (see its PROVENANCE.md), so it
is split by body: 20% of bodies (seed 0) are held out, and no held-out body is
seen in training. Word weights (IDF) come from the separate, unlabelled
``train_bodies.csv``. The shipped model is then refitted on every labelled pair.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..signals.base import WORD
from ..signals.stance import BUCKETS, STANCES, StanceModel, _bucket, pair_features


def load_fnc1(root: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """Labelled pairs ``{headline, body_id, body, stance}`` and the unlabelled bodies."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"FNC-1 folder {root} not found")
    stances = pd.read_csv(root / "competition_test_stances.csv", encoding="utf-8")
    bodies = pd.read_csv(root / "competition_test_bodies.csv", encoding="utf-8")
    pairs = stances.merge(bodies, on="Body ID", how="inner")
    pairs = pairs.rename(columns={"Headline": "headline", "Body ID": "body_id", "articleBody": "body",
                                  "Stance": "stance"})
    extra = pd.read_csv(root / "train_bodies.csv", encoding="utf-8")["articleBody"].astype(str).tolist()
    return pairs[["headline", "body_id", "body", "stance"]], extra


def fit_idf(documents: list[str]) -> np.ndarray:
    df = np.zeros(BUCKETS)
    for doc in documents:
        for b in {_bucket(w) for w in WORD.findall(doc.lower())}:
            df[b] += 1
    return np.log((1 + len(documents)) / (1 + df)) + 1.0


def _features(frame: pd.DataFrame, idf: np.ndarray) -> np.ndarray:
    return np.vstack([pair_features(h, b, idf) for h, b in zip(frame["headline"], frame["body"])])


def _fit(X: np.ndarray, y: np.ndarray, idf: np.ndarray, info: dict[str, Any], C: float) -> StanceModel:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=2000)
    # One BLAS thread: how a threaded BLAS splits its sums can change the last bits, and the weights must not.
    with threadpool_limits(limits=1):
        clf.fit((X - mean) / scale, y)
    order = [list(clf.classes_).index(s) for s in range(len(STANCES))]
    return StanceModel(idf, mean, scale, clf.coef_[order], clf.intercept_[order], info)


def fnc_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """FNC-1's weighted score as a share of the best possible (0.25 related/unrelated, +0.75 exact related)."""
    unrelated = STANCES.index("unrelated")
    score = best = 0.0
    for t, p in zip(y_true, y_pred):
        rel_t, rel_p = t != unrelated, p != unrelated
        best += 1.0 if rel_t else 0.25
        if rel_t == rel_p:
            score += 0.25
        if rel_t and t == p:
            score += 0.75
    return score / best


def stance_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    pred = p.argmax(axis=1)
    unrelated = STANCES.index("unrelated")
    return {
        "n": len(y),
        "accuracy": float(accuracy_score(y, pred)),
        "macro_f1": float(f1_score(y, pred, average="macro")),
        "f1": dict(zip(STANCES, f1_score(y, pred, average=None, labels=range(4)).round(3).tolist())),
        "related_accuracy": float(np.mean((y == unrelated) == (pred == unrelated))),
        "fnc_score": float(fnc_score(y, pred)),
    }


def train_stance(data: str | Path, out: str | Path, *, seed: int = 0, C: float = 1.0,
                 test_share: float = 0.2) -> dict[str, Any]:
    """Measure on held-out bodies, refit on all pairs, write the model; returns the figures."""
    t0 = time.perf_counter()
    pairs, extra = load_fnc1(data)
    idf = fit_idf(extra)
    y = pairs["stance"].map({s: i for i, s in enumerate(STANCES)}).to_numpy()
    X = _features(pairs, idf)
    bodies = np.array(sorted(pairs["body_id"].unique()))
    rng = np.random.default_rng(seed)
    held_bodies = set(rng.choice(bodies, size=round(test_share * len(bodies)), replace=False).tolist())
    held = pairs["body_id"].isin(held_bodies).to_numpy()
    info: dict[str, Any] = {"data": "FNC-1 competition set (Emergent), split by body", "seed": seed, "C": C}
    model = _fit(X[~held], y[~held], idf, info, C)
    test = stance_metrics(y[held], model.predict_proba(list(zip(pairs["headline"][held], pairs["body"][held]))))
    majority = float(np.mean(y[held] == STANCES.index("unrelated")))
    info.update(
        held_out=dict(test, bodies=len(held_bodies), majority_class_accuracy=majority),
        train_pairs=int((~held).sum()),
        all_pairs=len(pairs),
    )
    final = _fit(X, y, idf, info, C)
    final.save(out)
    info["seconds"] = round(time.perf_counter() - t0, 1)
    return {"out": str(out), **info}
