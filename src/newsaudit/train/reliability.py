"""Fit the reliability model: what it learns from, and how it is kept from learning the datasets.

Three habits carry the leave-one-dataset-out figure (see MODEL_CARD.md):

1. **Balanced datasets.** Every dataset, and each class inside it, gets the same
   total weight, so the 4,600 GossipCop fakes cannot define "unreliable".
2. **Consistent words only.** A word n-gram is kept only if its association with
   the label points the same way in more datasets than it points the other way
   (by at least ``consistency``): site names, crawl artefacts and topics that one
   dataset happens to carry have no consistent direction and drop out.
3. **Patterns over topics.** The shape view (frequent words kept, other words
   reduced to X/x/C/D) describes how a text is written, not what it is about.

Training is deterministic: the same data and seed give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..features.ngrams import NgramVectorizer
from ..features.style import style_features
from ..features.tokens import is_word, tokenize
from ..models.calibration import Platt
from ..models.reliability import ReliabilityModel


@dataclass(frozen=True)
class TrainConfig:
    """Every choice that shapes the model; stored in the model's ``info``."""

    seed: int = 0
    keep_words: int = 100  # frequent words kept as themselves in the pattern view
    word_ngrams: int = 2
    word_idf: bool = False  # presence with idf weights instead of plain presence
    word_counts: bool = False  # 1 + log(count) instead of presence
    pattern_ngrams: int = 3
    min_df: int = 5
    consistency: int = 2
    consistency_threshold: float = 0.2
    style_factor: float = 0.1
    C: float = 1.0
    max_chars: int = 6000
    folds: int = 5


@dataclass
class Features:
    """The training matrix of one corpus, with the vectorizers that made it."""

    words: NgramVectorizer
    patterns: NgramVectorizer
    X_words: Any  # scipy.sparse.csr_matrix
    X_patterns: Any
    style: np.ndarray  # raw style features, not yet standardised


def frequent_words(documents: list[list[str]], n: int) -> list[str]:
    """The ``n`` lower-cased words found in most documents (ties broken alphabetically)."""
    df: Counter[str] = Counter()
    for tokens in documents:
        df.update({t.lower() for t in tokens if is_word(t)})
    return [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _matrix(vec: NgramVectorizer, documents: list[list[str]]):
    from scipy import sparse

    indptr, indices, data = [0], [np.zeros(0, dtype=np.int64)], [np.zeros(0)]
    for tokens in documents:
        idx, val = vec.transform(tokens)
        indices.append(idx)
        data.append(val)
        indptr.append(indptr[-1] + len(idx))
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(len(documents), vec.n_features))


def featurize(frame: pd.DataFrame, config: TrainConfig) -> Features:
    titles = list(frame["title"])
    bodies = [b[: config.max_chars] for b in frame["text"]]
    title_tokens = [tokenize(t) for t in titles]
    body_tokens = [tokenize(b) for b in bodies]
    word_docs = [ReliabilityModel.word_tokens(tt, bt) for tt, bt in zip(title_tokens, body_tokens)]
    words = NgramVectorizer.fit(
        word_docs, n_max=config.word_ngrams, min_df=config.min_df, max_df=0.9,
        use_idf=config.word_idf, counts=config.word_counts,
    )
    patterns = NgramVectorizer.fit(
        body_tokens,
        n_max=config.pattern_ngrams,
        view="patterns",
        keep=frequent_words(body_tokens, config.keep_words),
        counts=True,
        use_idf=True,
        min_df=config.min_df,
        max_df=0.95,
    )
    style = np.array([style_features(*args) for args in zip(titles, bodies, title_tokens, body_tokens)])
    return Features(words, patterns, _matrix(words, word_docs), _matrix(patterns, body_tokens), style)


