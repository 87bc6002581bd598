"""Evaluation metrics: hand-computed cases, scikit-learn where installed, and the dataset runner."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from newsaudit.article import Article
from newsaudit.errors import InputError, NewsauditError
from newsaudit.evaluate import (
    MissingDependencyError,
    accuracy,
    calibration_bins,
    evaluate_reliability,
    expected_calibration_error,
    macro_f1,
    reliability_metrics,
    roc_auc,
    roc_curve,
    write_plots,
)
from newsaudit.pipeline import Pipeline

# A case worked out by hand, used by several tests below and by tests/test_cli.py's twin.
# positives score 0.9, 0.4, 0.8; negatives 0.35, 0.1, 0.65.
Y = [1, 1, 0, 0, 1, 0]
P = [0.9, 0.4, 0.35, 0.1, 0.8, 0.65]
# AUC: 0.9 and 0.8 beat all 3 negatives, 0.4 beats 2 of them: (3 + 2 + 3) / 9.
AUC = 8 / 9
# Predictions at 0.5: [1, 0, 0, 0, 1, 1]; right on rows 0, 2, 3, 4.
ACCURACY = 4 / 6
# Class 1: TP 2, FP 1, FN 1 -> 4/6; class 0: TP 2, FP 1, FN 1 -> 4/6.
MACRO_F1 = 2 / 3
# Every prediction is alone in its bin: the mean of |y - p| = (0.1+0.6+0.35+0.1+0.2+0.65)/6.
ECE = 2.0 / 6


@pytest.mark.parametrize(
    ("y", "scores", "expected"),
    [
        pytest.param([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], 1.0, id="perfect"),
        pytest.param([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1], 0.0, id="reversed"),
        # Every positive-negative pair tied: each counts one half.
        pytest.param([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 0.5, id="all-tied"),
        pytest.param(Y, P, AUC, id="hand-case"),
        # Pairs: (0.7 vs 0.7) tie = 0.5, 0.7 > 0.2 = 1, 0.9 beats both = 2 -> 3.5 / 4.
        pytest.param([1, 0, 1, 0], [0.7, 0.7, 0.9, 0.2], 3.5 / 4, id="one-tie"),
        # Scores need not be probabilities.
        pytest.param([0, 1, 1], [-3.0, 10.0, 2.0], 1.0, id="logits"),
    ],
)
def test_roc_auc_by_hand(y, scores, expected):
    assert roc_auc(y, scores) == pytest.approx(expected)


def test_roc_auc_ignores_monotone_transforms():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 50)
    s = rng.random(50)
    assert roc_auc(y, s) == pytest.approx(roc_auc(y, np.log(s / (1 - s))))


@pytest.mark.parametrize(
    ("y", "scores", "message"),
    [
        pytest.param([1, 1, 1], [0.1, 0.2, 0.3], "both classes", id="one-class"),
        pytest.param([0, 1], [0.1], "shape", id="length"),
        pytest.param([0, 1], [0.1, float("nan")], "finite", id="nan"),
        pytest.param([0, 2], [0.1, 0.2], "only 0 and 1", id="label-2"),
    ],
)
def test_roc_auc_refuses(y, scores, message):
    with pytest.raises(ValueError, match=message):
        roc_auc(y, scores)


def test_roc_curve_by_hand():
    fpr, tpr, thresholds = roc_curve(Y, P)
    # Thresholds 0.9, 0.8, 0.65, 0.4, 0.35, 0.1: each adds one article.
    assert fpr.tolist() == pytest.approx([0, 0, 0, 1 / 3, 1 / 3, 2 / 3, 1])
    assert tpr.tolist() == pytest.approx([0, 1 / 3, 2 / 3, 2 / 3, 1, 1, 1])
    assert thresholds[0] == np.inf
    assert thresholds[1:].tolist() == [0.9, 0.8, 0.65, 0.4, 0.35, 0.1]
    # The trapezoid area under the curve is the AUC.
    assert np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2) == pytest.approx(AUC)


@pytest.mark.parametrize(
    ("y", "p", "bins", "expected"),
    [
        # Bin [0.1, 0.2): mean p 0.1, half positive -> off by 0.4, weight 1/2;
        # bin [0.9, 1.0]: mean p 0.9, all positive -> off by 0.1, weight 1/2.
        pytest.param([0, 1, 1, 1], [0.1, 0.1, 0.9, 0.9], 10, 0.25, id="two-bins"),
        # Mean p 0.5 with half positive: perfectly calibrated.
        pytest.param([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 10, 0.0, id="calibrated"),
        pytest.param(Y, P, 10, ECE, id="hand-case"),
        # One bin: |mean(y) - mean(p)| = |3/6 - 3.2/6|.
        pytest.param(Y, P, 1, 0.2 / 6, id="one-bin"),
        # p = 1.0 belongs to the last bin, p = 0.0 to the first.
        pytest.param([1, 0], [1.0, 0.0], 10, 0.0, id="edges"),
        # Bins of unequal size: [0.2,0.3) holds 3 (mean p 0.2, 1 positive: off by 2/15),
        # [0.7,0.8) holds 1 (p 0.7, positive: off by 0.3). (3 * 2/15 + 0.3) / 4.
        pytest.param([0, 1, 0, 1], [0.2, 0.2, 0.2, 0.7], 10, (3 * (1 / 3 - 0.2) + 0.3) / 4, id="weighted"),
    ],
)
def test_expected_calibration_error_by_hand(y, p, bins, expected):
    assert expected_calibration_error(y, p, bins=bins) == pytest.approx(expected)


def test_calibration_bins_keep_empty_bins_empty():
    b = calibration_bins([0, 1, 1], [0.05, 0.95, 1.0], bins=4)
    assert b["count"].tolist() == [1, 0, 0, 2]
    assert np.isnan(b["mean_p"][1]) and np.isnan(b["fraction_positive"][2])
    assert b["edges"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]


@pytest.mark.parametrize("p", [[0.5, 1.2], [-0.1, 0.5]])
def test_ece_refuses_non_probabilities(p):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        expected_calibration_error([0, 1], p)


def test_accuracy_and_macro_f1_by_hand():
    assert accuracy([0, 1, 1, 0], [0, 1, 0, 0]) == 0.75
    # Class 0: TP 2, FP 1 -> 4/5; class 1: TP 1, FN 1 -> 2/3.
    assert macro_f1([0, 0, 1, 1], [0, 0, 1, 0]) == pytest.approx((4 / 5 + 2 / 3) / 2)
    # A class never predicted scores 0: class 0 has TP 1, FP 1 -> 2/3; class 1 -> 0.
    assert macro_f1([0, 1], [0, 0]) == pytest.approx(1 / 3)
    # Labels need not be numbers.
    assert macro_f1(["a", "b"], ["a", "b"]) == 1.0


def test_reliability_metrics_by_hand():
    assert reliability_metrics(Y, P) == pytest.approx(
        {"n": 6, "accuracy": ACCURACY, "macro_f1": MACRO_F1, "roc_auc": AUC, "ece": ECE}
    )


def test_reliability_metrics_threshold_is_inclusive():
    # p = 0.5 is predicted unreliable.
    assert reliability_metrics([1, 0], [0.5, 0.49])["accuracy"] == 1.0
    assert reliability_metrics([1, 0], [0.5, 0.49], threshold=0.6)["accuracy"] == 0.5


def test_reliability_metrics_with_one_class_has_no_auc():
    metrics = reliability_metrics([1, 1], [0.9, 0.2])
    assert metrics["roc_auc"] is None
    assert metrics["accuracy"] == 0.5
    # Still valid JSON.
    json.dumps(metrics)


def test_metrics_agree_with_scikit_learn():
    sk = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(4, 60))
        y = rng.integers(0, 2, n)
        y[:2] = [0, 1]
        # Rounding makes ties, the case rank-based AUC must get right.
        p = np.round(rng.random(n), 1)
        pred = (p >= 0.5).astype(int)
        assert roc_auc(y, p) == pytest.approx(sk.roc_auc_score(y, p), abs=1e-12)
        assert accuracy(y, pred) == pytest.approx(sk.accuracy_score(y, pred))
        assert macro_f1(y, pred) == pytest.approx(sk.f1_score(y, pred, average="macro"))
        fpr, tpr, thresholds = roc_curve(y, p)
        sk_fpr, sk_tpr, sk_thresholds = sk.roc_curve(y, p, drop_intermediate=False)
        np.testing.assert_allclose(fpr, sk_fpr)
        np.testing.assert_allclose(tpr, sk_tpr)
        np.testing.assert_allclose(thresholds[1:], sk_thresholds[1:])


# -- evaluate_reliability --------------------------------------------------------------------------


class ScoreFromBody:
    """A stand-in reliability component: the article body is the probability it reports."""

    name = "reliability"
    requires = ()
    assigns = ("reliability",)

    def __call__(self, article: Article) -> Article:
        p = float(article.body)
        article.parts["reliability"] = {"label": "unreliable" if p >= 0.5 else "reliable", "probability_unreliable": p}
        return article


def test_evaluate_reliability_reads_and_scores(tmp_path):
    path = tmp_path / "test.csv"
    rows = "".join(f"{i},{p},{label}\n" for i, (p, label) in enumerate(zip(P, ["fake", "1", "real", "0", "1", "0"])))
    # An unlabelled row is skipped.
    path.write_text("id,text,label\n" + rows + "9,0.5,\n", encoding="utf-8")
    metrics, y, p = evaluate_reliability(Pipeline([ScoreFromBody()]), path, batch_size=4)
    assert y.tolist() == Y
    assert p.tolist() == P
    assert metrics == pytest.approx(reliability_metrics(Y, P))


def test_evaluate_reliability_with_other_column_names(tmp_path):
    path = tmp_path / "test.jsonl"
    path.write_text("\n".join(json.dumps({"body": str(p), "label": y}) for y, p in zip(Y, P)), encoding="utf-8")
    metrics, _, _ = evaluate_reliability(Pipeline([ScoreFromBody()]), path, text="body")
    assert metrics["roc_auc"] == pytest.approx(AUC)


def test_evaluate_reliability_without_labels(tmp_path):
    path = tmp_path / "test.csv"
    path.write_text("text\n0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="no labelled rows"):
        evaluate_reliability(Pipeline([ScoreFromBody()]), path)


# -- plots -----------------------------------------------------------------------------------------


def test_write_plots(tmp_path):
    pytest.importorskip("matplotlib")
    written = write_plots(Y, P, tmp_path / "plots")
    assert [w.name for w in written] == ["roc.png", "reliability.png"]
    for w in written:
        assert w.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_write_plots_without_matplotlib(tmp_path, monkeypatch):
    # None in sys.modules makes the import fail as if matplotlib were not installed.
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'newsaudit\[train\]'") as info:
        write_plots(Y, P, tmp_path)
    assert isinstance(info.value, NewsauditError)
    assert not list(tmp_path.iterdir())
