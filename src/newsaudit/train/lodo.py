"""Figures that say whether the reliability model generalises: leave-one-dataset-out and in-dataset.

- **Leave one dataset out**: each dataset with both classes is held out in turn; the
  model is trained on all the others, minus every training article whose TF-IDF
  cosine similarity to a held-out article is 0.5 or more (some datasets share
  stories, and a copy in training would flatter the figure).
- **In-dataset**: 5-fold cross-validation inside one dataset (or one group, such as
  PolitiFact), the way most papers report; it mostly measures how well a model
  learns one outlet mix and house style.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..evaluate import reliability_metrics
from .corpus import LODO_TARGETS, load_corpus
from .reliability import TrainConfig, fit_model, stratified_folds

NEAR_DUPLICATE = 0.5


def similarity_space(frame: pd.DataFrame):
    """TF-IDF rows (L2-normalised) of every article, for cosine similarity."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = (frame["title"] + "\n\n" + frame["text"].str.slice(0, 6000)).tolist()
    return TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(docs)


def near_duplicates(X, held_out: np.ndarray, threshold: float = NEAR_DUPLICATE) -> np.ndarray:
    """Mask of rows outside ``held_out`` whose TF-IDF row ``X`` is a near-duplicate of a held-out row."""
    rest = np.flatnonzero(~held_out)
    best = np.asarray((X[rest] @ X[np.flatnonzero(held_out)].T).max(axis=1).todense()).ravel()
    mask = np.zeros(X.shape[0], dtype=bool)
    mask[rest[best >= threshold]] = True
    return mask


def held_out_logits(frame: pd.DataFrame, names: tuple[str, ...], *, seed: int = 0) -> dict[str, pd.DataFrame]:
    """For each dataset in ``names``: its rows with a ``logit`` column from a text model trained on the others.

    Near-duplicates of the held-out rows are removed from training, as in :func:`leave_one_dataset_out`.
    """
    X = similarity_space(frame)
    held: dict[str, pd.DataFrame] = {}
    for name in names:
        mask = (frame["dataset"] == name).to_numpy()
        model, _ = fit_model(frame[~mask & ~near_duplicates(X, mask)], TrainConfig(seed=seed, folds=3))
        test = frame[mask].copy()
        p = np.clip(_score(model, test), 1e-6, 1 - 1e-6)
        test["logit"] = np.log(p / (1 - p))
        held[name] = test
    return held


def fit_on_logit(logit: np.ndarray, features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (then an intercept) of ``features`` added to a fixed ``logit``: L2-regularised logistic regression.

    How the source prior and the signals are measured on top of the text model.
    """
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> float:
        z = logit + features @ w[:-1] + w[-1]
        return float(np.sum(np.logaddexp(0, z) - y * z) + 0.5 * np.sum(w[:-1] ** 2))

    return minimize(loss, np.zeros(features.shape[1] + 1), method="L-BFGS-B").x


def _score(model, frame: pd.DataFrame) -> np.ndarray:
    return model.predict_proba(list(zip(frame["title"], frame["text"])))


def leave_one_dataset_out(
    data: Path, *, seed: int = 0, targets: tuple[str, ...] = LODO_TARGETS, folds: int = 3
) -> dict[str, Any]:
    """Train on all datasets but one, test on that one, for each of ``targets``.

    ``folds`` is the cross-validation used for calibration inside each training run.
    """
    frame = load_corpus(data)
    config = TrainConfig(seed=seed, folds=folds)
    out: dict[str, Any] = {"protocol": "leave-one-dataset-out", "near_duplicate_cosine": NEAR_DUPLICATE, "datasets": {}}
    X = similarity_space(frame)
    for name in targets:
        held = (frame["dataset"] == name).to_numpy()
        dup = near_duplicates(X, held)
        model, _ = fit_model(frame[~held & ~dup], config)
        test = frame[held]
        p = _score(model, test)
        row = reliability_metrics(test["label"].to_numpy(), p)
        row["removed_near_duplicates"] = int(dup.sum())
        out["datasets"][name] = row
    out["mean_roc_auc"] = float(np.mean([r["roc_auc"] for r in out["datasets"].values()]))
    return out


def in_dataset(frame: pd.DataFrame, *, seed: int = 0, folds: int = 5, by: str = "dataset") -> dict[str, Any]:
    """5-fold cross-validation inside each dataset (``by="dataset"``) or group (``by="group"``) of ``frame``."""
    config = replace(TrainConfig(seed=seed), folds=3)
    out: dict[str, Any] = {"protocol": f"{folds}-fold inside each {by}", "datasets": {}}
    for name, part in frame.groupby(by):
        if part["label"].nunique() < 2 or min(part["label"].value_counts()) < folds:
            continue
        part = part.reset_index(drop=True)
        y = part["label"].to_numpy()
        fold = stratified_folds(np.zeros(len(part)), y, folds, seed)
        p = np.zeros(len(part))
        for k in range(folds):
            model, _ = fit_model(part[fold != k], config)
            p[fold == k] = _score(model, part[fold == k])
        out["datasets"][name] = reliability_metrics(y, p)
    return out


def in_dataset_figures(data: Path, *, seed: int = 0, folds: int = 5) -> dict[str, Any]:
    """In-dataset figures for every dataset and every group (PolitiFact, GossipCop, ...)."""
    frame = load_corpus(data)
    by_dataset = in_dataset(frame, seed=seed, folds=folds, by="dataset")
    by_group = in_dataset(frame, seed=seed, folds=folds, by="group")
    rows = dict(by_dataset["datasets"])
    rows.update({k: v for k, v in by_group["datasets"].items() if k not in rows})
    return {"protocol": f"{folds}-fold cross-validation inside each dataset and group", "datasets": rows}
