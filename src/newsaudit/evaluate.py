"""Measure a reliability model on labelled articles, with numpy only.

The metrics are small enough to write out, and writing them out keeps
scikit-learn an optional extra: ``newsaudit evaluate`` works on a plain install.
Labels follow the datasets: 1 = unreliable, 0 = reliable, and scores are the
probability that an article is unreliable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from newsaudit.errors import InputError, MissingDependencyError

__all__ = [
    "MissingDependencyError",
    "accuracy",
    "calibration_bins",
    "evaluate_reliability",
    "expected_calibration_error",
    "macro_f1",
    "reliability_metrics",
    "roc_auc",
    "roc_curve",
    "write_plots",
]


def _binary_labels(y: Any, name: str = "y") -> np.ndarray:
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size and not np.isin(arr, (0, 1)).all():
        raise ValueError(f"{name} must hold only 0 and 1")
    return arr.astype(np.int64)


def _scores(scores: Any, n: int, name: str = "scores") -> np.ndarray:
    arr = np.asarray(scores, dtype=np.float64)
    if arr.shape != (n,):
        raise ValueError(f"{name} must have the shape of the labels, ({n},), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite numbers (no NaN or infinity)")
    return arr


def _probabilities(y: Any, p: Any) -> tuple[np.ndarray, np.ndarray]:
    y = _binary_labels(y)
    p = _scores(p, len(y), "p")
    if len(y) == 0:
        raise ValueError("no samples")
    if ((p < 0) | (p > 1)).any():
        raise ValueError("p must be probabilities in [0, 1]")
    return y, p


def roc_auc(y: Any, scores: Any) -> float:
    """Area under the ROC curve: the chance a positive scores above a negative.

    Computed from ranks (the Mann-Whitney U statistic); tied scores get their
    average rank, so a tie between a positive and a negative counts one half.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels; 1 is the positive class (unreliable).
    scores : array-like of float
        Higher means more likely positive.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        ``y`` holds only one class, or the inputs are malformed.

    Examples
    --------
    Of the 2 x 2 positive-negative pairs, 3 are ordered right and one is a tie:

    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    0.875
    """
    y = _binary_labels(y)
    s = _scores(scores, len(y))
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs both classes in y")
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    # 1-based ranks: a run of tied scores from rank a to rank b all get (a + b) / 2.
    average_ranks = (ends - counts + 1 + ends) / 2.0
    ranks = average_ranks[inverse.reshape(-1)]
    u = ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def roc_curve(y: Any, scores: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False and true positive rates at each distinct score threshold.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels.
    scores : array-like of float
        Higher means more likely positive.

    Returns
    -------
    fpr, tpr : ndarray
        Rates when predicting positive for ``scores >= thresholds[i]``; both
        start at 0 and end at 1.
    thresholds : ndarray
        Distinct scores in decreasing order, after a leading ``inf``.

    Examples
    --------
    >>> fpr, tpr, _ = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.5, 1.0], [0.0, 0.5, 1.0, 1.0])
    """
    y = _binary_labels(y)
    s = _scores(scores, len(y))
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("a ROC curve needs both classes in y")
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    # The last index of each run of equal scores: a threshold takes the whole run.
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.cumsum(y)[last]
    fp = (last + 1) - tp
    fpr = np.r_[0.0, fp / n_neg]
    tpr = np.r_[0.0, tp / n_pos]
    return fpr, tpr, np.r_[np.inf, s[last]]