def balanced_weights(datasets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights giving each (dataset, class) cell the same total, with mean 1."""
    w = np.ones(len(y))
    for d in np.unique(datasets):
        for c in (0, 1):
            m = (datasets == d) & (y == c)
            if m.any():
                w[m] = 1.0 / m.sum()
    return w * len(y) / w.sum()


def consistent_columns(X, datasets: np.ndarray, y: np.ndarray, k: int, threshold: float) -> np.ndarray:
    """Columns whose smoothed log-odds (unreliable vs reliable) agree in sign across datasets.

    For each dataset with both classes, a column votes +1 if its presence log-odds
    exceeds ``threshold``, -1 below ``-threshold``; columns with ``|votes| >= k`` are kept.
    """
    B = (X > 0).astype(np.float32).tocsr()
    votes = np.zeros(X.shape[1])
    for d in np.unique(datasets):
        m = datasets == d
        m1, m0 = m & (y == 1), m & (y == 0)
        if not m1.any() or not m0.any():
            continue
        p1 = (np.asarray(B[m1].sum(0)).ravel() + 1) / (m1.sum() + 2)
        p0 = (np.asarray(B[m0].sum(0)).ravel() + 1) / (m0.sum() + 2)
        lo = np.log(p1 / p0)
        votes += (lo > threshold).astype(float) - (lo < -threshold)
    return np.flatnonzero(np.abs(votes) >= k)


class _Fitter:
    """Fits the linear model on a row subset of prepared features."""

    def __init__(self, feats: Features, datasets: np.ndarray, y: np.ndarray, config: TrainConfig) -> None:
        self.f, self.ds, self.y, self.cfg = feats, datasets, y, config

    def fit(self, rows: np.ndarray):
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        f, cfg = self.f, self.cfg
        ds, y = self.ds[rows], self.y[rows]
        # Consistency is a rule across datasets: with a single labelled dataset (in-dataset
        # training) there is nothing to agree with, so every word is kept.
        both = sum(1 for d in np.unique(ds) if len(np.unique(y[ds == d])) == 2)
        if both >= 2 and cfg.consistency > 0:
            keep = consistent_columns(f.X_words[rows], ds, y, min(cfg.consistency, both), cfg.consistency_threshold)
        else:
            keep = np.arange(f.X_words.shape[1])
        mean = f.style[rows].mean(0)
        scale = f.style[rows].std(0)
        scale[scale == 0] = 1.0
        clf = LogisticRegression(C=cfg.C, max_iter=5000, tol=1e-6)
        # One BLAS/OpenMP thread: how many threads split the solver's sums changes the last bits of the weights,
        # and the shipped model must retrain byte for byte on any machine.
        with threadpool_limits(limits=1):
            clf.fit(self._design(rows, keep, mean, scale), y, sample_weight=balanced_weights(ds, y))
        return keep, mean, scale, clf.coef_.ravel(), float(clf.intercept_[0])

    def _design(self, rows, keep, mean, scale):
        """The model's input for ``rows``: kept word columns, patterns, standardised style."""
        from scipy import sparse

        style = np.clip((self.f.style[rows] - mean) / scale, -5, 5) * self.cfg.style_factor
        return sparse.hstack([self.f.X_words[rows][:, keep], self.f.X_patterns[rows], sparse.csr_matrix(style)]).tocsr()

    def decision(self, fitted, rows: np.ndarray) -> np.ndarray:
        keep, mean, scale, coef, intercept = fitted
        return self._design(rows, keep, mean, scale) @ coef + intercept


def stratified_folds(datasets: np.ndarray, y: np.ndarray, k: int, seed: int) -> np.ndarray:
    """A fold number per row, balanced within every (dataset, class) cell."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=int)
    for d in np.unique(datasets):
        for c in (0, 1):
            idx = np.flatnonzero((datasets == d) & (y == c))
            fold[rng.permutation(idx)] = np.arange(len(idx)) % k
    return fold


def choose_band(y: np.ndarray, p: np.ndarray, *, max_accuracy: float = 0.65, widest: float = 0.2) -> tuple[float, float]:
    """The band ``0.5 ± d`` inside which held-out verdicts are little better than a coin toss.

    ``d`` grows in steps of 0.01 (from 0.05, up to ``widest``) while the verdicts in the
    ring just inside it (``d - 0.05 < |p - 0.5| <= d``) are right at most ``max_accuracy``
    of the time; inside the band the label says "uncertain".
    """
    distance = np.abs(p - 0.5)
    best = 0.05
    for d in np.arange(0.05, widest + 1e-9, 0.01):
        ring = (distance > d - 0.05) & (distance <= d)
        if ring.sum() >= 20 and np.mean((p[ring] > 0.5) == y[ring]) > max_accuracy:
            break
        best = float(d)
    return round(0.5 - best, 2), round(0.5 + best, 2)


def fit_model(frame: pd.DataFrame, config: TrainConfig = TrainConfig()) -> tuple[ReliabilityModel, dict[str, Any]]:
    """Fit on ``frame`` (columns dataset, title, text, label); calibrate on out-of-fold logits.

    Returns the model and the held-out figures of its own cross-validation
    (``oof``: out-of-fold calibrated probabilities, with ``ece`` computed with a
    calibrator that never saw the fold it scores).
    """
    from ..evaluate import expected_calibration_error, roc_auc

    frame = frame.reset_index(drop=True)
    y = frame["label"].to_numpy().astype(int)
    ds = frame["dataset"].to_numpy()
    feats = featurize(frame, config)
    fitter = _Fitter(feats, ds, y, config)

    folds = stratified_folds(ds, y, config.folds, config.seed)
    oof = np.zeros(len(y))
    for k in range(config.folds):
        train, test = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        oof[test] = fitter.decision(fitter.fit(train), test)
    # ECE of honest calibration: each fold's probabilities come from a Platt fit on the other folds.
    p_honest = np.zeros(len(y))
    for k in range(config.folds):
        m = folds == k
        p_honest[m] = Platt.fit(oof[~m], y[~m])(oof[m])
    calibration = Platt.fit(oof, y)
    p_oof = np.asarray(calibration(oof))
    band = choose_band(y, p_oof)

    keep, mean, scale, coef, intercept = fitter.fit(np.arange(len(y)))
    nk = len(keep)
    words = feats.words.select(keep)
    # Drop n-grams whose weight is exactly zero: they cannot move a score.
    model = ReliabilityModel(
        words=words,
        patterns=feats.patterns,
        style_mean=mean,
        style_scale=scale,
        style_factor=config.style_factor,
        coef_=coef,
        intercept_=intercept,
        calibration=calibration,
        uncertain_band=band,
        max_chars=config.max_chars,
    )
    assert len(coef) == nk + feats.patterns.n_features + feats.style.shape[1]
    figures = {
        "n": int(len(y)),
        "oof_roc_auc": roc_auc(y, oof),
        "oof_ece_10_bins": expected_calibration_error(y, p_honest),
        "uncertain_band": list(band),
        "n_word_features": int(nk),
        "n_pattern_features": int(feats.patterns.n_features),
        "per_dataset_oof": _per_part(ds, y, oof, p_honest),
        "per_group_oof": _per_part(frame["group"].to_numpy() if "group" in frame else ds, y, oof, p_honest),
    }
    model.info = {"config": asdict(config), "figures": figures, "train_prior": float(y.mean())}
    return model, figures


def _per_part(parts: np.ndarray, y: np.ndarray, oof: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    from ..evaluate import expected_calibration_error, roc_auc

    out = {}
    for name in np.unique(parts):
        m = parts == name
        out[str(name)] = {
            "n": int(m.sum()),
            "roc_auc": roc_auc(y[m], oof[m]) if len(np.unique(y[m])) == 2 else None,
            "ece_10_bins": expected_calibration_error(y[m], p[m]),
        }
    return out


def train_reliability(data: Path, out: Path, *, seed: int = 0) -> dict[str, Any]:
    """``newsaudit train reliability``: rebuild the shipped model from ``data`` into ``out``."""
    from .corpus import dataset_summary, load_corpus

    frame = load_corpus(data)
    model, figures = fit_model(frame, TrainConfig(seed=seed))
    model.info["datasets"] = dataset_summary(frame)
    model.save(out)
    return {"out": str(out), **figures, "datasets": model.info["datasets"]}