def calibration_bins(y: Any, p: Any, bins: int = 10) -> dict[str, np.ndarray]:
    """Group predictions into equal-width probability bins.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels.
    p : array-like of float in [0, 1]
        Predicted probability of class 1.
    bins : int
        Bin ``i`` holds ``i / bins <= p < (i + 1) / bins``; the last bin also holds 1.

    Returns
    -------
    dict of ndarray, one entry per bin
        ``count``; ``mean_p``, the mean prediction; ``fraction_positive``, the
        observed rate of class 1 (both NaN for an empty bin); ``edges``
        (``bins + 1`` values).

    Examples
    --------
    >>> b = calibration_bins([0, 1, 1], [0.1, 0.15, 0.95], bins=2)
    >>> b["count"].tolist(), b["fraction_positive"].tolist()
    ([2, 1], [0.5, 1.0])
    """
    if bins < 1:
        raise ValueError("bins must be at least 1")
    y, p = _probabilities(y, p)
    index = np.minimum((p * bins).astype(np.int64), bins - 1)
    count = np.bincount(index, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_p = np.bincount(index, weights=p, minlength=bins) / count
        fraction = np.bincount(index, weights=y, minlength=bins) / count
    return {
        "count": count,
        "mean_p": mean_p,
        "fraction_positive": fraction,
        "edges": np.linspace(0.0, 1.0, bins + 1),
    }


def expected_calibration_error(y: Any, p: Any, bins: int = 10) -> float:
    """Expected calibration error over equal-width bins, weighted by bin size.

    ``sum_b (n_b / n) * |observed rate in b - mean prediction in b|``: how far,
    on average, the predicted probabilities are from the observed frequencies.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels.
    p : array-like of float in [0, 1]
        Predicted probability of class 1.
    bins : int
        Number of equal-width bins over [0, 1] (see :func:`calibration_bins`).

    Returns
    -------
    float
        0 for perfect calibration, at most 1.

    Examples
    --------
    Two predictions of 0.1 of which one is positive (off by 0.4), two of 0.9 both
    positive (off by 0.1): ``0.5 * 0.4 + 0.5 * 0.1``.

    >>> round(expected_calibration_error([0, 1, 1, 1], [0.1, 0.1, 0.9, 0.9]), 6)
    0.25
    """
    b = calibration_bins(y, p, bins)
    full = b["count"] > 0
    gaps = np.abs(b["fraction_positive"][full] - b["mean_p"][full])
    return float((b["count"][full] * gaps).sum() / b["count"].sum())


def accuracy(y: Any, pred: Any) -> float:
    """Share of predictions equal to the true label.

    Parameters
    ----------
    y, pred : array-like
        True and predicted labels, of the same length.

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    y, pred = _same_length(y, pred)
    return float((y == pred).mean())


def macro_f1(y: Any, pred: Any) -> float:
    """Unweighted mean of the per-class F1 scores.

    The classes are those present in ``y`` or ``pred``; a class's F1 is
    ``2 TP / (2 TP + FP + FN)``, so 0 for a class never predicted right (as
    scikit-learn's ``f1_score(average="macro")``).

    Parameters
    ----------
    y, pred : array-like
        True and predicted labels, of the same length.

    Returns
    -------
    float

    Examples
    --------
    Class 1: TP 1, FN 1, so F1 2/3; class 0: TP 2, FP 1, so F1 4/5.

    >>> round(macro_f1([0, 0, 1, 1], [0, 0, 1, 0]), 4)
    0.7333
    """
    y, pred = _same_length(y, pred)
    scores = []
    for label in np.union1d(y, pred):
        tp = np.sum((y == label) & (pred == label))
        fp = np.sum((y != label) & (pred == label))
        fn = np.sum((y == label) & (pred != label))
        scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def _same_length(y: Any, pred: Any) -> tuple[np.ndarray, np.ndarray]:
    y, pred = np.asarray(y), np.asarray(pred)
    if y.ndim != 1 or y.shape != pred.shape:
        raise ValueError(f"y and pred must be one-dimensional and of the same length, got {y.shape} and {pred.shape}")
    if len(y) == 0:
        raise ValueError("no samples")
    return y, pred


def reliability_metrics(y: Any, p: Any, threshold: float = 0.5) -> dict[str, Any]:
    """The figures ``newsaudit evaluate reliability`` reports.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels, 1 = unreliable.
    p : array-like of float in [0, 1]
        Predicted probability that each article is unreliable.
    threshold : float
        An article is predicted unreliable when ``p >= threshold``.

    Returns
    -------
    dict
        ``n``, ``accuracy``, ``macro_f1``, ``roc_auc`` and ``ece`` (10 bins).
        ``roc_auc`` is ``None`` when ``y`` holds only one class.

    Examples
    --------
    >>> m = reliability_metrics([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    >>> m["n"], m["accuracy"], m["roc_auc"]
    (4, 0.75, 0.875)
    """
    y, p = _probabilities(y, p)
    pred = (p >= threshold).astype(np.int64)
    both_classes = 0 < y.sum() < len(y)
    return {
        "n": int(len(y)),
        "accuracy": accuracy(y, pred),
        "macro_f1": macro_f1(y, pred),
        "roc_auc": roc_auc(y, p) if both_classes else None,
        "ece": expected_calibration_error(y, p),
    }


def evaluate_reliability(
    nlp: Any, path: str | os.PathLike[str], *, batch_size: int = 256, **read_options: Any
) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """Score a labelled dataset with a pipeline and measure the reliability part.

    Parameters
    ----------
    nlp : Pipeline
        A loaded pipeline whose reports have a ``reliability`` part.
    path : str or os.PathLike
        A labelled CSV, TSV, JSONL or Parquet file (``text``, ``label`` with
        1 = unreliable, optional ``title``), read with
        :func:`~newsaudit.read.read_labelled`; unlabelled and unreadable rows
        are skipped.
    batch_size : int
        Articles per :meth:`Pipeline.pipe` batch.
    **read_options
        Passed to :func:`~newsaudit.read.read_labelled` (``text=``, ``title=``, ...).

    Returns
    -------
    metrics : dict
        See :func:`reliability_metrics`.
    y : ndarray of int
        The labels.
    p : ndarray of float
        The predicted probabilities of unreliable.

    Raises
    ------
    InputError
        The file is missing, unreadable, or has no labelled row.
    """
    from newsaudit.read import read_labelled

    articles, labels = read_labelled(path, **read_options)
    if not articles:
        raise InputError(f"{Path(path).name} has no labelled rows: a 'label' column of 1/0 or fake/real is needed")
    p = np.fromiter(
        (r["reliability"]["probability_unreliable"] for r in nlp.pipe(articles, batch_size=batch_size)),
        dtype=np.float64,
        count=len(articles),
    )
    y = np.asarray(labels, dtype=np.int64)
    return reliability_metrics(y, p), y, p


def average_precision(y: Any, scores: Any) -> float:
    """Average precision: the mean of the precision at each positive, ranked by score (ties share a rank).

    >>> average_precision([0, 1, 0, 1], [0.1, 0.9, 0.8, 0.3])
    0.8333333333333333
    """
    y, scores = _binary_labels(y), _scores(scores, len(np.asarray(y)))
    positives = int(y.sum())
    if positives == 0:
        raise ValueError("average precision needs at least one positive")
    order = np.argsort(-scores, kind="stable")
    ys, ss = y[order], scores[order]
    # Evaluate precision and recall at the end of each run of tied scores.
    last = np.r_[np.flatnonzero(ss[1:] != ss[:-1]), len(ss) - 1]
    tp = np.cumsum(ys)[last]
    precision = tp / (last + 1)
    recall = tp / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def f1_score(y: Any, pred: Any) -> float:
    """F1 of the positive class.

    >>> f1_score([0, 1, 1, 0], [0, 1, 0, 1])
    0.5
    """
    y, pred = _same_length(y, pred)
    tp = float(np.sum((y == 1) & (pred == 1)))
    denominator = float(np.sum(y == 1) + np.sum(pred == 1))
    return 2 * tp / denominator if denominator else 0.0


def toxicity_metrics(y: Any, p: Any, threshold: float) -> dict[str, Any]:
    """The figures ``newsaudit evaluate toxicity`` reports: n, ROC AUC, average precision, F1 at the threshold, ECE.

    >>> m = toxicity_metrics([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8], threshold=0.5)
    >>> m["n"], m["roc_auc"], m["f1"]
    (4, 0.875, 0.6666666666666666)
    """
    y, p = _probabilities(y, p)
    both_classes = 0 < y.sum() < len(y)
    return {
        "n": int(len(y)),
        "roc_auc": roc_auc(y, p) if both_classes else None,
        "average_precision": average_precision(y, p) if y.sum() else None,
        "f1": f1_score(y, (p >= threshold).astype(np.int64)),
        "ece": expected_calibration_error(y, p),
    }


def evaluate_toxicity(
    toxicity: Any, path: str | os.PathLike[str], *, head: str = "toxicity", **read_options: Any
) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """Score a labelled file of comments (``text``, ``label`` 1/0) with one head of a toxicity component.

    Returns the metrics (:func:`toxicity_metrics`, at the component's threshold
    for ``head``), the labels and the probabilities.
    """
    from newsaudit.article import Comment
    from newsaudit.read import read_labelled

    if head not in toxicity.thresholds:
        raise InputError(f"unknown head {head!r}; the heads are {', '.join(toxicity.thresholds)}")
    rows, labels = read_labelled(path, **read_options)
    if not rows:
        raise InputError(f"{Path(path).name} has no labelled rows: a 'label' column of 1/0 is needed")
    scored = toxicity.score_comments([Comment(row.body) for row in rows])
    p = np.array([c["scores"][head] for c in scored], dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    return toxicity_metrics(y, p, toxicity.thresholds[head]), y, p


def write_plots(y: Any, p: Any, directory: str | os.PathLike[str]) -> list[Path]:
    """Draw the ROC curve and the reliability diagram as PNG files.

    Parameters
    ----------
    y : array-like of {0, 1}
        True labels, 1 = unreliable (both classes needed for the ROC curve).
    p : array-like of float in [0, 1]
        Predicted probability of unreliable.
    directory : str or os.PathLike
        Created if missing; receives ``roc.png`` and ``reliability.png``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    MissingDependencyError
        matplotlib is not installed (it comes with the ``train`` extra).
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingDependencyError(
            "plots need matplotlib, part of the 'train' extra: pip install 'newsaudit[train]'"
        ) from exc

    y, p = _probabilities(y, p)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)

    # Figures bound to an Agg canvas directly: no pyplot, no global backend switch.
    fpr, tpr, _ = roc_curve(y, p)
    fig = Figure(figsize=(5, 5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="chance")
    ax.plot(fpr, tpr, color="tab:blue", label=f"model (AUC {roc_auc(y, p):.3f})")
    ax.set(xlabel="false positive rate", ylabel="true positive rate", title="ROC: unreliable vs reliable")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right")
    roc_path = directory / "roc.png"
    fig.savefig(roc_path, dpi=100)

    b = calibration_bins(y, p)
    full = b["count"] > 0
    fig = Figure(figsize=(5, 6))
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect calibration")
    top.plot(b["mean_p"][full], b["fraction_positive"][full], marker="o", color="tab:blue", label="model")
    ece = expected_calibration_error(y, p)
    top.set(ylabel="observed share unreliable", title=f"Reliability diagram (ECE {ece:.3f})")
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.legend(loc="upper left")
    edges = b["edges"]
    bottom.bar(edges[:-1], b["count"], width=np.diff(edges), align="edge", color="tab:grey", edgecolor="white")
    bottom.set(xlabel="predicted probability unreliable", ylabel="articles")
    fig.tight_layout()
    reliability_path = directory / "reliability.png"
    fig.savefig(reliability_path, dpi=100)
    return [roc_path, reliability_path]
